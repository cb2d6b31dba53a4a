import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { useT } from '../../i18n/index.js';
import { cx } from './cx.js';

export function Table({ className, ...rest }: HTMLAttributes<HTMLTableElement>) {
  return (
    // `relative`: screen-reader-only text in cells is positioned absolutely; it must scroll with the table, not widen the page.
    <div className="relative overflow-x-auto">
      <table className={cx('min-w-full divide-y divide-line text-sm', className)} {...rest} />
    </div>
  );
}

export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cx('px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-muted uppercase', className)} {...rest} />;
}

/** The header of a row-actions column: empty to the eye, named for screen readers. */
export function ActionsTh({ className }: { className?: string }) {
  const t = useT();
  return (
    <Th className={cx('text-right', className)}>
      <span className="sr-only">{t('common.actions')}</span>
    </Th>
  );
}

export type SortOrder = 'asc' | 'desc';

/** A header that sorts on click; `aria-sort` tells screen readers the current order. */
export function SortableTh<F extends string>({
  field,
  label,
  sort,
  order,
  onSort,
  className,
}: {
  field: F;
  label: string;
  sort: F;
  order: SortOrder;
  onSort: (field: F) => void;
  className?: string;
}) {
  const active = sort === field;
  return (
    <Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} className={className}>
      <button type="button" onClick={() => onSort(field)} className="group inline-flex items-center gap-1 rounded text-left uppercase hover:text-ink">
        {label}
        <svg viewBox="0 0 20 20" className={cx('size-3.5', active ? 'text-ink' : 'text-subtle opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100')} fill="currentColor" aria-hidden="true">
          {active && order === 'asc' ? <path d="M10 5 5 11h10L10 5Z" /> : <path d="M10 15 15 9H5l5 6Z" />}
        </svg>
      </button>
    </Th>
  );
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cx('px-4 py-3 align-middle text-ink', className)} {...rest} />;
}

export function Tr({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cx('hover:bg-surface/70', className)} {...rest} />;
}
