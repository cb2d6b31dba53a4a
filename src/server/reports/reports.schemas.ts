import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A day is written YYYY-MM-DD');
export const MAX_RANGE_DAYS = 366;

export const reportInput = z
  .object({
    campaignId: z.uuid('Not a valid id').optional().describe('One campaign; the whole workspace when absent'),
    from: day.optional().describe('First day, in the workspace time zone (default: 29 days before `to`)'),
    to: day.optional().describe('Last day included, in the workspace time zone (default: today)'),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, { message: 'The first day must not be after the last', path: ['from'] });
export type ReportInput = z.infer<typeof reportInput>;

const rate = z.number().min(0).nullable().describe('null when the denominator is 0');

export const countsOutput = z.object({
  attempted: z.number().int(),
  sent: z.number().int(),
  bounced: z.number().int(),
  replied: z.number().int(),
  positive: z.number().int(),
  unsubscribed: z.number().int(),
  opened: z.number().int(),
  clicked: z.number().int(),
  meetings: z.number().int(),
});
export const ratesOutput = z.object({
  deliverability: rate.describe('accepted ÷ attempted'),
  bounceRate: rate.describe('bounced ÷ attempted'),
  replyRate: rate.describe('replied ÷ sent'),
  positiveRate: rate.describe('positive ÷ sent'),
  unsubscribeRate: rate.describe('unsubscribed ÷ sent'),
  openRate: rate.describe('opened ÷ sent (tracking on only)'),
  clickRate: rate.describe('clicked ÷ sent (tracking on only)'),
});
const row = countsOutput.merge(ratesOutput);

export const reportOutput = z.object({
  range: z.object({ from: day, to: day, timezone: z.string() }),
  campaign: z.object({ id: z.string(), name: z.string(), trackOpens: z.boolean(), trackClicks: z.boolean() }).nullable(),
  funnel: z.object({
    prospects: z.number().int().describe('People in the campaign (or workspace) today, whatever the range'),
    contacted: z.number().int().describe('First steps sent in the range'),
    replied: z.number().int(),
    positive: z.number().int(),
    meetings: z.number().int(),
  }),
  totals: row,
  steps: z.array(
    row.extend({
      stepPosition: z.number().int(),
      variantIndex: z.number().int(),
      subject: z.string().nullable(),
      leading: z.boolean().describe('The variant of its step with the best reply rate (steps with 2+ variants sent)'),
    }),
  ),
  daily: z.array(row.extend({ day })),
  mailboxes: z.array(row.extend({ mailboxId: z.string(), email: z.string().nullable() })),
  campaigns: z.array(row.extend({ campaignId: z.string(), name: z.string().nullable() })),
});
export type Report = z.infer<typeof reportOutput>;
export type Counts = z.infer<typeof countsOutput>;
export type ReportRow = Counts & z.infer<typeof ratesOutput>;
