import { useEffect, useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button } from '../../components/ui/Button.js';
import { Card, PageHeader } from '../../components/ui/Card.js';
import { EmptyState, NoMatches } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { CheckboxField } from '../../components/ui/Field.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { cx } from '../../components/ui/cx.js';
import { useI18n } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { InboxThread } from './InboxThread.js';
import { CampaignFilter, IntentBadge, IntentFilter, MailboxFilter, type ReplyIntent } from './reply-ui.js';

type InboxItem = RouterOutputs['inbox']['list']['items'][number];

/**
 * The inbox (the peers' "Unibox"): one row per conversation across mailboxes and campaigns, latest
 * reply first, with the agent's reading of it; open one to see the whole thread (which reads it),
 * answer by hand, move the prospect.
 */
export function InboxPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { prospectId } = useParams();
  const [params, setParams] = useSearchParams();
  const filter = { intent: params.get('intent') ?? '', campaignId: params.get('campaign') ?? '', mailboxId: params.get('mailbox') ?? '', unread: params.get('unread') === '1' };
  const setFilter = (key: string, value: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const input = {
    intent: (filter.intent || undefined) as ReplyIntent | undefined,
    campaignId: filter.campaignId || undefined,
    mailboxId: filter.mailboxId || undefined,
    unread: filter.unread ? ('true' as const) : undefined,
    limit: 30,
  };
  const list = trpc.inbox.list.useInfiniteQuery(input, { getNextPageParam: (last) => last.nextCursor ?? undefined, placeholderData: (previous) => previous });
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const filtered = Boolean(filter.intent || filter.campaignId || filter.mailboxId || filter.unread);
  const search = params.toString() ? `?${params.toString()}` : '';

  // Keyboard: j/k move between conversations when no field has focus.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.metaKey || event.ctrlKey || event.altKey || !target || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('dialog[open]')) return;
      if (event.key !== 'j' && event.key !== 'k') return;
      const index = items.findIndex((item) => item.prospectId === prospectId);
      const next = items[Math.min(items.length - 1, Math.max(0, index + (event.key === 'j' ? 1 : -1)))];
      if (next) void navigate(`/inbox/${next.prospectId}${search}`);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, prospectId, navigate, search]);

  return (
    <>
      <PageHeader title={t('inbox.title')} description={t('inbox.subtitle')} />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <div className="w-48">
          <IntentFilter value={filter.intent} onChange={(value) => setFilter('intent', value)} />
        </div>
        <div className="w-56">
          <CampaignFilter value={filter.campaignId} onChange={(value) => setFilter('campaign', value)} />
        </div>
        <div className="w-56">
          <MailboxFilter value={filter.mailboxId} onChange={(value) => setFilter('mailbox', value)} />
        </div>
        <div className="pb-2">
          <CheckboxField label={t('inbox.filter.unread')} checked={filter.unread} onChange={(event) => setFilter('unread', event.target.checked ? '1' : '')} />
        </div>
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card className={cx('overflow-hidden', prospectId && 'hidden lg:block')}>
          <div aria-live="polite" aria-busy={list.isFetching}>
            {list.isPending ? (
              <SkeletonRows rows={6} label={t('inbox.loading')} />
            ) : list.error ? (
              <ErrorState message={errorText.message(list.error, t('inbox.loadFailed'))} onRetry={() => void list.refetch()} />
            ) : items.length === 0 ? (
              filtered ? (
                <NoMatches title={t('inbox.noMatches')} onClear={() => setParams({}, { replace: true })} />
              ) : (
                <EmptyState level={2} title={t('inbox.empty.title')} body={t('inbox.empty.body')} />
              )
            ) : (
              <ul aria-label={t('inbox.listLabel')} className="divide-y divide-line">
                {items.map((item) => (
                  <InboxRow key={item.prospectId} item={item} active={item.prospectId === prospectId} to={`/inbox/${item.prospectId}${search}`} />
                ))}
              </ul>
            )}
          </div>
          {list.hasNextPage && (
            <div className="border-t border-line p-3 text-center">
              <Button variant="ghost" size="sm" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t('inbox.more')}
              </Button>
            </div>
          )}
        </Card>
        <div className={cx(!prospectId && 'hidden lg:block')}>
          {prospectId ? (
            <InboxThread key={prospectId} prospectId={prospectId} backTo={`/inbox${search}`} />
          ) : (
            <Card>
              <EmptyState level={2} title={t('inbox.pick.title')} body={t('inbox.pick.body')} />
            </Card>
          )}
        </div>
      </div>
    </>
  );
}

function InboxRow({ item, active, to }: { item: InboxItem; active: boolean; to: string }) {
  const { t, formatRelative, formatDate } = useI18n();
  const name = item.prospectName ?? item.fromEmail ?? t('activity.aProspect');
  return (
    <li>
      <Link
        to={to}
        aria-current={active ? 'page' : undefined}
        className={cx('block px-4 py-3 transition-colors hover:bg-surface focus-visible:bg-surface', active && 'bg-brand-50 hover:bg-brand-50')}
      >
        <div className="flex items-center gap-2">
          {!item.read && <span className="size-2 shrink-0 rounded-full bg-brand-600" aria-hidden="true" />}
          <span className={cx('min-w-0 flex-1 truncate text-sm', item.read ? 'text-ink' : 'font-semibold text-ink')}>
            {name}
            {!item.read && <span className="sr-only"> ({t('inbox.unreadReplies', { count: item.unreadCount })})</span>}
          </span>
          <time className="shrink-0 text-xs text-muted" dateTime={new Date(item.receivedAt).toISOString()} title={formatDate(item.receivedAt)}>
            {formatRelative(item.receivedAt)}
          </time>
        </div>
        <p className={cx('mt-0.5 truncate text-sm', item.read ? 'text-muted' : 'text-ink')}>{item.subject || t('prospects.timeline.noSubject')}</p>
        <p className="mt-0.5 line-clamp-2 text-xs text-muted">{item.snippet}</p>
        <div className="mt-1.5 flex items-center gap-1.5 text-xs text-subtle">
          <IntentBadge intent={item.intent} />
          {item.replyCount > 1 && <span className="shrink-0 rounded-full bg-surface px-1.5 font-medium text-muted">{t('inbox.replyCount', { count: item.replyCount })}</span>}
          {item.isAutoReply && <span className="shrink-0">{t('prospects.timeline.autoReply')}</span>}
          <span className="min-w-0 truncate">{[item.campaignName, item.lastSentMailboxEmail && t('inbox.lastSentFrom', { mailbox: item.lastSentMailboxEmail })].filter(Boolean).join(' · ')}</span>
        </div>
      </Link>
    </li>
  );
}
