import { useId } from 'react';
import { PROSPECT_FIELDS } from '../../../shared/enums.js';
import { Badge } from '../../components/ui/Badge.js';
import { Table, Td, Th, Tr } from '../../components/ui/Table.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import type { RouterOutputs } from '../../lib/trpc.js';
import type { ColumnTarget } from './csv-file.js';

type Preview = RouterOutputs['prospects']['previewImport'];

const TARGETS: ColumnTarget[] = ['ignore', 'custom', ...PROSPECT_FIELDS];

export const targetKey = (target: ColumnTarget) => `prospects.import.target.${target}` as MessageKey;

const FORMAT_KEYS: Record<Preview['format'], MessageKey> = {
  salesNavigator: 'prospects.import.format.salesNavigator',
  phantombuster: 'prospects.import.format.phantombuster',
  apollo: 'prospects.import.format.apollo',
  plain: 'prospects.import.format.plain',
  unknown: 'prospects.import.format.unknown',
};

/** One row per column of the file: its header, sample values, and where it goes (a select). */
export function ImportMappingStep({ preview, mapping, onChange }: { preview: Preview; mapping: ColumnTarget[]; onChange: (next: ColumnTarget[]) => void }) {
  const { t, tp } = useI18n();
  const idBase = useId();
  const samples = (index: number) =>
    preview.rows
      .map((row) => row[index]?.trim() ?? '')
      .filter(Boolean)
      .slice(0, 3);
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
        {t('prospects.import.detected')} <Badge tone={preview.format === 'unknown' ? 'neutral' : 'brand'}>{t(FORMAT_KEYS[preview.format])}</Badge>
        <span>{tp('prospects.import.columnsCount', preview.headers.length)}</span>
      </p>
      <div className="rounded-lg border border-line">
        <Table aria-label={t('prospects.import.mappingTable')}>
          <thead className="bg-surface/60">
            <tr>
              <Th>{t('prospects.import.col.column')}</Th>
              <Th>{t('prospects.import.col.samples')}</Th>
              <Th className="w-56">{t('prospects.import.col.target')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {preview.headers.map((header, index) => {
              const selectId = `${idBase}-${index}`;
              const ignored = mapping[index] === 'ignore';
              return (
                <Tr key={`${index}-${header}`} className={ignored ? 'opacity-60' : undefined}>
                  <Td className="font-medium">
                    <label htmlFor={selectId}>{header || t('prospects.import.unnamed', { n: index + 1 })}</label>
                  </Td>
                  <Td className="max-w-72 text-muted">
                    {samples(index).map((sample, i) => (
                      <span key={i} className="block truncate text-xs">
                        {sample}
                      </span>
                    ))}
                  </Td>
                  <Td>
                    <select
                      id={selectId}
                      value={mapping[index]}
                      onChange={(event) => onChange(mapping.map((target, i) => (i === index ? (event.target.value as ColumnTarget) : target)))}
                      className="h-9 w-full rounded-lg border border-line bg-panel px-2 text-sm focus:border-brand-500 focus:ring-1 focus:ring-brand-500 focus:outline-none"
                    >
                      {TARGETS.map((target) => (
                        <option key={target} value={target}>
                          {t(targetKey(target))}
                        </option>
                      ))}
                    </select>
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      </div>
      <p className="text-xs text-muted">{t('prospects.import.mappingHint')}</p>
    </div>
  );
}
