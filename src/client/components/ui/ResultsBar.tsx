import type { ReactNode } from 'react';
import { useT } from '../../i18n/index.js';
import { Button } from './Button.js';

/**
 * The line between a list's filters and its rows: how many results (announced when it changes),
 * "Clear filters" while filtering, and any extra control (a sort select).
 */
export function ResultsBar({ summary, onClear, children }: { summary: ReactNode | null; onClear?: () => void; children?: ReactNode }) {
  const t = useT();
  return (
    <div className="flex min-h-12 flex-wrap items-center justify-between gap-x-3 gap-y-2 border-b border-line px-4 py-2">
      <p className="text-sm text-muted" aria-live="polite">
        {summary}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        {onClear && (
          <Button variant="ghost" size="sm" onClick={onClear}>
            {t('common.clearFilters')}
          </Button>
        )}
        {children}
      </div>
    </div>
  );
}
