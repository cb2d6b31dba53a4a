import type { ReactNode } from 'react';
import { cx } from './cx.js';

export type AlertTone = 'danger' | 'warning' | 'success' | 'info';

const tones: Record<AlertTone, string> = {
  danger: 'border-danger-600/30 bg-danger-50 text-danger-700',
  warning: 'border-warning-600/30 bg-warning-50 text-warning-700',
  success: 'border-success-600/30 bg-success-50 text-success-700',
  info: 'border-brand-100 bg-brand-50 text-brand-700',
};

/** Errors interrupt (alert); good news is announced politely (status); warnings and notes are read in place. */
const roles: Record<AlertTone, 'alert' | 'status' | 'note'> = { danger: 'alert', success: 'status', warning: 'note', info: 'note' };

/**
 * A message box inside a page or form: a refused submit, a one-time warning, a test result.
 * Field-level errors stay under their field (`error` on the Field components).
 */
export function Alert({ tone = 'danger', title, icon, children, className }: { tone?: AlertTone; title?: ReactNode; icon?: ReactNode; children?: ReactNode; className?: string }) {
  return (
    <div role={roles[tone]} className={cx('flex gap-3 rounded-lg border px-4 py-3 text-sm', tones[tone], className)}>
      {icon && (
        <span className="mt-0.5 shrink-0" aria-hidden="true">
          {icon}
        </span>
      )}
      <div className="min-w-0">
        {title && <p className="font-medium">{title}</p>}
        {children && <div className={title ? 'mt-0.5 text-ink' : undefined}>{children}</div>}
      </div>
    </div>
  );
}
