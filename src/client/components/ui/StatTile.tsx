import type { ReactNode } from 'react';
import { Card } from './Card.js';
import { cx } from './cx.js';

const toneClass = { success: 'text-success-700', warning: 'text-warning-700', danger: 'text-danger-600' } as const;

/** One number with its label (and a line of context): the dashboard's and a campaign's tiles. */
export function StatTile({ label, value, sub, tone, icon }: { label: string; value: string; sub?: string; tone?: keyof typeof toneClass; icon?: ReactNode }) {
  return (
    <Card className="relative flex flex-col gap-1 px-4 py-4">
      {icon && (
        <span className="absolute top-4 right-4 text-subtle" aria-hidden="true">
          <svg viewBox="0 0 20 20" className="size-4" fill="currentColor">
            {icon}
          </svg>
        </span>
      )}
      <p className={cx('line-clamp-2 text-sm leading-5 font-medium text-muted', icon ? 'min-h-10 pr-6' : undefined)}>{label}</p>
      <p className={cx('text-2xl font-semibold tracking-tight tabular-nums', tone ? toneClass[tone] : 'text-ink')}>{value}</p>
      {sub && <p className="text-xs text-muted">{sub}</p>}
    </Card>
  );
}
