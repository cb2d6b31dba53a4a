import type { ReactNode } from 'react';
import { Badge } from '../../components/ui/Badge.js';
import { cx } from '../../components/ui/cx.js';
import { Table, Td, Th, Tr } from '../../components/ui/Table.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { displayName, StageBadge, type Prospect } from './prospect-ui.js';
import type { SortField, SortOrder } from './useProspectFilters.js';

type Props = {
  items: Prospect[];
  selected: ReadonlySet<string>;
  allMatching: boolean;
  onToggle(id: string): void;
  onTogglePage(): void;
  sort: SortField;
  order: SortOrder;
  onSort(field: SortField): void;
  onOpen(id: string): void;
};

/** A header that sorts on click; `aria-sort` tells screen readers the current order. */
function SortableTh({ field, label, sort, order, onSort, className }: { field: SortField; label: string; sort: SortField; order: SortOrder; onSort(field: SortField): void; className?: string }) {
  const active = sort === field;
  return (
    <Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} className={className}>
      <button type="button" onClick={() => onSort(field)} className="group inline-flex items-center gap-1 uppercase hover:text-ink focus-visible:outline-2 focus-visible:outline-brand-500">
        {label}
        <svg viewBox="0 0 20 20" className={cx('size-3.5', active ? 'text-ink' : 'text-subtle opacity-0 group-hover:opacity-100')} fill="currentColor" aria-hidden="true">
          {active && order === 'asc' ? <path d="M10 5 5 11h10L10 5Z" /> : <path d="M10 15 15 9H5l5 6Z" />}
        </svg>
      </button>
    </Th>
  );
}

export function ProspectsTable({ items, selected, allMatching, onToggle, onTogglePage, sort, order, onSort, onOpen }: Props) {
  const { t, formatDate } = useI18n();
  const pageSelected = items.length > 0 && (allMatching || items.every((item) => selected.has(item.id)));
  const someSelected = !pageSelected && items.some((item) => selected.has(item.id));
  const sortProps = { sort, order, onSort };
  const muted = (value: ReactNode) => (value ? value : <span className="text-subtle">—</span>);
  return (
    <Table aria-label={t('prospects.table.label')}>
      <thead className="bg-surface/60">
        <tr>
          <Th className="w-10">
            <input
              type="checkbox"
              className="size-4 accent-brand-600"
              aria-label={t('prospects.select.page')}
              checked={pageSelected}
              ref={(element) => {
                if (element) element.indeterminate = someSelected;
              }}
              onChange={onTogglePage}
            />
          </Th>
          <SortableTh field="name" label={t('prospects.col.nameEmail')} {...sortProps} />
          <SortableTh field="company" label={t('prospects.col.companyTitle')} {...sortProps} className="hidden md:table-cell" />
          <SortableTh field="stage" label={t('prospects.col.stage')} {...sortProps} />
          <Th className="hidden lg:table-cell">{t('prospects.col.tags')}</Th>
          <Th className="hidden lg:table-cell">{t('prospects.col.campaign')}</Th>
          <SortableTh field="createdAt" label={t('prospects.col.created')} {...sortProps} className="hidden sm:table-cell" />
        </tr>
      </thead>
      <tbody className="divide-y divide-line">
        {items.map((prospect) => {
          const name = displayName(prospect);
          const checked = allMatching || selected.has(prospect.id);
          return (
            <Tr key={prospect.id} className={cx(checked && 'bg-brand-50/50')}>
              <Td>
                <input
                  type="checkbox"
                  className="size-4 accent-brand-600"
                  aria-label={t('prospects.select.one', { name })}
                  checked={checked}
                  disabled={allMatching}
                  onChange={() => onToggle(prospect.id)}
                />
              </Td>
              {/* Two lines per cell (name over email, company over title): every column fits a laptop screen. */}
              <Td className="max-w-60">
                <button type="button" onClick={() => onOpen(prospect.id)} className="block max-w-full truncate text-left font-medium text-ink hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">
                  {name}
                </button>
                <p className="truncate text-xs text-muted">{prospect.email ?? prospect.linkedinUrl?.replace(/^https?:\/\/(www\.)?/, '') ?? ''}</p>
              </Td>
              <Td className="hidden max-w-52 md:table-cell">
                <p className="truncate">{muted(prospect.company)}</p>
                <p className="truncate text-xs text-muted">{prospect.title}</p>
              </Td>
              <Td>
                <StageBadge stage={prospect.stage} />
              </Td>
              <Td className="hidden lg:table-cell">
                <div className="flex max-w-36 items-center gap-1 overflow-hidden">
                  {prospect.tags.slice(0, 1).map((tag) => (
                    <Badge key={tag} className="max-w-28 truncate">
                      {tag}
                    </Badge>
                  ))}
                  {prospect.tags.length > 1 && (
                    <span className="text-xs whitespace-nowrap text-muted" title={prospect.tags.join(', ')}>
                      +{prospect.tags.length - 1}
                    </span>
                  )}
                </div>
              </Td>
              <Td className="hidden max-w-32 truncate text-muted lg:table-cell">{muted(prospect.campaignName)}</Td>
              <Td className="hidden whitespace-nowrap text-muted sm:table-cell">
                <time dateTime={new Date(prospect.createdAt).toISOString()}>{formatDate(prospect.createdAt, { dateStyle: 'short' })}</time>
              </Td>
            </Tr>
          );
        })}
      </tbody>
    </Table>
  );
}

export const SOURCE_KEYS: Record<string, MessageKey> = {
  csv: 'prospects.source.csv',
  linkedin: 'prospects.source.linkedin',
  manual: 'prospects.source.manual',
  api: 'prospects.source.api',
};
