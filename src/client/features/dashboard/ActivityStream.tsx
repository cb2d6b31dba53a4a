import { useState } from 'react';
import { Link } from 'react-router';
import { ButtonLink, Button } from '../../components/ui/Button.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { cx } from '../../components/ui/cx.js';
import { useI18n } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { describeActivity, type ActivityKind, type ActivityLike } from './activity-text.js';
import { UndoDecision, undoableDecision } from './UndoDecision.js';

const KIND_STYLE: Record<ActivityKind, { tone: string; path: string }> = {
  ai: { tone: 'bg-brand-50 text-brand-600', path: 'M10 1.5l1.9 4.6 4.6 1.9-4.6 1.9L10 14.5 8.1 9.9 3.5 8l4.6-1.9L10 1.5Zm5.5 10 .9 2.1 2.1.9-2.1.9-.9 2.1-.9-2.1-2.1-.9 2.1-.9.9-2.1Z' },
  sent: { tone: 'bg-surface text-muted', path: 'M2.9 2.3a.75.75 0 0 0-.9 1l2.4 5.7 7.1 1-7.1 1L2 16.7a.75.75 0 0 0 .9 1L18 10.7a.75.75 0 0 0 0-1.4L2.9 2.3Z' },
  received: { tone: 'bg-success-50 text-success-700', path: 'M3.5 4A1.5 1.5 0 0 0 2 5.5v.3l8 4.5 8-4.5v-.3A1.5 1.5 0 0 0 16.5 4h-13ZM18 7.5l-7.6 4.3a.8.8 0 0 1-.8 0L2 7.5v7A1.5 1.5 0 0 0 3.5 16h13a1.5 1.5 0 0 0 1.5-1.5v-7Z' },
  bounce: { tone: 'bg-danger-50 text-danger-600', path: 'M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM8.3 7.2a.75.75 0 0 0-1.1 1.1L8.9 10l-1.7 1.7a.75.75 0 1 0 1.1 1.1L10 11.1l1.7 1.7a.75.75 0 1 0 1.1-1.1L11.1 10l1.7-1.7a.75.75 0 0 0-1.1-1.1L10 8.9 8.3 7.2Z' },
  meeting: { tone: 'bg-success-50 text-success-700', path: 'M5.75 2a.75.75 0 0 1 .75.75V4h7V2.75a.75.75 0 0 1 1.5 0V4h.25A2.75 2.75 0 0 1 18 6.75v8.5A2.75 2.75 0 0 1 15.25 18H4.75A2.75 2.75 0 0 1 2 15.25v-8.5A2.75 2.75 0 0 1 4.75 4H5V2.75A.75.75 0 0 1 5.75 2Zm-1 5.5c-.69 0-1.25.56-1.25 1.25v6.5c0 .69.56 1.25 1.25 1.25h10.5c.69 0 1.25-.56 1.25-1.25v-6.5c0-.69-.56-1.25-1.25-1.25H4.75Z' },
  stage: { tone: 'bg-warning-50 text-warning-700', path: 'M3 10a.75.75 0 0 1 .75-.75h10.64l-3.22-3.22a.75.75 0 1 1 1.06-1.06l4.5 4.5a.75.75 0 0 1 0 1.06l-4.5 4.5a.75.75 0 1 1-1.06-1.06l3.22-3.22H3.75A.75.75 0 0 1 3 10Z' },
  campaign: { tone: 'bg-brand-50 text-brand-700', path: 'M3 11v2a1 1 0 0 0 1 1h2l5 4V6L6 10H4a1 1 0 0 0-1 1Zm13.5 1A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4Z' },
  import: { tone: 'bg-surface text-muted', path: 'M10 3a.75.75 0 0 1 .75.75v7.69l2.22-2.22a.75.75 0 1 1 1.06 1.06l-3.5 3.5a.75.75 0 0 1-1.06 0l-3.5-3.5a.75.75 0 0 1 1.06-1.06l2.22 2.22V3.75A.75.75 0 0 1 10 3ZM3.75 15a.75.75 0 0 0 0 1.5h12.5a.75.75 0 0 0 0-1.5H3.75Z' },
  failure: { tone: 'bg-danger-50 text-danger-600', path: 'M8.5 3.5a1.7 1.7 0 0 1 3 0l6 10.6A1.7 1.7 0 0 1 16 16.7H4a1.7 1.7 0 0 1-1.5-2.6l6-10.6ZM10 7a.75.75 0 0 0-.75.75v3a.75.75 0 0 0 1.5 0v-3A.75.75 0 0 0 10 7Zm0 7a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z' },
  other: { tone: 'bg-surface text-muted', path: 'M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Z' },
};

export type ActivityRow = ActivityLike & { id: number; createdAt: Date; prospectId: string | null; campaignId?: string | null };

/** A list of events as sentences with an icon and a relative time; shared by the dashboard and campaign pages. */
export function ActivityList({ items, showCampaign = true }: { items: ActivityRow[]; showCampaign?: boolean }) {
  const { t, tp, formatRelative, formatDate } = useI18n();
  // An automatic answer already undone (a later event in the list says so) offers no Undo.
  const cancelled = new Set(items.filter((item) => item.type === 'ai.decision_cancelled').map((item) => String(item.data.decisionId)));
  return (
    <ol className="divide-y divide-line">
      {items.map((item) => {
        const { text, kind, detail } = describeActivity({ t, tp, formatDate: (value) => formatDate(value) }, item);
        const style = KIND_STYLE[kind];
        return (
          <li key={item.id} className="flex gap-3 px-5 py-3 animate-fade-in">
            <span className={cx('mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full', style.tone)} aria-hidden="true">
              <svg viewBox="0 0 20 20" className="size-3.5" fill="currentColor">
                <path fillRule="evenodd" clipRule="evenodd" d={style.path} />
              </svg>
            </span>
            <div className="min-w-0 flex-1">
              <p className="text-sm text-ink">{text}</p>
              <p className="mt-0.5 truncate text-xs text-muted">
                <time dateTime={new Date(item.createdAt).toISOString()} title={formatDate(item.createdAt)}>
                  {formatRelative(item.createdAt)}
                </time>
                {detail && <span> · {detail}</span>}
                {showCampaign && item.campaignName && item.campaignId && (
                  <>
                    {' · '}
                    <Link to={`/campaigns/${item.campaignId}`} className="hover:text-brand-700 hover:underline">
                      {item.campaignName}
                    </Link>
                  </>
                )}
              </p>
            </div>
            {undoableDecision(item) && !cancelled.has(String(item.data.decisionId)) && <UndoDecision decisionId={String(item.data.decisionId)} sendAt={String(item.data.sendAt)} />}
          </li>
        );
      })}
    </ol>
  );
}

export function ActivityStream() {
  const { t } = useI18n();
  const [limit, setLimit] = useState(10);
  const activity = trpc.dashboard.activity.useQuery({ limit }, { placeholderData: (previous) => previous });
  return (
    <Card className="flex flex-col">
      <CardHeader title={t('dashboard.activity.title')} description={t('dashboard.activity.subtitle')} />
      <div aria-live="polite" aria-busy={activity.isFetching} className="flex-1">
        {activity.isPending ? (
          <SkeletonRows rows={6} label={t('dashboard.activity.loading')} />
        ) : activity.error ? (
          <ErrorState message={t('dashboard.activity.error')} onRetry={() => void activity.refetch()} />
        ) : activity.data.length === 0 ? (
          <EmptyState
            title={t('dashboard.activity.empty.title')}
            body={t('dashboard.activity.empty.body')}
            action={
              <ButtonLink to="/campaigns" variant="secondary">
                {t('dashboard.activity.goCampaigns')}
              </ButtonLink>
            }
          />
        ) : (
          <ActivityList items={activity.data} />
        )}
      </div>
      {activity.data && activity.data.length >= limit && limit < 100 && (
        <div className="border-t border-line p-3 text-center">
          <Button variant="ghost" size="sm" loading={activity.isFetching} onClick={() => setLimit((current) => Math.min(100, current + 25))}>
            {t('dashboard.activity.more')}
          </Button>
        </div>
      )}
    </Card>
  );
}
