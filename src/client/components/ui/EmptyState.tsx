import type { ReactNode } from 'react';
import { useT } from '../../i18n/index.js';
import { Button } from './Button.js';

/**
 * What an empty list or section says, and what to do next. `level` keeps the outline in order:
 * 3 inside a card that has its own title (the default), 2 directly under a page's h1, 1 when it
 * is the whole page (a record that does not exist).
 */
export function EmptyState({ title, body, action, icon, level = 3 }: { title: ReactNode; body?: ReactNode; action?: ReactNode; icon?: ReactNode; level?: 1 | 2 | 3 }) {
  const Heading = (['h1', 'h2', 'h3'] as const)[level - 1]!;
  return (
    <div className="flex flex-col items-center justify-center px-6 py-14 text-center">
      {icon && (
        <div className="mb-4 text-brand-500" aria-hidden="true">
          {icon}
        </div>
      )}
      <Heading className="text-base font-semibold text-ink">{title}</Heading>
      {body && <p className="mt-1 max-w-md text-sm text-muted">{body}</p>}
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}

/** A filtered list that matches nothing: say so, and offer to clear the filters. */
export function NoMatches({ title, body, onClear, level = 2 }: { title: ReactNode; body?: ReactNode; onClear: () => void; level?: 2 | 3 }) {
  const t = useT();
  return (
    <EmptyState
      level={level}
      title={title}
      body={body}
      action={
        <Button variant="secondary" onClick={onClear}>
          {t('common.clearFilters')}
        </Button>
      }
    />
  );
}
