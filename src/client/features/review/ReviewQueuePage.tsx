import { useCallback, useEffect, useMemo, useState } from 'react';
import { Card, PageHeader } from '../../components/ui/Card.js';
import { EmptyState, NoMatches } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { errorCode, trpc } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { CampaignFilter, intentKey, IntentFilter, isTypingTarget } from '../inbox/reply-ui.js';
import { RejectDialog } from './RejectDialog.js';
import { ReviewCard, type ReviewItem } from './ReviewCard.js';

/**
 * The review queue: replies the agent would not answer alone. j/k move, a approves (sends the
 * draft), e edits, r rejects. The server moves an item out of `pending` once, so a second click
 * or another tab gets "already handled" and nothing is sent twice.
 */
export function ReviewQueuePage() {
  const { t } = useI18n();
  const toast = useToast();
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const [intent, setIntent] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<ReviewItem | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [handled, setHandled] = useState<Set<string>>(() => new Set());
  const query = trpc.review.list.useQuery(
    { status: 'pending', intent: (intent || undefined) as ReviewItem['intent'] | undefined, campaignId: campaignId || undefined, limit: 100 },
    { placeholderData: (previous) => previous },
  );
  const items = useMemo(() => (query.data?.items ?? []).filter((item) => !handled.has(item.id)), [query.data, handled]);
  const selectedIndex = Math.max(0, items.findIndex((item) => item.id === selectedId));
  const selected = items[selectedIndex] ?? null;

  const done = useCallback(
    async (id: string, message: string) => {
      setHandled((previous) => new Set(previous).add(id));
      // The selection stays in place: the next item (or the previous one at the end) is selected.
      const index = items.findIndex((item) => item.id === id);
      setSelectedId((current) => (current === id || current === null ? ((items[index + 1] ?? items[index - 1])?.id ?? null) : current));
      setEditingId(null);
      setRejecting(null);
      toast.success(message);
      setAnnouncement(message);
      await Promise.all([utils.review.invalidate(), utils.inbox.invalidate()]);
    },
    [toast, utils, items],
  );
  const failed = useCallback(
    async (id: string, error: unknown, fallback: string) => {
      const message = errorText.message(error, fallback);
      toast.error(message);
      setAnnouncement(message);
      // Already handled elsewhere (another tab, a colleague): it leaves the list.
      if (errorCode(error) === 'CONFLICT' || errorCode(error) === 'NOT_FOUND') {
        setHandled((previous) => new Set(previous).add(id));
        await utils.review.invalidate();
      }
    },
    [errorText, toast, utils],
  );

  const approve = trpc.review.approve.useMutation({
    onSuccess: (result) => done(result.id, result.send === 'sent' ? t('review.approved') : t('review.approvedQueued')),
    onError: (error, input) => failed(input.id, error, t('review.failed')),
  });
  const edit = trpc.review.edit.useMutation({
    onSuccess: (result) => done(result.id, result.send === 'sent' ? t('review.editedSent') : t('review.approvedQueued')),
    onError: (error, input) => failed(input.id, error, t('review.failed')),
  });
  const reject = trpc.review.reject.useMutation({
    onSuccess: (result) => done(result.id, t('review.rejected')),
    onError: (error, input) => failed(input.id, error, t('review.failed')),
  });
  const busy = approve.isPending || edit.isPending || reject.isPending;

  const move = useCallback(
    (step: number) => {
      if (!items.length) return;
      const next = items[Math.min(items.length - 1, Math.max(0, selectedIndex + step))]!;
      setSelectedId(next.id);
      setAnnouncement(t('review.position', { index: items.indexOf(next) + 1, count: items.length, name: next.prospectName ?? next.prospectEmail ?? '', intent: t(intentKey(next.intent)) }));
      document.getElementById(`review-${next.id}`)?.scrollIntoView({ block: 'nearest' });
    },
    [items, selectedIndex, t],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || isTypingTarget(event.target) || editingId || rejecting) return;
      const key = event.key.toLowerCase();
      if (key === 'j' || key === 'arrowdown') move(1);
      else if (key === 'k' || key === 'arrowup') move(-1);
      else if (!selected || busy) return;
      else if (key === 'a') {
        if (selected.draft) approve.mutate({ id: selected.id });
        else setAnnouncement(t('review.noDraft'));
      }
      else if (key === 'e') setEditingId(selected.id);
      else if (key === 'r') setRejecting(selected);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move, selected, busy, editingId, rejecting, approve, t]);

  const filtered = Boolean(intent || campaignId);
  return (
    <>
      <PageHeader title={t('review.title')} description={t('review.subtitle')} />
      <p className="sr-only" aria-live="polite" role="status">
        {announcement}
      </p>
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <div className="w-52">
          <IntentFilter value={intent} onChange={setIntent} />
        </div>
        <div className="w-64">
          <CampaignFilter value={campaignId} onChange={setCampaignId} />
        </div>
        <p id="review-shortcuts" className="ml-auto text-xs text-muted">
          {t('review.shortcuts')}
        </p>
      </div>
      {query.isPending ? (
        <Card>
          <SkeletonRows rows={4} label={t('review.loading')} />
        </Card>
      ) : query.error ? (
        <Card>
          <ErrorState message={errorText.message(query.error, t('review.loadFailed'))} onRetry={() => void query.refetch()} />
        </Card>
      ) : items.length === 0 ? (
        <Card>
          {filtered ? (
            <NoMatches title={t('review.noMatches')} onClear={() => (setIntent(''), setCampaignId(''))} />
          ) : (
            <EmptyState level={2} title={t('review.empty.title')} body={t('review.empty.body')} />
          )}
        </Card>
      ) : (
        <ol className="space-y-3" aria-label={t('review.listLabel', { count: items.length })} aria-describedby="review-shortcuts">
          {items.map((item) => (
            <ReviewCard
              key={item.id}
              item={item}
              selected={item.id === selected?.id}
              editing={editingId === item.id}
              busy={busy}
              onSelect={() => setSelectedId(item.id)}
              onApprove={() => approve.mutate({ id: item.id })}
              onEdit={() => (setSelectedId(item.id), setEditingId(item.id))}
              onCancelEdit={() => setEditingId(null)}
              onSendEdit={(subject, body) => edit.mutate({ id: item.id, subject: subject || undefined, body })}
              onReject={() => (setSelectedId(item.id), setRejecting(item))}
              sending={edit.isPending && edit.variables?.id === item.id}
              approving={approve.isPending && approve.variables?.id === item.id}
            />
          ))}
        </ol>
      )}
      <RejectDialog key={rejecting?.id ?? 'none'} item={rejecting} submitting={reject.isPending} onClose={() => setRejecting(null)} onReject={(reason, stage) => rejecting && reject.mutate({ id: rejecting.id, reason, stage })} />
    </>
  );
}
