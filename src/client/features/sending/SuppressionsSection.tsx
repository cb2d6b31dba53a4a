import { useRef, useState, type ChangeEvent } from 'react';
import { useIsAdmin } from '../../app/session.js';
import { Badge } from '../../components/ui/Badge.js';
import { Button } from '../../components/ui/Button.js';
import { Card, SectionHeader } from '../../components/ui/Card.js';
import { ConfirmDialog, FormDialog } from '../../components/ui/Dialog.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { SelectField, TextAreaField, TextField } from '../../components/ui/Field.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { Table, Td, Th, Tr } from '../../components/ui/Table.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { useDebounced } from '../../lib/useDebounced.js';
import { useErrorText } from '../../lib/useErrorText.js';

type Entry = RouterOutputs['suppressions']['list']['items'][number];
const PAGE_SIZE = 25;
const REASONS = ['manual', 'complaint', 'unsubscribe', 'bounce'] as const;

/** Settings → Email: the suppression list with search, pages, add, CSV import/export and remove. */
export function SuppressionsSection() {
  const { t, tp, formatDate, formatNumber } = useI18n();
  const isAdmin = useIsAdmin();
  const toast = useToast();
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const q = useDebounced(query.trim(), 250);
  const list = trpc.suppressions.list.useQuery({ q: q || undefined, page, pageSize: PAGE_SIZE }, { placeholderData: (previous) => previous });
  const [adding, setAdding] = useState(false);
  const [entries, setEntries] = useState('');
  const [reason, setReason] = useState<(typeof REASONS)[number]>('manual');
  const [removing, setRemoving] = useState<Entry | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const report = (result: { added: number; alreadyListed: number; invalidCount: number }) =>
    toast.success(t('suppressions.result', { added: formatNumber(result.added), already: formatNumber(result.alreadyListed), invalid: formatNumber(result.invalidCount) }));
  const add = trpc.suppressions.add.useMutation({
    onSuccess: async (result) => {
      report(result);
      setAdding(false);
      setEntries('');
      await utils.suppressions.list.invalidate();
    },
    onError: (error) => toast.error(errorText.message(error, t('suppressions.failed'))),
  });
  const importCsv = trpc.suppressions.import.useMutation({
    onSuccess: async (result) => {
      report(result);
      await utils.suppressions.list.invalidate();
    },
    onError: (error) => toast.error(errorText.message(error, t('suppressions.failed'))),
  });
  const remove = trpc.suppressions.remove.useMutation({
    onSuccess: async () => {
      toast.success(t('suppressions.removed'));
      setRemoving(null);
      await utils.suppressions.list.invalidate();
    },
    onError: (error) => toast.error(errorText.message(error, t('suppressions.failed'))),
  });

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) importCsv.mutate({ body: await file.text(), source: file.name.slice(0, 200) });
  };
  const exportCsv = async () => {
    try {
      const response = await fetch('/api/admin/suppressions/export', { credentials: 'same-origin' });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = 'suppressions.csv';
      link.click();
      URL.revokeObjectURL(url);
    } catch {
      toast.error(t('suppressions.exportFailed'));
    }
  };

  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const value = (entry: Entry) => (entry.kind === 'email_hash' ? t('suppressions.kind.email_hash') : entry.value);

  return (
    <section aria-labelledby="suppressions-heading" className="space-y-4">
      <SectionHeader
        id="suppressions-heading"
        title={t('suppressions.title')}
        description={t('suppressions.description')}
        actions={
          <>
            <Button variant="secondary" onClick={() => void exportCsv()}>
              {t('suppressions.export')}
            </Button>
            {isAdmin && (
              <>
                <Button variant="secondary" loading={importCsv.isPending} onClick={() => fileInput.current?.click()}>
                  {importCsv.isPending ? t('suppressions.importing') : t('suppressions.import')}
                </Button>
                <input ref={fileInput} type="file" accept=".csv,text/csv,text/plain" className="sr-only" aria-label={t('suppressions.import')} tabIndex={-1} onChange={(event) => void onFile(event)} />
                <Button onClick={() => setAdding(true)}>{t('suppressions.add')}</Button>
              </>
            )}
          </>
        }
      />
      <Card>
        <div className="border-b border-line p-3">
          <TextField
            label={t('suppressions.search')}
            type="search"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setPage(1);
            }}
          />
        </div>
        {list.isPending ? (
          <SkeletonRows rows={3} label={t('common.loading')} />
        ) : list.error ? (
          <ErrorState onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          q ? (
            <p className="px-5 py-6 text-sm text-muted">{t('suppressions.noMatch')}</p>
          ) : (
            <EmptyState title={t('suppressions.empty.title')} body={t('suppressions.empty.body')} action={isAdmin ? <Button onClick={() => setAdding(true)}>{t('suppressions.add')}</Button> : undefined} />
          )
        ) : (
          <>
            <div className="overflow-x-auto">
              <Table>
                <thead>
                  <tr>
                    <Th>{t('suppressions.col.value')}</Th>
                    <Th>{t('suppressions.col.kind')}</Th>
                    <Th>{t('suppressions.col.reason')}</Th>
                    <Th>{t('suppressions.col.added')}</Th>
                    {isAdmin && <Th className="text-right">{t('suppressions.col.actions')}</Th>}
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((entry) => (
                    <Tr key={entry.id}>
                      <Td className="font-medium break-all text-ink">{value(entry)}</Td>
                      <Td>
                        <Badge tone={entry.kind === 'domain' ? 'brand' : 'neutral'}>{t(`suppressions.kind.${entry.kind}` as MessageKey)}</Badge>
                      </Td>
                      <Td>{t(`suppressions.reason.${entry.reason}` as MessageKey)}</Td>
                      <Td className="whitespace-nowrap text-muted">{formatDate(entry.createdAt, { dateStyle: 'medium' })}</Td>
                      {isAdmin && (
                        <Td className="text-right">
                          <Button size="sm" variant="danger-ghost" aria-label={`${t('suppressions.remove')} ${value(entry)}`} onClick={() => setRemoving(entry)}>
                            {t('suppressions.remove')}
                          </Button>
                        </Td>
                      )}
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </div>
            <div className="flex items-center justify-between gap-3 border-t border-line px-5 py-2 text-sm text-muted">
              <span>{tp('suppressions.total', total)}</span>
              {pages > 1 && (
                <span className="flex gap-2">
                  <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => setPage((current) => current - 1)}>
                    {t('suppressions.previous')}
                  </Button>
                  <Button size="sm" variant="secondary" disabled={page >= pages} onClick={() => setPage((current) => current + 1)}>
                    {t('suppressions.next')}
                  </Button>
                </span>
              )}
            </div>
          </>
        )}
      </Card>

      <FormDialog
        open={adding}
        onClose={() => setAdding(false)}
        title={t('suppressions.addTitle')}
        submitLabel={t('suppressions.add')}
        submitting={add.isPending}
        onSubmit={() => {
          const lines = entries.split(/[\n,;]+/).map((line) => line.trim()).filter(Boolean);
          if (lines.length) add.mutate({ entries: lines, reason });
        }}
      >
        <TextAreaField label={t('suppressions.entries')} hint={t('suppressions.addHint')} rows={5} value={entries} onChange={(event) => setEntries(event.target.value)} />
        <SelectField label={t('suppressions.reason')} value={reason} onChange={(event) => setReason(event.target.value as (typeof REASONS)[number])}>
          {REASONS.map((option) => (
            <option key={option} value={option}>
              {t(`suppressions.reason.${option}`)}
            </option>
          ))}
        </SelectField>
      </FormDialog>

      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate({ id: removing.id })}
        title={removing ? t('suppressions.removeTitle', { value: value(removing) }) : ''}
        body={t('suppressions.removeBody')}
        confirmLabel={t('suppressions.remove')}
        destructive
        loading={remove.isPending}
      />
    </section>
  );
}
