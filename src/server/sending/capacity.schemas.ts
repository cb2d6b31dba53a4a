import { z } from 'zod';

/** A limit as the capacity view shows it: a code the UI turns into a sentence, with its figures. */
export const limitOutput = z.object({
  code: z.string(),
  remaining: z.number().int(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});

export const mailboxCapacityOutput = z.object({
  mailboxId: z.uuid(),
  fromEmail: z.string(),
  kind: z.string(),
  status: z.string(),
  /** What can still leave today. */
  remaining: z.number().int(),
  /** The limit that sets `remaining`. */
  binding: z.string(),
  limits: z.array(limitOutput),
  sentToday: z.number().int(),
  /** Today's cap: min(daily limit, warm-up step). */
  capToday: z.number().int(),
  nextSendAt: z.string().nullable(),
});

const milestoneOutput = z.object({ kind: z.enum(['on', 'nothing_pending', 'beyond_horizon']), date: z.string().nullable(), day: z.number().int().nullable() });

export const campaignCapacityOutput = z.object({
  campaignId: z.uuid(),
  timeZone: z.string(),
  computedAt: z.string(),
  today: z.object({
    /** Messages that will still leave today (campaign-wide). */
    remaining: z.number().int(),
    binding: z.string(),
    limits: z.array(limitOutput),
    sentToday: z.number().int(),
    /** Messages due by the end of today that nothing holds. */
    due: z.number().int(),
  }),
  mailboxes: z.array(mailboxCapacityOutput),
  /** Active enrolments held instead of sent, by reason (unresolved variable, unverifiable address…). */
  holds: z.array(z.object({ code: z.string(), count: z.number().int() })),
  /** Enrolments the engine stopped, by reason (invalid address, suppressed, bounced…). */
  stopped: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  forecast: z.object({
    firstStep: milestoneOutput,
    lastStep: milestoneOutput,
    firstSendOn: z.string().nullable(),
    totalMessages: z.number().int(),
    outcome: z.enum(['complete', 'beyond_horizon', 'no_capacity', 'nothing_to_send']),
    /** The next 14 days: capacity and what is expected to leave. */
    days: z.array(z.object({ date: z.string(), capacity: z.number().int(), sent: z.number().int() })),
  }),
});
export type CampaignCapacityView = z.infer<typeof campaignCapacityOutput>;
export type MailboxCapacityView = z.infer<typeof mailboxCapacityOutput>;
