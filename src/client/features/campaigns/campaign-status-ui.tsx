import { Badge, type BadgeTone } from '../../components/ui/Badge.js';
import { useT, type MessageKey, type Translate } from '../../i18n/index.js';
import type { CampaignStatus } from '../../../shared/enums.js';

const TONES: Record<CampaignStatus, BadgeTone> = {
  draft: 'neutral',
  active: 'success',
  paused: 'warning',
  completed: 'brand',
  archived: 'neutral',
};

export function statusLabel(t: Translate, status: CampaignStatus): string {
  return t(`campaigns.status.${status}` as MessageKey);
}

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const t = useT();
  return (
    <Badge tone={TONES[status]}>
      {status === 'active' && <span className="size-1.5 rounded-full bg-success-600" aria-hidden="true" />}
      {statusLabel(t, status)}
    </Badge>
  );
}

/** The status actions a campaign offers (and what each one moves it to). */
export type StatusAction = 'launch' | 'pause' | 'resume' | 'complete' | 'archive';
export const ACTION_TARGET: Record<StatusAction, CampaignStatus> = {
  launch: 'active',
  pause: 'paused',
  resume: 'active',
  complete: 'completed',
  archive: 'archived',
};

/** Launching and resuming enrol prospects and send mail: both go through the launch dialog's checks. */
export function opensLaunchDialog(action: StatusAction): action is 'launch' | 'resume' {
  return action === 'launch' || action === 'resume';
}

/** The main action for each status: what a user most likely wants next. */
export function primaryAction(status: CampaignStatus): StatusAction | null {
  switch (status) {
    case 'draft':
      return 'launch';
    case 'active':
      return 'pause';
    case 'paused':
      return 'resume';
    default:
      return null;
  }
}

/**
 * Secondary actions. "Archive" stays offered on an active campaign on purpose: the server's
 * refusal ("pause it first") teaches the rule better than a button that silently disappears.
 */
export function secondaryActions(status: CampaignStatus): StatusAction[] {
  switch (status) {
    case 'draft':
      return ['archive'];
    case 'active':
      return ['complete', 'archive'];
    case 'paused':
      return ['complete', 'archive'];
    case 'completed':
      return ['archive'];
    default:
      return [];
  }
}

export function toastKeyFor(action: StatusAction): MessageKey {
  const keys: Record<StatusAction, MessageKey> = {
    launch: 'campaigns.toast.active',
    pause: 'campaigns.toast.paused',
    resume: 'campaigns.toast.resumed',
    complete: 'campaigns.toast.completed',
    archive: 'campaigns.toast.archived',
  };
  return keys[action];
}
