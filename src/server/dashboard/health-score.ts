/**
 * The workspace health score, 0–100: start at 100 and subtract weighted penalties.
 *
 * | component       | measured over          | penalty                                                        |
 * |-----------------|------------------------|----------------------------------------------------------------|
 * | bounce rate     | last 7 days            | 0 at ≤ 2 %, rising linearly to 35 at ≥ 5 % (bounces ÷ sent)    |
 * | reply rate      | last 30 days           | 0 at ≥ 5 %, rising linearly to 15 at 0 % — only once ≥ 50 sent |
 * | mailboxes       | now                    | 10 per mailbox in error or paused, at most 20                  |
 * | failed jobs     | last 24 hours          | 5 per job that failed for good, at most 15                     |
 * | review backlog  | now                    | 2 per pending review item older than 24 h, at most 15          |
 * | sending domains | last DNS check         | 8 per problem, at most 25 (see `domain-health.ts`)             |
 *
 * A sending-domain problem is a failing SPF (missing, invalid, or not authorising the SMTP host),
 * a missing DKIM or DMARC record, or a domain never checked — for domains real mailboxes send from.
 * With nothing sent in 30 days the state is `nothing_sent`: the rates say nothing yet, and the UI
 * does not call the workspace "healthy" on no evidence.
 *
 * A bounce is an inbound message flagged as a bounce (DSN); a reply is an inbound message that is
 * neither a bounce nor an auto-reply. The result is rounded to an integer and never below 0.
 */
export const HEALTH_RULES = {
  bounceRate: { windowDays: 7, okAt: 0.02, worstAt: 0.05, maxPenalty: 35 },
  replyRate: { windowDays: 30, okAt: 0.05, minSent: 50, maxPenalty: 15 },
  mailboxes: { perItem: 10, maxPenalty: 20 },
  failedJobs: { windowHours: 24, perItem: 5, maxPenalty: 15 },
  reviewBacklog: { olderThanHours: 24, perItem: 2, maxPenalty: 15 },
  sendingDomains: { perItem: 8, maxPenalty: 25 },
} as const;

export type HealthInputs = {
  sent7d: number;
  bounces7d: number;
  sent30d: number;
  replies30d: number;
  unhealthyMailboxes: number;
  failedJobs24h: number;
  staleReviewItems: number;
  domainProblems: number;
};

export type HealthComponentKey = keyof typeof HEALTH_RULES;

export type HealthComponent = {
  key: HealthComponentKey;
  /** The measured value: a rate (0–1) for the two rates, a count otherwise. */
  value: number;
  /** False when there is not enough data for the rule to apply (e.g. fewer than 50 sent). */
  applies: boolean;
  penalty: number;
  maxPenalty: number;
};

export type HealthState = 'nothing_sent' | 'measured';
export type HealthScore = { score: number; state: HealthState; components: HealthComponent[]; inputs: HealthInputs };

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const round1 = (value: number) => Math.round(value * 10) / 10;

export function computeHealthScore(inputs: HealthInputs): HealthScore {
  const { bounceRate: bounce, replyRate: reply, mailboxes, failedJobs, reviewBacklog, sendingDomains } = HEALTH_RULES;
  const bounceRate = inputs.sent7d > 0 ? inputs.bounces7d / inputs.sent7d : 0;
  const replyRate = inputs.sent30d > 0 ? inputs.replies30d / inputs.sent30d : 0;
  const replyApplies = inputs.sent30d >= reply.minSent;
  const components: HealthComponent[] = [
    {
      key: 'bounceRate',
      value: bounceRate,
      applies: inputs.sent7d > 0,
      penalty: round1(bounce.maxPenalty * clamp01((bounceRate - bounce.okAt) / (bounce.worstAt - bounce.okAt))),
      maxPenalty: bounce.maxPenalty,
    },
    {
      key: 'replyRate',
      value: replyRate,
      applies: replyApplies,
      penalty: replyApplies ? round1(reply.maxPenalty * clamp01((reply.okAt - replyRate) / reply.okAt)) : 0,
      maxPenalty: reply.maxPenalty,
    },
    {
      key: 'mailboxes',
      value: inputs.unhealthyMailboxes,
      applies: true,
      penalty: Math.min(mailboxes.maxPenalty, mailboxes.perItem * inputs.unhealthyMailboxes),
      maxPenalty: mailboxes.maxPenalty,
    },
    {
      key: 'failedJobs',
      value: inputs.failedJobs24h,
      applies: true,
      penalty: Math.min(failedJobs.maxPenalty, failedJobs.perItem * inputs.failedJobs24h),
      maxPenalty: failedJobs.maxPenalty,
    },
    {
      key: 'reviewBacklog',
      value: inputs.staleReviewItems,
      applies: true,
      penalty: Math.min(reviewBacklog.maxPenalty, reviewBacklog.perItem * inputs.staleReviewItems),
      maxPenalty: reviewBacklog.maxPenalty,
    },
    {
      key: 'sendingDomains',
      value: inputs.domainProblems,
      applies: true,
      penalty: Math.min(sendingDomains.maxPenalty, sendingDomains.perItem * inputs.domainProblems),
      maxPenalty: sendingDomains.maxPenalty,
    },
  ];
  const totalPenalty = components.reduce((sum, component) => sum + component.penalty, 0);
  return { score: Math.max(0, Math.round(100 - totalPenalty)), state: inputs.sent30d > 0 ? 'measured' : 'nothing_sent', components, inputs };
}
