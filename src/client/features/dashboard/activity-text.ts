import type { MessageKey, Translate, TranslatePlural } from '../../i18n/index.js';

export type ActivityLike = {
  type: string;
  actorName: string | null;
  prospectName: string | null;
  campaignName?: string | null;
  data: Record<string, unknown>;
};

export type ActivityKind = 'ai' | 'sent' | 'received' | 'bounce' | 'meeting' | 'stage' | 'campaign' | 'import' | 'failure' | 'other';

const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** What an event means, in one sentence of the user's language, and how to show it. */
export function describeActivity({ t, tp, formatDate }: { t: Translate; tp: TranslatePlural; formatDate?: (value: string) => string }, item: ActivityLike): { text: string; kind: ActivityKind; detail?: string } {
  const prospect = item.prospectName ?? t('activity.aProspect');
  const actor = item.actorName ?? t('activity.system');
  const campaign = item.campaignName ?? str(item.data.name) ?? '';
  switch (item.type) {
    case 'ai.decision': {
      const intent = str(item.data.intent) ?? 'other';
      const action = str(item.data.action);
      return {
        kind: 'ai',
        text: t('activity.ai.decision', { prospect, intent: t(`intent.${intent}` as MessageKey) }),
        detail: action ? t('activity.ai.action', { action: t(`action.${action}` as MessageKey) }) : undefined,
      };
    }
    case 'ai.reminder_due':
      return { kind: 'ai', text: t('activity.ai.reminderDue', { prospect }) };
    case 'ai.reminder_cancelled':
      return { kind: 'ai', text: t('activity.ai.reminderCancelled', { prospect }) };
    case 'ai.decision_cancelled':
      return { kind: 'ai', text: item.actorName ? t('activity.ai.cancelledBy', { actor: item.actorName, prospect }) : t('activity.ai.cancelled', { prospect }) };
    case 'message.sent':
      return { kind: 'sent', text: t('activity.message.sent', { prospect }), detail: str(item.data.subject) };
    case 'message.received':
      if (item.data.isBounce) return { kind: 'bounce', text: t('activity.message.bounce', { prospect }) };
      if (item.data.isAutoReply) return { kind: 'received', text: t('activity.message.auto', { prospect }) };
      return { kind: 'received', text: t('activity.message.received', { prospect }), detail: str(item.data.subject) };
    case 'meeting.booked':
    case 'meeting.rescheduled':
    case 'meeting.cancelled': {
      const startsAt = str(item.data.startsAt);
      const key = item.type === 'meeting.booked' ? 'activity.meeting.booked' : item.type === 'meeting.rescheduled' ? 'activity.meeting.rescheduled' : 'activity.meeting.cancelled';
      return { kind: 'meeting', text: t(key, { prospect }), detail: [str(item.data.title), startsAt && formatDate ? formatDate(startsAt) : undefined].filter(Boolean).join(' · ') || undefined };
    }
    case 'prospect.stage_changed': {
      const stage = t(`prospects.stage.${str(item.data.to) ?? 'new'}` as MessageKey);
      return {
        kind: 'stage',
        text: item.actorName ? t('activity.stage.changedBy', { actor: item.actorName, prospect, stage }) : t('activity.stage.changed', { prospect, stage }),
      };
    }
    case 'prospects.imported':
      return { kind: 'import', text: tp('activity.imported', Number(item.data.imported ?? item.data.count ?? 0)) };
    case 'campaign.created':
      return { kind: 'campaign', text: t('activity.campaign.created', { actor, campaign }) };
    case 'campaign.updated':
      return { kind: 'campaign', text: t('activity.campaign.updated', { actor, campaign }) };
    case 'campaign.status_changed':
      return { kind: 'campaign', text: t('activity.campaign.status', { actor, campaign, status: t(`campaigns.status.${str(item.data.to) ?? 'draft'}` as MessageKey) }) };
    case 'campaign.deleted':
      return { kind: 'campaign', text: t('activity.campaign.deleted', { actor, campaign }) };
    case 'campaign.sequence_saved':
      return { kind: 'campaign', text: tp('activity.campaign.sequenceSaved', Number(item.data.steps ?? 0), { actor, campaign }) };
    case 'enrollment.created':
      return { kind: 'campaign', text: tp('activity.enrollment.created', Number(item.data.prospects ?? 0), { campaign }) };
    case 'prospect.created':
      return { kind: 'import', text: t('activity.prospect.created', { prospect }) };
    case 'scrape.started':
      return { kind: 'import', text: t('activity.scrape.started', { actor, campaign }) };
    case 'scrape.finished':
      return { kind: 'import', text: tp('activity.scrape.finished', Number(item.data.new ?? 0), { found: Number(item.data.found ?? 0) }) };
    case 'scrape.failed':
      return { kind: 'failure', text: t('activity.scrape.failed'), detail: str(item.data.error) };
    case 'job.failed':
      return { kind: 'failure', text: t('activity.job.failed', { job: str(item.data.jobType) ?? '' }), detail: str(item.data.error) };
    default:
      return { kind: 'other', text: t('activity.other', { type: item.type }) };
  }
}
