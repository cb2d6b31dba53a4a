import { useEffect, useRef } from 'react';
import { Badge, type BadgeTone } from '../../components/ui/Badge.js';
import { Button } from '../../components/ui/Button.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';

type Enrichment = RouterOutputs['prospects']['detail']['enrichment'];

export function fitTone(score: number): BadgeTone {
  return score >= 70 ? 'success' : score >= 40 ? 'warning' : 'neutral';
}

/** The fit score as a small coloured badge (the list's column, the drawer's header). */
export function FitScoreBadge({ score }: { score: number | null }) {
  if (score === null) return <span className="text-subtle">—</span>;
  return <Badge tone={fitTone(score)}>{score}</Badge>;
}

/** Queues prospects for enrichment and says so in a toast; `onQueued` lets the caller refresh. */
export function useEnrich(onQueued?: () => void) {
  const { t, tp } = useI18n();
  const toast = useToast();
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  return trpc.enrichment.enrich.useMutation({
    onSuccess: async (result) => {
      toast.success(tp('enrichment.queued', result.queued));
      onQueued?.();
      await Promise.all([utils.enrichment.forProspect.invalidate(), utils.prospects.invalidate()]);
    },
    onError: (error) => toast.error(errorText.message(error, t('enrichment.queueFailed'))),
  });
}

/**
 * The drawer's enrichment section: fit score and its reason, opening line, talking points, who
 * produced it (a model, or "offline enrichment") and when; the queue state while it runs, and the
 * error with "Retry" when it failed. Polls while queued or running.
 */
export function EnrichmentPanel({ prospectId, enrichment, headingId }: { prospectId: string; enrichment: Enrichment; headingId: string }) {
  const { t, formatRelative } = useI18n();
  const utils = trpc.useUtils();
  const task = trpc.enrichment.forProspect.useQuery(
    { id: prospectId },
    { refetchInterval: (query) => (query.state.data && ['queued', 'running'].includes(query.state.data.status) ? 1500 : false) },
  );
  const status = task.data?.status;
  const enrich = useEnrich();
  const wasActive = status === 'queued' || status === 'running';
  const previous = useRef(status);
  useEffect(() => {
    // Finished while the drawer was open: load the new result (and the stage it moved to).
    if ((previous.current === 'queued' || previous.current === 'running') && !wasActive) void utils.prospects.invalidate();
    previous.current = status;
  }, [status, wasActive, utils]);
  return (
    <section aria-labelledby={headingId} className="rounded-lg bg-surface/70 px-4 py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="flex items-center gap-2 text-sm font-semibold text-ink">
          {t('enrichment.title')}
          {enrichment?.provider === 'offline' && <Badge>{t('enrichment.offlineBadge')}</Badge>}
        </h3>
        {status !== 'failed' && (
          <Button size="sm" variant="secondary" disabled={wasActive} loading={enrich.isPending} onClick={() => enrich.mutate({ prospectIds: [prospectId] })}>
            {enrichment ? t('enrichment.reenrich') : t('enrichment.enrich')}
          </Button>
        )}
      </div>
      {wasActive && (
        <p role="status" className="mt-2 text-sm text-muted">
          {t(status === 'queued' ? 'enrichment.status.queued' : 'enrichment.status.running')}
        </p>
      )}
      {status === 'failed' && (
        <div role="alert" className="mt-2 flex flex-wrap items-start justify-between gap-2 rounded-md border border-danger-600/30 bg-danger-50 px-3 py-2 text-sm text-danger-700">
          <p className="min-w-0 flex-1 break-words">{t('enrichment.status.failed', { error: task.data?.error ?? '' })}</p>
          <Button size="sm" variant="secondary" loading={enrich.isPending} onClick={() => enrich.mutate({ prospectIds: [prospectId] })}>
            {t('enrichment.retry')}
          </Button>
        </div>
      )}
      {enrichment ? (
        <div className="mt-3 space-y-3 text-sm">
          {enrichment.fitScore !== null && (
            <div>
              <p className="flex items-center gap-2 font-medium text-ink">
                <FitScoreBadge score={enrichment.fitScore} /> {t('enrichment.fitScore', { score: enrichment.fitScore })}
              </p>
              {enrichment.fitReasons.length > 0 && <p className="mt-1 text-muted">{t('enrichment.fitReason', { reason: enrichment.fitReasons.join('; ') })}</p>}
            </div>
          )}
          {enrichment.openingLine && (
            <div>
              <h4 className="text-xs font-medium text-muted">{t('enrichment.openingLine')}</h4>
              <p className="italic text-ink">“{enrichment.openingLine}”</p>
            </div>
          )}
          {enrichment.talkingPoints.length > 0 && (
            <div>
              <h4 className="text-xs font-medium text-muted">{t('enrichment.talkingPoints')}</h4>
              <ul className="list-disc pl-5 text-ink">
                {enrichment.talkingPoints.map((point) => (
                  <li key={point}>{point}</li>
                ))}
              </ul>
            </div>
          )}
          <p className="text-xs text-subtle">
            {enrichment.provider === 'offline'
              ? t('enrichment.by.offline', { when: formatRelative(enrichment.updatedAt) })
              : t('enrichment.by.llm', { model: enrichment.model ?? '?', when: formatRelative(enrichment.updatedAt) })}
          </p>
        </div>
      ) : (
        !wasActive && status !== 'failed' && <p className="mt-1 text-sm text-muted">{t('enrichment.none')}</p>
      )}
    </section>
  );
}
