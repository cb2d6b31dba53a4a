import type { CampaignStatus } from '../../shared/enums.js';
import type { ReasonWithParams } from '../../shared/error-reasons.js';
import { AppError } from '../errors.js';

/**
 * The campaign status machine: `draft → active ⇄ paused → completed → archived`.
 * - draft, paused and completed can be archived; an active campaign must be paused first (so
 *   nothing is half-sent when it disappears from view);
 * - the sending engine may complete an active campaign when its sequence has run out;
 * - completed campaigns cannot be resumed; archived is final.
 */
const TRANSITIONS: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['active', 'archived'],
  active: ['paused', 'completed'],
  paused: ['active', 'completed', 'archived'],
  completed: ['archived'],
  archived: [],
};

export function allowedTransitions(from: CampaignStatus): readonly CampaignStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Why `from → to` is refused, in words a user can act on (and the reason the UI words it by). */
export function transitionRefusal(from: CampaignStatus, to: CampaignStatus): { message: string } & ReasonWithParams {
  if (from === 'archived') return { reason: 'campaign.archived_final', message: 'This campaign is archived: an archived campaign cannot change status' };
  if (from === 'active' && to === 'archived') return { reason: 'campaign.pause_before_archive', message: 'Pause this campaign before archiving it' };
  if (from === 'active' && to === 'draft') return { reason: 'campaign.launched_no_draft', message: 'A launched campaign cannot go back to draft; pause it instead' };
  if (from === 'completed' && (to === 'active' || to === 'paused')) return { reason: 'campaign.completed_no_resume', message: 'A completed campaign cannot be resumed; create a new campaign instead' };
  if (from === 'completed' && to === 'draft') return { reason: 'campaign.completed_no_draft', message: 'A completed campaign cannot go back to draft' };
  if (from === 'draft' && to === 'paused') return { reason: 'campaign.draft_no_pause', message: 'A draft campaign cannot be paused: launch it first' };
  if (from === 'draft' && to === 'completed') return { reason: 'campaign.draft_no_complete', message: 'A draft campaign cannot be completed: launch it first' };
  if (from === 'paused' && to === 'draft') return { reason: 'campaign.paused_no_draft', message: 'A launched campaign cannot go back to draft' };
  return { reason: 'campaign.transition', params: { from, to }, message: `A campaign cannot go from ${from} to ${to}` };
}

/** Throws CONFLICT (409) with a clear message when the machine forbids `from → to`. */
export function assertTransition(from: CampaignStatus, to: CampaignStatus): void {
  if (from === to) return;
  if (!canTransition(from, to)) {
    const { message, ...reason } = transitionRefusal(from, to);
    throw new AppError('CONFLICT', message, reason);
  }
}

/** The timestamp column a transition stamps (first launch keeps its original `startedAt`). */
export function transitionTimestamps(
  to: CampaignStatus,
  current: { startedAt: Date | null },
  now: Date,
): Partial<Record<'startedAt' | 'pausedAt' | 'completedAt' | 'archivedAt', Date | null>> {
  switch (to) {
    case 'active':
      return { startedAt: current.startedAt ?? now, pausedAt: null };
    case 'paused':
      return { pausedAt: now };
    case 'completed':
      return { completedAt: now };
    case 'archived':
      return { archivedAt: now };
    default:
      return {};
  }
}
