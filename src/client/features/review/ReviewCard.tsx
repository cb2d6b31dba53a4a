import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../components/ui/Badge.js';
import { Button } from '../../components/ui/Button.js';
import { TextAreaField, TextField } from '../../components/ui/Field.js';
import { cx } from '../../components/ui/cx.js';
import { useI18n } from '../../i18n/index.js';
import { reasonsText } from '../../lib/reason-text.js';
import type { RouterOutputs } from '../../lib/trpc.js';
import { Confidence, IntentBadge, ReplyBody } from '../inbox/reply-ui.js';

export type ReviewItem = RouterOutputs['review']['list']['items'][number];

type Props = {
  item: ReviewItem;
  selected: boolean;
  editing: boolean;
  busy: boolean;
  approving: boolean;
  sending: boolean;
  onSelect: () => void;
  onApprove: () => void;
  onEdit: () => void;
  onCancelEdit: () => void;
  onSendEdit: (subject: string, body: string) => void;
  onReject: () => void;
};

/** One reply waiting for a person: who wrote, what they said, what the agent read and drafted. */
export function ReviewCard({ item, selected, editing, busy, approving, sending, onSelect, onApprove, onEdit, onCancelEdit, onSendEdit, onReject }: Props) {
  const i18n = useI18n();
  const { t, formatRelative, formatDate } = i18n;
  const titleId = useId();
  const name = item.prospectName ?? item.prospectEmail ?? t('activity.aProspect');
  return (
    <li
      id={`review-${item.id}`}
      aria-labelledby={titleId}
      aria-current={selected ? 'true' : undefined}
      onClick={onSelect}
      className={cx('rounded-card border bg-panel shadow-card transition-shadow', selected ? 'border-brand-500 ring-2 ring-brand-500/30' : 'border-line')}
    >
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-line px-5 py-3">
        <div className="min-w-0">
          <h2 id={titleId} className="truncate text-sm font-semibold text-ink">
            <Link to={`/inbox/${item.prospectId}`} className="hover:underline">
              {name}
            </Link>
            {item.company && <span className="font-normal text-muted"> · {item.company}</span>}
          </h2>
          <p className="truncate text-xs text-muted">
            {item.fromEmail ?? item.prospectEmail}
            {item.receivedAt && (
              <>
                {' · '}
                <time dateTime={new Date(item.receivedAt).toISOString()} title={formatDate(item.receivedAt)}>
                  {formatRelative(item.receivedAt)}
                </time>
              </>
            )}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <IntentBadge intent={item.intent} />
          <Confidence value={item.confidence} />
          {item.kind === 'reminder' && <Badge tone="brand">{t('reminder.badge')}</Badge>}
          {item.provider === 'offline' && <Badge>{t('review.offline')}</Badge>}
        </div>
      </div>
      <div className="grid gap-4 px-5 py-4 lg:grid-cols-2">
        <section aria-label={t('review.theirMessage')}>
          <h3 className="text-xs font-medium tracking-wide text-muted uppercase">{t('review.theirMessage')}</h3>
          <p className="mt-1 text-sm font-medium text-ink">{item.subject || t('prospects.timeline.noSubject')}</p>
          <ReplyBody text={item.text} className="mt-1 max-h-64 overflow-y-auto text-sm" />
          <p className="mt-3 text-xs text-muted">
            <span className="font-medium">{t('review.reason')}</span> {reasonsText(i18n, item.reasons, item.reason)}
          </p>
        </section>
        <section aria-label={t('review.draft')}>
          <h3 className="text-xs font-medium tracking-wide text-muted uppercase">{t('review.draft')}</h3>
          {editing ? (
            <DraftEditor item={item} sending={sending} onCancel={onCancelEdit} onSend={onSendEdit} />
          ) : item.draft ? (
            <div className="mt-1 rounded-lg bg-surface px-3 py-2.5 text-sm">
              <p className="font-medium text-ink">{item.draft.subject}</p>
              <p className="mt-1 max-h-48 overflow-y-auto whitespace-pre-wrap break-words text-ink">{item.draft.body}</p>
            </div>
          ) : (
            <p className="mt-1 text-sm text-muted">{t('review.noDraft')}</p>
          )}
        </section>
      </div>
      {!editing && (
        <div className="flex flex-wrap items-center justify-end gap-2 border-t border-line px-5 py-3">
          <Button variant="danger-ghost" size="sm" onClick={onReject} disabled={busy} aria-keyshortcuts="r">
            {t('review.reject')} <kbd className="ml-1 text-xs opacity-70">r</kbd>
          </Button>
          <Button variant="secondary" size="sm" onClick={onEdit} disabled={busy} aria-keyshortcuts="e">
            {t('review.edit')} <kbd className="ml-1 text-xs opacity-70">e</kbd>
          </Button>
          <Button size="sm" onClick={onApprove} disabled={busy || !item.draft} loading={approving} aria-keyshortcuts="a">
            {t('review.approve')} <kbd className="ml-1 text-xs opacity-70">a</kbd>
          </Button>
        </div>
      )}
    </li>
  );
}

function DraftEditor({ item, sending, onCancel, onSend }: { item: ReviewItem; sending: boolean; onCancel: () => void; onSend: (subject: string, body: string) => void }) {
  const { t } = useI18n();
  const [subject, setSubject] = useState(item.draft?.subject ?? '');
  const [body, setBody] = useState(item.draft?.body ?? '');
  const [error, setError] = useState<string | undefined>();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => bodyRef.current?.focus(), []);
  return (
    <form
      className="mt-1 space-y-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!body.trim()) return setError(t('review.bodyRequired'));
        onSend(subject.trim(), body.trim());
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <TextField label={t('review.subject')} value={subject} onChange={(event) => setSubject(event.target.value)} maxLength={200} />
      <TextAreaField ref={bodyRef} label={t('review.body')} value={body} rows={8} onChange={(event) => (setBody(event.target.value), setError(undefined))} error={error} maxLength={10_000} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" size="sm" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" size="sm" loading={sending}>
          {t('review.sendEdited')}
        </Button>
      </div>
    </form>
  );
}
