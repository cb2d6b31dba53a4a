import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { cx } from './cx.js';

const control =
  'block w-full rounded-lg border bg-panel px-3 text-sm text-ink shadow-sm placeholder:text-subtle focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 disabled:bg-surface disabled:text-muted';

type FieldShellProps = { id: string; label: ReactNode; hint?: ReactNode; error?: string; children: ReactNode; className?: string };

/** Label, control, hint and error, wired with ids so screen readers read them together. */
function FieldShell({ id, label, hint, error, children, className }: FieldShellProps) {
  return (
    <div className={cx('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-danger-600">
          {error}
        </p>
      )}
    </div>
  );
}

type Common = { label: ReactNode; hint?: ReactNode; error?: string; containerClassName?: string };

/** The control's own attributes: its id, its border (red on error) and what describes it. */
function controlProps(id: string, { hint, error }: Pick<Common, 'hint' | 'error'>, shape: string, className: string | undefined) {
  return {
    id,
    className: cx(control, shape, error ? 'border-danger-600' : 'border-line', className),
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  };
}

export const TextField = forwardRef<HTMLInputElement, Common & InputHTMLAttributes<HTMLInputElement>>(function TextField(
  { label, hint, error, containerClassName, className, id: givenId, ...rest },
  ref,
) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={containerClassName}>
      <input ref={ref} {...controlProps(id, { hint, error }, 'h-10', className)} {...rest} />
    </FieldShell>
  );
});

export const TextAreaField = forwardRef<HTMLTextAreaElement, Common & TextareaHTMLAttributes<HTMLTextAreaElement>>(function TextAreaField(
  { label, hint, error, containerClassName, className, id: givenId, ...rest },
  ref,
) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={containerClassName}>
      <textarea ref={ref} {...controlProps(id, { hint, error }, 'min-h-24 py-2', className)} {...rest} />
    </FieldShell>
  );
});

export const SelectField = forwardRef<HTMLSelectElement, Common & SelectHTMLAttributes<HTMLSelectElement>>(function SelectField(
  { label, hint, error, containerClassName, className, id: givenId, children, ...rest },
  ref,
) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={containerClassName}>
      <select ref={ref} {...controlProps(id, { hint, error }, 'h-10 pr-2', className)} {...rest}>
        {children}
      </select>
    </FieldShell>
  );
});

export function CheckboxField({ label, hint, id: givenId, ...rest }: { label: ReactNode; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <div className="flex items-start gap-3">
      <input id={id} type="checkbox" className="mt-0.5 size-4 rounded border-line accent-brand-600" aria-describedby={hint ? `${id}-hint` : undefined} {...rest} />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-ink">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-muted">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * A compact select for toolbars and table rows (sort order, a member's role, a prospect's stage).
 * Its label sits beside it, or is read only by screen readers with `hideLabel`.
 */
export function InlineSelect({
  label,
  hideLabel = false,
  containerClassName,
  className,
  children,
  ...rest
}: { label: ReactNode; hideLabel?: boolean; containerClassName?: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <label className={cx('inline-flex items-center gap-2 text-sm text-muted', containerClassName)}>
      <span className={hideLabel ? 'sr-only' : undefined}>{label}</span>
      <select
        className={cx(
          'h-8 rounded-lg border border-line bg-panel px-2 text-sm text-ink focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 disabled:text-muted',
          className,
        )}
        {...rest}
      >
        {children}
      </select>
    </label>
  );
}
