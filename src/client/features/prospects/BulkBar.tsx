import { useId, useState } from 'react';
import { Button } from '../../components/ui/Button.js';
import { ConfirmDialog } from '../../components/ui/Dialog.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { trpc, type RouterInputs } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { useIsAdmin } from '../../app/session.js';
import { EnrichButton } from '../enrichment/EnrichButton.js';
import { BulkMoveControls } from './BulkMoveControls.js';

type Filter = RouterInputs['prospects']['bulk']['filter'];

/**
 * Actions on the selection: the checked rows (ids), or "all N matching" (the filter is sent and
 * applied by the server — never 100k ids).
 */
export function BulkBar({
  count,
  ids,
  filter,
  knownTags,
  onExport,
  exporting,
  onClear,
}: {
  count: number;
  /** The checked ids, or null when every prospect matching `filter` is selected. */
  ids: string[] | null;
  filter: NonNullable<Filter>;
  knownTags: string[];
  onExport: () => void;
  exporting: boolean;
  onClear: () => void;
}) {
  const { t, tp } = useI18n();
  const errorText = useErrorText();
  const toast = useToast();
  const utils = trpc.useUtils();
  const [tag, setTag] = useState('');
  const [confirming, setConfirming] = useState(false);
  // Bulk delete is admin-only on the server: members are not offered it.
  const isAdmin = useIsAdmin();
  const tagInputId = useId();
  const listId = useId();
  const bulk = trpc.prospects.bulk.useMutation({
    onSuccess: async (result, input) => {
      const message =
        input.action === 'delete'
          ? tp('prospects.bulk.deleted', result.affected)
          : input.action === 'tag'
            ? tp('prospects.bulk.tagged', result.affected, { tag: input.tag ?? '' })
            : tp('prospects.bulk.untagged', result.affected, { tag: input.tag ?? '' });
      toast.success(message);
      setConfirming(false);
      if (input.action === 'delete') onClear();
      await utils.prospects.invalidate();
    },
    onError: (error) => toast.error(errorText.message(error, t('prospects.bulk.failed'))),
  });
  const target = ids ? { ids } : { filter };
  const trimmed = tag.trim();
  const run = (action: 'tag' | 'untag') => bulk.mutate({ ...target, action, tag: trimmed });

  return (
    <div role="region" aria-label={t('prospects.bulk.label')} className="flex flex-wrap items-end gap-3 border-b border-line bg-brand-50/60 px-4 py-3">
      <p className="mr-2 self-center text-sm font-medium text-ink" aria-live="polite">
        {tp('prospects.bulk.selected', count)}
      </p>
      <div className="flex items-end gap-2">
        <div>
          <label htmlFor={tagInputId} className="sr-only">
            {t('prospects.bulk.tagLabel')}
          </label>
          <input
            id={tagInputId}
            list={listId}
            value={tag}
            maxLength={50}
            onChange={(event) => setTag(event.target.value)}
            placeholder={t('prospects.bulk.tagPlaceholder')}
            className="h-8 w-40 rounded-lg border border-line bg-panel px-2 text-sm focus:border-brand-500 focus:ring-1 focus:ring-brand-500 focus:outline-none"
          />
          <datalist id={listId}>
            {knownTags.map((known) => (
              <option key={known} value={known} />
            ))}
          </datalist>
        </div>
        <Button size="sm" variant="secondary" disabled={!trimmed} loading={bulk.isPending && bulk.variables?.action === 'tag'} onClick={() => run('tag')}>
          {t('prospects.bulk.tag')}
        </Button>
        <Button size="sm" variant="secondary" disabled={!trimmed} loading={bulk.isPending && bulk.variables?.action === 'untag'} onClick={() => run('untag')}>
          {t('prospects.bulk.untag')}
        </Button>
      </div>
      <EnrichButton ids={ids} filter={filter} />
      <BulkMoveControls target={target} />
      <Button size="sm" variant="secondary" onClick={onExport} loading={exporting}>
        {t('prospects.bulk.export')}
      </Button>
      {isAdmin && (
        <Button size="sm" variant="danger-ghost" onClick={() => setConfirming(true)}>
          {t('prospects.bulk.delete')}
        </Button>
      )}
      <Button size="sm" variant="ghost" onClick={onClear} className="ml-auto">
        {t('prospects.bulk.clear')}
      </Button>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        // The count shown is the count deleted: the server refuses if the selection changed meanwhile.
        onConfirm={() => bulk.mutate({ ...target, action: 'delete', expectedCount: count })}
        loading={bulk.isPending && bulk.variables?.action === 'delete'}
        destructive
        title={tp('prospects.bulk.deleteTitle', count)}
        body={t('prospects.bulk.deleteBody')}
        confirmLabel={tp('prospects.bulk.deleteConfirm', count)}
      />
    </div>
  );
}
