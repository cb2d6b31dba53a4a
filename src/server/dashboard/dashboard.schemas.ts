import { z } from 'zod';
import { PROSPECT_STAGES } from '../../shared/enums.js';
import { eventFeedItemOutput } from '../events/event-feed.js';

const rate = z.number().min(0).nullable();

export const metricsOutput = z.object({
  prospects: z.number().int(),
  sentToday: z.number().int(),
  sent7d: z.number().int(),
  sent30d: z.number().int(),
  replies30d: z.number().int(),
  replyRate: rate,
  positiveReplies30d: z.number().int(),
  positiveReplyRate: rate,
  bounces7d: z.number().int(),
  bounceRate7d: rate,
  meetings30d: z.number().int(),
});

export const healthOutput = z.object({
  score: z.number().int().min(0).max(100),
  state: z.enum(['nothing_sent', 'measured']).describe('`nothing_sent`: no email sent in 30 days, so the rates are not measured yet'),
  components: z.array(
    z.object({
      key: z.enum(['bounceRate', 'replyRate', 'mailboxes', 'failedJobs', 'reviewBacklog', 'sendingDomains']),
      value: z.number(),
      applies: z.boolean(),
      penalty: z.number(),
      maxPenalty: z.number(),
    }),
  ),
  inputs: z.object({
    sent7d: z.number().int(),
    bounces7d: z.number().int(),
    sent30d: z.number().int(),
    replies30d: z.number().int(),
    unhealthyMailboxes: z.number().int(),
    failedJobs24h: z.number().int(),
    staleReviewItems: z.number().int(),
    domainProblems: z.number().int().describe('Failing SPF, missing DKIM or DMARC, or never checked, over the domains real mailboxes send from'),
  }),
});

export const dailyPointOutput = z.object({
  day: z.string().describe('YYYY-MM-DD in the workspace time zone'),
  sent: z.number().int(),
  replies: z.number().int(),
  bounces: z.number().int(),
  positive: z.number().int(),
  meetings: z.number().int(),
});

export const statsOutput = z.object({
  metrics: metricsOutput,
  health: healthOutput,
  daily: z.array(dailyPointOutput),
  generatedAt: z.date(),
});

export const kanbanOutput = z.array(
  z.object({
    stage: z.enum(PROSPECT_STAGES),
    total: z.number().int(),
    cards: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        company: z.string().nullable(),
        title: z.string().nullable(),
        email: z.string().nullable(),
        campaignId: z.string().nullable(),
        campaignName: z.string().nullable(),
        stageChangedAt: z.date(),
      }),
    ),
  }),
);

export const activityOutput = z.array(eventFeedItemOutput);
