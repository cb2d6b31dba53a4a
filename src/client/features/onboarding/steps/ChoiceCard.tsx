import type { ReactNode } from 'react';
import { cx } from '../../../components/ui/cx.js';

/** A large radio-like option ("Connect a mailbox" / "Use the sandbox"). */
export function ChoiceCard({ selected, onSelect, title, body, icon, badge }: { selected: boolean; onSelect: () => void; title: string; body: string; icon: string; badge?: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={selected}
      onClick={onSelect}
      className={cx(
        'flex h-full w-full gap-4 rounded-card border p-4 text-left transition-colors',
        selected ? 'border-brand-500 bg-brand-50/70 ring-1 ring-brand-500' : 'border-line bg-panel hover:border-brand-100 hover:bg-surface',
      )}
    >
      <span aria-hidden="true" className={cx('flex size-10 shrink-0 items-center justify-center rounded-lg', selected ? 'bg-brand-600 text-white' : 'bg-surface text-muted')}>
        <svg viewBox="0 0 24 24" className="size-5" fill="currentColor">
          <path d={icon} />
        </svg>
      </span>
      <span className="min-w-0">
        <span className="flex flex-wrap items-center gap-2 text-sm font-semibold text-ink">
          {title}
          {badge}
        </span>
        <span className="mt-1 block text-sm text-muted">{body}</span>
      </span>
    </button>
  );
}

export const ICONS = {
  mailbox: 'M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm1 2.4V17h16V7.4l-8 5.3-8-5.3ZM5.8 7l6.2 4.1L18.2 7H5.8Z',
  sandbox: 'M4 4h16v4H4V4Zm1 6h14v10H5V10Zm4 2v2h6v-2H9Z',
  upload: 'M12 3 7 8l1.4 1.4L11 6.8V16h2V6.8l2.6 2.6L17 8l-5-5ZM5 18v2h14v-2H5Z',
  sample: 'M9 2v2H7v2h1v4.4L4.3 17.6A2 2 0 0 0 6 20.5h12a2 2 0 0 0 1.7-2.9L16 10.4V6h1V4h-2V2H9Zm1 4h4v5l1.5 3h-7l1.5-3V6Z',
};
