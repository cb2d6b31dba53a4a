import type { ReactNode } from 'react';
import { Badge } from '../../components/ui/Badge.js';
import { cx } from '../../components/ui/cx.js';
import { SortableTh, Table, Td, Th, Tr } from '../../components/ui/Table.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { FitScoreBadge } from '../enrichment/EnrichmentPanel.js';
import { displayName, StageBadge, type Prospect } from './prospect-ui.js';
import type { SortField, SortOrder } from './useProspectFilters.js';

type Props = {
  items: Prospect[];
  selected: ReadonlySet<string>;
  allMatching: boolean;
  onToggle: (id: string) => void;
  onTogglePage: () => void;
  sort: SortField;
  order: SortOrder;
  onSort: (field: SortField) => void;
  onOpen: (id: string) => void;
};

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
          <Th className="w-10 pr-0">
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
          <SortableTh field="fitScore" label={t('enrichment.col.fit')} {...sortProps} />
          <Th className="hidden xl:table-cell">{t('prospects.col.tags')}</Th>
          <Th className="hidden xl:table-cell">{t('prospects.col.campaign')}</Th>
          <SortableTh field="createdAt" label={t('prospects.col.created')} {...sortProps} className="hidden sm:table-cell" />
        </tr>
      </thead>
      <tbody className="divide-y divide-line">
        {items.map((prospect) => {
          const name = displayName(prospect);
          const checked = allMatching || selected.has(prospect.id);
          return (
            <Tr key={prospect.id} className={cx(checked && 'bg-brand-50/50')}>
              <Td className="pr-0">
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
              <Td className="max-w-56">
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
              <Td>
                <FitScoreBadge score={prospect.fitScore} />
              </Td>
              <Td className="hidden xl:table-cell">
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
              <Td className="hidden max-w-32 truncate text-muted xl:table-cell">{muted(prospect.campaignName)}</Td>
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
