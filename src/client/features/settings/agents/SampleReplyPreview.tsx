import { useEffect, useId, useRef, useState } from 'react';
import { Badge, type BadgeTone } from '../../../components/ui/Badge.js';
import { Button } from '../../../components/ui/Button.js';
import { Skeleton } from '../../../components/ui/Skeleton.js';
import { TextAreaField } from '../../../components/ui/Field.js';
import { useI18n, type MessageKey } from '../../../i18n/index.js';
import { trpc, type RouterInputs, type RouterOutputs } from '../../../lib/trpc.js';
import { useErrorText } from '../../../lib/useErrorText.js';

type PreviewAgent = RouterInputs['agents']['previewReply']['agent'];
type Preview = RouterOutputs['agents']['previewReply'];

const DECISION_TONE: Record<Preview['decision'], BadgeTone> = {
  auto_send: 'success',
  review_low_confidence: 'warning',
  review_escalation: 'warning',
  review_forbidden_topic: 'warning',
  review_autosend_off: 'neutral',
  review_offline: 'neutral',
  no_answer: 'neutral',
};

/**
 * "See a sample reply it would write": an offline preview (no AI model is called) that follows the
 * settings as they are edited, debounced. Clearly labelled as such.
 */
export function SampleReplyPreview({ agent, invalid = false }: { agent: PreviewAgent; invalid?: boolean }) {
  const { t, language, formatNumber } = useI18n();
  const errorText = useErrorText();
  const headingId = useId();
  const [inbound, setInbound] = useState('');
  const [showInbound, setShowInbound] = useState(false);
  const preview = trpc.agents.previewReply.useMutation();
  const { mutate } = preview;
  const request = JSON.stringify({ agent, inbound: inbound.trim(), language });
  const last = useRef<string | null>(null);

  useEffect(() => {
    if (invalid || request === last.current) return;
    const timer = setTimeout(() => {
      last.current = request;
      mutate({ agent, sampleInbound: inbound.trim() || undefined, fallbackLanguage: language });
    }, 350);
    return () => clearTimeout(timer);
    // `request` captures agent, inbound and language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request, invalid]);

  const data = preview.data;
  const percent = (value: number) => formatNumber(value, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <section aria-labelledby={headingId} className="rounded-card border border-line bg-panel shadow-card">
      <div className="flex items-start justify-between gap-3 border-b border-line px-5 py-4">
        <div>
          <h3 id={headingId} className="text-base font-semibold text-ink">
            {t('agents.preview.title')}
          </h3>
          <p className="mt-0.5 text-xs text-muted">{t('agents.preview.subtitle')}</p>
        </div>
        {preview.data?.offline === false ? null : <Badge tone="neutral" className="shrink-0 whitespace-nowrap">{t('agents.preview.offline')}</Badge>}
      </div>
      <div className="space-y-4 px-5 py-4" aria-live="polite" aria-busy={preview.isPending}>
        {invalid ? (
          <p className="text-sm text-muted">{t('agents.preview.fixErrors')}</p>
        ) : preview.error ? (
          <p role="alert" className="text-sm text-danger-600">
            {errorText.message(preview.error, t('agents.preview.failed'))}
          </p>
        ) : !data ? (
          <div role="status" aria-label={t('common.loading')} className="space-y-2">
            <Skeleton className="h-16 w-full" />
            <Skeleton className="h-40 w-full" />
          </div>
        ) : (
          <>
            <div className="rounded-lg bg-surface px-3 py-2.5 text-sm">
              <p className="text-xs font-medium text-muted">
                {t('agents.preview.from', { name: data.inbound.fromName, company: data.inbound.company })}
              </p>
              <p className="mt-1 text-ink">{data.inbound.body}</p>
            </div>
            {data.reply.body ? (
              <article className={preview.isPending ? 'opacity-60 transition-opacity' : 'transition-opacity'} lang={data.language}>
                <p className="text-xs font-medium text-muted">{t('agents.preview.subject')}</p>
                <p className="text-sm font-semibold text-ink">{data.reply.subject}</p>
                <div className="mt-3 rounded-lg border border-line px-4 py-3 text-sm leading-relaxed whitespace-pre-wrap text-ink" data-testid="sample-reply-body">
                  {data.reply.body}
                </div>
              </article>
            ) : (
              <p className="rounded-lg border border-dashed border-line px-4 py-3 text-sm text-muted" data-testid="sample-reply-none">
                {t('agents.preview.noAnswer')}
              </p>
            )}
            <div className="flex flex-wrap gap-2 text-xs">
              <Badge tone={DECISION_TONE[data.decision]}>
                  {t(`agents.preview.decision.${data.decision}` as MessageKey, {
                    confidence: percent(data.confidence),
                    threshold: percent(agent.confidenceThreshold ?? 0.8),
                    matched: data.matched ?? '',
                    action: t(`action.${data.action ?? 'review'}` as MessageKey),
                  })}
              </Badge>
              <Badge>{t(`agents.preview.intent.${data.intent}` as MessageKey)}</Badge>
              <Badge>{data.source === 'template' ? t('agents.preview.fromTemplate', { name: data.templateName ?? '' }) : t('agents.preview.composed')}</Badge>
            </div>
          </>
        )}
        {showInbound ? (
          <TextAreaField
            label={t('agents.preview.inbound')}
            hint={t('agents.preview.inbound.hint')}
            value={inbound}
            onChange={(event) => setInbound(event.target.value)}
            maxLength={2000}
            rows={3}
            placeholder={data?.inbound.body}
          />
        ) : (
          <Button variant="ghost" size="sm" onClick={() => setShowInbound(true)}>
            {t('agents.preview.tryMessage')}
          </Button>
        )}
      </div>
    </section>
  );
}
