import { useId, useState, type ReactNode } from 'react';
import { Badge } from '../../components/ui/Badge.js';
import { Button, ButtonLink } from '../../components/ui/Button.js';
import { ConfirmDialog, Dialog } from '../../components/ui/Dialog.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { InlineSelect } from '../../components/ui/Field.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { PROSPECT_STAGES, type ProspectStage } from '../../../shared/enums.js';
import { EnrichmentPanel } from '../enrichment/EnrichmentPanel.js';
import { formErrors } from './AddProspectDialog.js';
import { initialValues, ProspectForm, toInput } from './ProspectForm.js';
import { ProspectReminders } from './ProspectReminders.js';
import { ProspectTimeline } from './ProspectTimeline.js';
import { displayName, prospectFieldLabels, stageKey } from './prospect-ui.js';
import { SOURCE_KEYS } from './ProspectsTable.js';
import { useErrorText } from '../../lib/useErrorText.js';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-muted">{label}</dt>
      <dd className="mt-0.5 truncate text-sm text-ink">{children || <span className="text-subtle">—</span>}</dd>
    </div>
  );
}

/** One prospect: every field (editable), its enrichment and the whole conversation. */
export function ProspectDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, formatDate } = useI18n();
  const errorText = useErrorText(prospectFieldLabels(t));
  const toast = useToast();
  const utils = trpc.useUtils();
  const formId = useId();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const detail = trpc.prospects.detail.useQuery({ id: id ?? '' }, { enabled: Boolean(id) });
  const update = trpc.prospects.update.useMutation({
    onSuccess: async () => {
      toast.success(t('prospects.edit.done'));
      setEditing(false);
      await utils.prospects.invalidate();
    },
  });
  const setStage = trpc.prospects.setStage.useMutation({
    onSuccess: async (result) => {
      toast.success(t('prospects.stage.changed', { stage: t(stageKey(result.stage)) }));
      await utils.prospects.invalidate();
    },
    onError: (error) => toast.error(errorText.message(error, t('prospects.stage.failed'))),
  });
  const remove = trpc.prospects.bulk.useMutation({
    onSuccess: async () => {
      toast.success(t('prospects.delete.done'));
      setConfirmDelete(false);
      onClose();
      await utils.prospects.invalidate();
    },
    onError: (error) => toast.error(errorText.message(error, t('prospects.bulk.failed'))),
  });
  const close = () => {
    setEditing(false);
    update.reset();
    onClose();
  };
  const data = detail.data;
  const prospect = data?.prospect;
  const hasMessages = data?.timeline.some((item) => item.kind === 'message') ?? false;

  return (
    <Dialog
      open={Boolean(id)}
      onClose={close}
      size="xl"
      title={prospect ? displayName(prospect) : t('prospects.detail.title')}
      description={prospect ? [prospect.title, prospect.company].filter(Boolean).join(' · ') || undefined : undefined}
      footer={
        editing ? (
          <>
            <Button variant="secondary" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" form={formId} loading={update.isPending}>
              {t('common.save')}
            </Button>
          </>
        ) : prospect ? (
          <>
            <Button variant="danger-ghost" className="mr-auto" onClick={() => setConfirmDelete(true)}>
              {t('common.delete')}
            </Button>
            <Button variant="secondary" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          </>
        ) : undefined
      }
    >
      {detail.isPending ? (
        <SkeletonRows rows={6} label={t('common.loading')} />
      ) : detail.error || !data || !prospect ? (
        <ErrorState message={errorText.message(detail.error, t('prospects.detail.error'))} onRetry={() => void detail.refetch()} />
      ) : editing ? (
        <ProspectForm
          id={formId}
          initial={initialValues(prospect)}
          errors={formErrors(errorText, update.error, t('prospects.edit.failed'))}
          onSubmit={(values) => update.mutate({ id: prospect.id, ...toInput(values) })}
        />
      ) : (
        <div className="space-y-6">
          <section aria-labelledby={`${formId}-fields`} className="space-y-4">
            <div className="flex flex-wrap items-end justify-between gap-3">
              <h3 id={`${formId}-fields`} className="text-sm font-semibold text-ink">
                {t('prospects.detail.fields')}
              </h3>
              <InlineSelect
                label={t('prospects.field.stage')}
                value={prospect.stage}
                disabled={setStage.isPending}
                onChange={(event) => setStage.mutate({ id: prospect.id, stage: event.target.value as ProspectStage })}
              >
                {PROSPECT_STAGES.map((stage) => (
                  <option key={stage} value={stage}>
                    {t(stageKey(stage))}
                  </option>
                ))}
              </InlineSelect>
            </div>
            <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
              <Field label={t('prospects.field.email')}>{prospect.email}</Field>
              <Field label={t('prospects.field.linkedinUrl')}>
                {prospect.linkedinUrl && (
                  <a href={prospect.linkedinUrl} target="_blank" rel="noreferrer noopener" className="text-brand-700 hover:underline">
                    {prospect.linkedinUrl.replace(/^https?:\/\/(www\.)?/, '')}
                  </a>
                )}
              </Field>
              <Field label={t('prospects.field.firstName')}>{prospect.firstName}</Field>
              <Field label={t('prospects.field.lastName')}>{prospect.lastName}</Field>
              <Field label={t('prospects.field.company')}>{prospect.company}</Field>
              <Field label={t('prospects.field.title')}>{prospect.title}</Field>
              <Field label={t('prospects.field.companyDomain')}>{prospect.companyDomain}</Field>
              <Field label={t('prospects.field.industry')}>{prospect.industry}</Field>
              <Field label={t('prospects.field.location')}>{prospect.location}</Field>
              <Field label={t('prospects.field.timezone')}>{prospect.timezone}</Field>
              <Field label={t('prospects.field.campaign')}>{prospect.campaignName}</Field>
              <Field label={t('prospects.field.source')}>{t(SOURCE_KEYS[prospect.source]!)}</Field>
              <Field label={t('prospects.field.created')}>{formatDate(prospect.createdAt)}</Field>
              <Field label={t('prospects.field.lastContacted')}>{prospect.lastContactedAt ? formatDate(prospect.lastContactedAt) : null}</Field>
              <Field label={t('prospects.field.tags')}>
                {prospect.tags.length > 0 && (
                  <span className="flex flex-wrap gap-1">
                    {prospect.tags.map((tag) => (
                      <Badge key={tag}>{tag}</Badge>
                    ))}
                  </span>
                )}
              </Field>
            </dl>
            {Object.keys(prospect.customFields).length > 0 && (
              <details className="rounded-lg border border-line px-4 py-2">
                <summary className="cursor-pointer text-sm font-medium text-ink">
                  {t('prospects.detail.customFields', { count: Object.keys(prospect.customFields).length })}
                </summary>
                <dl className="mt-3 grid gap-x-6 gap-y-3 pb-2 sm:grid-cols-2">
                  {Object.entries(prospect.customFields).map(([key, value]) => (
                    <Field key={key} label={key}>
                      <span className="whitespace-pre-wrap">{value}</span>
                    </Field>
                  ))}
                </dl>
              </details>
            )}
          </section>

          <EnrichmentPanel prospectId={prospect.id} enrichment={data.enrichment} headingId={`${formId}-enrichment`} />

          <ProspectReminders prospectId={prospect.id} />

          <section aria-labelledby={`${formId}-timeline`}>
            <div className="mb-3 flex items-center justify-between gap-3">
              <h3 id={`${formId}-timeline`} className="text-sm font-semibold text-ink">
                {t('prospects.timeline.title')}
              </h3>
              {data.timeline.some((item) => item.kind === 'message') && (
                <ButtonLink to={`/inbox/${prospect.id}`} variant="ghost" size="sm">
                  {t('inbox.openConversation')}
                </ButtonLink>
              )}
            </div>
            <ProspectTimeline items={data.timeline} />
          </section>
        </div>
      )}
      <ConfirmDialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() => prospect && remove.mutate({ ids: [prospect.id], action: 'delete' })}
        loading={remove.isPending}
        destructive
        title={t('prospects.delete.title')}
        body={hasMessages ? t('prospects.delete.bodyWithMessages') : t('prospects.delete.body')}
        confirmLabel={t('common.delete')}
      />
    </Dialog>
  );
}
