import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge } from '../../components/ui/Badge.js';
import { BackLink } from '../../components/ui/BackLink.js';
import { Button } from '../../components/ui/Button.js';
import { Card } from '../../components/ui/Card.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { InlineSelect, TextAreaField, TextField } from '../../components/ui/Field.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { cx } from '../../components/ui/cx.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { reasonsText } from '../../lib/reason-text.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { PROSPECT_STAGES, type ProspectStage } from '../../../shared/enums.js';
import { stageKey } from '../prospects/prospect-ui.js';
import { Confidence, IntentBadge, ReplyBody } from './reply-ui.js';
import { SimulateReplyButton } from './SimulateReplyButton.js';

type ThreadMessage = RouterOutputs['inbox']['thread']['messages'][number];

/** One prospect's conversation, oldest first, with a composer to answer by hand in the thread. */
export function InboxThread({ prospectId, backTo }: { prospectId: string; backTo: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const thread = trpc.inbox.thread.useQuery({ prospectId });
  const markThreadRead = trpc.inbox.markThreadRead.useMutation({ onSuccess: (result) => (result.marked ? utils.inbox.invalidate() : undefined) });
  const markUnread = trpc.inbox.markThreadRead.useMutation({
    onSuccess: async () => {
      toast.success(t('inbox.markedUnread'));
      // Back to the list, as a mail client does: staying would read the conversation again at once.
      await navigate(backTo);
      await utils.inbox.invalidate();
    },
    onError: (error) => toast.error(errorText.message(error, t('inbox.readFailed'))),
  });
  const setStage = trpc.prospects.setStage.useMutation({
    onSuccess: async (result) => {
      toast.success(t('prospects.stage.changed', { stage: t(stageKey(result.stage)) }));
      await Promise.all([utils.inbox.invalidate(), utils.prospects.invalidate()]);
    },
    onError: (error) => toast.error(errorText.message(error, t('prospects.stage.failed'))),
  });
  const { mutate: readAll } = markThreadRead;
  const hasUnread = thread.data?.messages.some((message) => message.direction === 'inbound' && !message.read) ?? false;
  // Opening a conversation reads it (once its unread replies are known).
  useEffect(() => {
    if (hasUnread) readAll({ prospectId });
  }, [hasUnread, prospectId, readAll]);

  if (thread.isPending) {
    return (
      <Card>
        <SkeletonRows rows={4} label={t('inbox.thread.loading')} />
      </Card>
    );
  }
  if (thread.error) {
    return (
      <Card>
        <ErrorState message={errorText.message(thread.error, t('inbox.thread.loadFailed'))} onRetry={() => void thread.refetch()} />
      </Card>
    );
  }
  const { prospect, messages } = thread.data;
  const lastInbound = [...messages].reverse().find((message) => message.direction === 'inbound' && !message.isBounce);
  const stopped = prospect.stage === 'unsubscribed' || prospect.stage === 'bounced';
  return (
    <Card className="flex flex-col">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-line px-5 py-4">
        <div className="min-w-0">
          <div className="lg:hidden">
            <BackLink to={backTo}>{t('inbox.back')}</BackLink>
          </div>
          <h2 className="truncate text-base font-semibold text-ink">{prospect.name ?? prospect.email}</h2>
          <p className="truncate text-xs text-muted">
            {prospect.email}
            {prospect.company && ` · ${prospect.company}`}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <InlineSelect
            label={t('inbox.stage')}
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
          {lastInbound && (
            <Button variant="ghost" size="sm" loading={markUnread.isPending} onClick={() => markUnread.mutate({ prospectId: prospect.id, read: false })}>
              {t('inbox.markUnread')}
            </Button>
          )}
        </div>
      </div>
      <ol className="space-y-3 px-5 py-4" aria-label={t('inbox.thread.label')}>
        {messages.map((message) => (
          <MessageBubble key={message.id} message={message} />
        ))}
      </ol>
      <div className="border-t border-line px-5 py-4">
        {stopped ? (
          <p className="text-sm text-muted">{t('inbox.reply.stopped', { stage: t(stageKey(prospect.stage)) })}</p>
        ) : lastInbound ? (
          <Composer prospectId={prospect.id} replySubject={lastInbound.subject} mailbox={lastInbound.mailboxEmail} />
        ) : (
          <p className="text-sm text-muted">{t('inbox.reply.noReply')}</p>
        )}
      </div>
    </Card>
  );
}

function MessageBubble({ message }: { message: ThreadMessage }) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const outbound = message.direction === 'outbound';
  return (
    <li className={cx('flex', outbound ? 'justify-end' : 'justify-start')}>
      <article
        className={cx('max-w-[90%] rounded-xl border px-4 py-3 text-sm', outbound ? 'border-brand-100 bg-brand-50' : 'border-line bg-panel')}
        aria-label={outbound ? t('prospects.timeline.outbound') : t('prospects.timeline.inbound')}
      >
        <header className="mb-1 flex flex-wrap items-center gap-2">
          <span className="font-medium text-ink">{message.subject || t('prospects.timeline.noSubject')}</span>
          {message.sentByAi && <Badge>{t('prospects.timeline.byAi')}</Badge>}
          {message.isAutoReply && <Badge tone="warning">{t('prospects.timeline.autoReply')}</Badge>}
          {outbound && message.state !== 'sent' && (
            <Badge tone={message.state === 'failed' || message.state === 'unknown' ? 'danger' : 'neutral'}>{t(`prospects.messageState.${message.state}` as MessageKey)}</Badge>
          )}
        </header>
        <p className="text-xs text-muted">
          {outbound ? t('inbox.thread.fromTo', { from: message.fromEmail ?? '', to: message.toEmail ?? '' }) : t('inbox.thread.from', { from: message.fromEmail ?? '' })}
        </p>
        {outbound ? <p className="mt-2 whitespace-pre-wrap break-words text-ink">{message.body}</p> : <ReplyBody text={message.body} className="mt-2" />}
        {message.decision && (
          <div className="mt-3 flex flex-wrap items-center gap-2 rounded-lg border border-dashed border-line px-3 py-2 text-xs text-muted">
            <span className="font-medium text-ink">{t('prospects.timeline.decision')}</span>
            <IntentBadge intent={message.decision.intent} />
            <Confidence value={message.decision.confidence} />
            <Badge>{t(`prospects.action.${message.decision.action}` as MessageKey)}</Badge>
            {message.decision.reason && <span className="basis-full">{reasonsText(i18n, message.decision.reasons, message.decision.reason)}</span>}
          </div>
        )}
        <footer className="mt-2 flex flex-wrap items-center justify-between gap-2">
          <time dateTime={new Date(message.at).toISOString()} className="text-xs text-subtle">
            {formatDate(message.at)}
          </time>
          {outbound && message.sandbox && message.state === 'sent' && <SimulateReplyButton messageId={message.id} />}
        </footer>
      </article>
    </li>
  );
}

function Composer({ prospectId, replySubject, mailbox }: { prospectId: string; replySubject: string; mailbox: string | null }) {
  const { t } = useI18n();
  const toast = useToast();
  const errorText = useErrorText({ body: t('inbox.reply.body'), subject: t('inbox.reply.subject') });
  const utils = trpc.useUtils();
  const defaultSubject = /^(re|aw|sv|tr)\s?:/i.test(replySubject) ? replySubject : `Re: ${replySubject}`;
  const [subject, setSubject] = useState(defaultSubject);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const sentOnce = useRef(false);
  const reply = trpc.inbox.reply.useMutation({
    onSuccess: async (result) => {
      toast.success(result.duplicate ? t('inbox.reply.duplicate') : result.send === 'sent' ? t('inbox.reply.sent') : t('inbox.reply.queued'));
      setBody('');
      sentOnce.current = false;
      await Promise.all([utils.inbox.invalidate(), utils.prospects.invalidate()]);
    },
    onError: (failure) => {
      sentOnce.current = false;
      toast.error(errorText.message(failure, t('inbox.reply.failed')));
    },
  });
  return (
    <form
      noValidate
      className="space-y-3"
      aria-label={t('inbox.reply.title')}
      onSubmit={(event) => {
        event.preventDefault();
        if (!body.trim()) return setError(t('review.bodyRequired'));
        if (sentOnce.current) return;
        sentOnce.current = true;
        reply.mutate({ prospectId, subject: subject.trim() || undefined, body: body.trim() });
      }}
    >
      <h3 className="text-sm font-semibold text-ink">{t('inbox.reply.title')}</h3>
      {mailbox && <p className="text-xs text-muted">{t('inbox.reply.fromMailbox', { mailbox })}</p>}
      <TextField label={t('inbox.reply.subject')} value={subject} maxLength={200} onChange={(event) => setSubject(event.target.value)} />
      <TextAreaField label={t('inbox.reply.body')} value={body} rows={5} maxLength={10_000} error={error} onChange={(event) => (setBody(event.target.value), setError(undefined))} />
      <div className="flex justify-end">
        <Button type="submit" loading={reply.isPending}>
          {t('inbox.reply.send')}
        </Button>
      </div>
    </form>
  );
}
