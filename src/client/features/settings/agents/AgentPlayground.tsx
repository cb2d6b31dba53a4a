import { useId, useState } from 'react';
import { Alert } from '../../../components/ui/Alert.js';
import { Badge } from '../../../components/ui/Badge.js';
import { Button } from '../../../components/ui/Button.js';
import { Card, CardHeader } from '../../../components/ui/Card.js';
import { TextAreaField, TextField } from '../../../components/ui/Field.js';
import { useI18n, type MessageKey } from '../../../i18n/index.js';
import { trpc } from '../../../lib/trpc.js';
import { useErrorText } from '../../../lib/useErrorText.js';
import { Confidence, IntentBadge } from '../../inbox/reply-ui.js';
import { reasonsText } from '../../../lib/reason-text.js';

/**
 * The playground: paste a reply, see what this agent would do with it — through the same
 * classify-and-decide as live replies (`POST /api/admin/agents/:id/classify`). Nothing is sent.
 */
export function AgentPlayground({ agentId, agentName }: { agentId: string; agentName: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const errorText = useErrorText({ text: t('playground.text'), subject: t('playground.subject') });
  const resultId = useId();
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const classify = trpc.agents.classify.useMutation();
  const data = classify.data;
  return (
    <Card>
      <CardHeader title={t('playground.title')} description={t('playground.subtitle', { agent: agentName })} actions={<Badge tone="success">{t('playground.nothingSent')}</Badge>} />
      <div className="grid gap-6 px-5 py-4 lg:grid-cols-2">
        <form
          noValidate
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            if (!text.trim()) return setError(t('playground.textRequired'));
            classify.mutate({ id: agentId, subject: subject.trim() || undefined, text });
          }}
        >
          <TextField label={t('playground.subject')} value={subject} maxLength={998} onChange={(event) => setSubject(event.target.value)} placeholder={t('playground.subjectPlaceholder')} />
          <TextAreaField
            label={t('playground.text')}
            value={text}
            rows={8}
            maxLength={20_000}
            error={error}
            placeholder={t('playground.textPlaceholder')}
            onChange={(event) => (setText(event.target.value), setError(undefined))}
          />
          <div className="flex items-center justify-between gap-3">
            <p className="text-xs text-muted">{t('playground.hint')}</p>
            <Button type="submit" loading={classify.isPending} aria-controls={resultId}>
              {t('playground.run')}
            </Button>
          </div>
        </form>
        <section id={resultId} aria-live="polite" aria-busy={classify.isPending} aria-label={t('playground.result')} className="space-y-3">
          {classify.error ? (
            <Alert>{errorText.message(classify.error, t('playground.failed'))}</Alert>
          ) : !data ? (
            <p className="rounded-lg border border-dashed border-line px-4 py-6 text-center text-sm text-muted">{t('playground.empty')}</p>
          ) : (
            <>
              <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
                <dt className="text-muted">{t('playground.intent')}</dt>
                <dd className="flex flex-wrap items-center gap-2">
                  <IntentBadge intent={data.intent} />
                  <Confidence value={data.confidence} />
                </dd>
                <dt className="text-muted">{t('playground.action')}</dt>
                <dd>
                  <Badge tone={data.action === 'auto_reply' ? 'success' : data.action === 'review' ? 'warning' : 'neutral'}>{t(`prospects.action.${data.action}` as MessageKey)}</Badge>
                </dd>
                <dt className="text-muted">{t('playground.reason')}</dt>
                <dd className="text-ink">{reasonsText(i18n, data.reasons, data.reason)}</dd>
                <dt className="text-muted">{t('playground.by')}</dt>
                <dd className="text-ink">{data.provider === 'llm' ? (data.model ?? t('playground.llm')) : t('playground.offline')}</dd>
              </dl>
              <p className="text-sm text-ink">{data.sendsAutomatically ? t('playground.wouldSend') : data.action === 'review' ? t('playground.wouldReview') : t('playground.wouldNotAnswer')}</p>
              {data.draft && (
                <article className="rounded-lg bg-surface px-3 py-2.5 text-sm">
                  <p className="text-xs font-medium text-muted">{t('playground.draft')}</p>
                  <p className="mt-1 font-medium text-ink">{data.draft.subject}</p>
                  <p className="mt-1 whitespace-pre-wrap break-words text-ink">{data.draft.body}</p>
                </article>
              )}
              <p className="text-xs text-muted">{t('playground.nothingSentLong')}</p>
            </>
          )}
        </section>
      </div>
    </Card>
  );
}
