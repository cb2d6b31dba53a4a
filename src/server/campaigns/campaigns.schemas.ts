import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { CAMPAIGN_STATUSES, JOB_OUTCOMES, JOB_STATES, PROSPECT_STAGES } from '../../shared/enums.js';
import { refused } from '../../shared/issue-rules.js';
import { isValidTimezone } from '../../shared/mailbox-rules.js';
import { storableText } from '../../shared/text-rules.js';
import { campaigns } from '../db/schema/index.js';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** PhantomBuster's Search Export stops at 2,500 profiles per search (scraping/launch-argument.ts). */
const MAX_PROFILES_PER_SEARCH = 2500;

/**
 * The campaign's LinkedIn search (PhantomBuster): the user's Search Export agent, the search URL
 * (omitted or null = built from the workspace ICP at launch) and the profiles to ask for. The URL
 * is checked and made canonical by the launch service (launch/launch.service.ts).
 */
export const linkedinSearchInput = z.object({
  agentId: z.string().trim().min(1, 'Enter the PhantomBuster agent id').max(64, 'The agent id must be at most 64 characters').regex(/^[A-Za-z0-9_-]+$/, 'The agent id is the number in the agent’s PhantomBuster address'),
  searchUrl: z
    .string()
    .trim()
    .max(2000, 'The search URL must be at most 2000 characters')
    .nullish()
    .transform((value) => value || null),
  maxProfiles: z.number().int().min(1, 'Ask for at least 1 profile').max(MAX_PROFILES_PER_SEARCH, `At most ${MAX_PROFILES_PER_SEARCH} profiles per search`).default(100),
});
export type LinkedinSearchInput = z.infer<typeof linkedinSearchInput>;

export const linkedinSearchOutput = z.object({ agentId: z.string(), searchUrl: z.string().nullable(), maxProfiles: z.number().int() });

export const idSchema = z.uuid('Not a valid id');

/** Fields shared by create and update; every one has a bound so nothing unbounded reaches the database. */
const campaignFields = {
  name: storableText('Name').trim().min(1, 'Name is required').max(120, 'Name must be at most 120 characters'),
  description: storableText('Description').trim().max(2000, 'Description must be at most 2000 characters'),
  agentId: idSchema.nullable(),
  mailboxIds: z
    .array(idSchema)
    .max(50, 'At most 50 mailboxes')
    .refine((ids) => new Set(ids).size === ids.length, refused('list.duplicates', 'A mailbox is listed twice')),
  timezone: z.string().trim().min(1).max(64).refine(isValidTimezone, refused('timezone.invalid', 'Unknown time zone')),
  sendWindowStart: z.string().regex(HH_MM, 'Use the HH:MM format'),
  sendWindowEnd: z.string().regex(HH_MM, 'Use the HH:MM format'),
  sendDays: z
    .array(z.number().int().min(1, 'Days are 1 (Monday) to 7 (Sunday)').max(7, 'Days are 1 (Monday) to 7 (Sunday)'))
    .min(1, 'Pick at least one sending day')
    .max(7)
    .refine((days) => new Set(days).size === days.length, refused('list.duplicates', 'A day is listed twice')),
  dailyLimit: z.number().int().min(1, 'The daily limit must be at least 1').max(10_000, 'The daily limit must be at most 10000').nullable(),
  stopOnReply: z.boolean(),
  trackOpens: z.boolean().describe('Open tracking pixel on APP_URL (off by default: it hurts deliverability)'),
  trackClicks: z.boolean().describe('Links rewritten to APP_URL redirects (off by default: it hurts deliverability)'),
};

function windowOrder(value: { sendWindowStart?: string; sendWindowEnd?: string }, ctx: z.RefinementCtx) {
  if (value.sendWindowStart && value.sendWindowEnd && value.sendWindowStart >= value.sendWindowEnd) {
    ctx.addIssue({ code: 'custom', path: ['sendWindowEnd'], ...refused('window.end_before_start', 'The window must end after it starts') });
  }
}

export const createCampaignInput = z
  .object({
    name: campaignFields.name,
    description: campaignFields.description.default(''),
    /** Omitted: the workspace's default agent. `null`: no agent (replies wait for a human). */
    agentId: campaignFields.agentId.optional(),
    /** Omitted: the workspace's sandbox mailbox, so a new campaign can be tried without real sending. */
    mailboxIds: campaignFields.mailboxIds.optional(),
    timezone: campaignFields.timezone.default('UTC'),
    sendWindowStart: campaignFields.sendWindowStart.default('09:00'),
    sendWindowEnd: campaignFields.sendWindowEnd.default('17:00'),
    sendDays: campaignFields.sendDays.default([1, 2, 3, 4, 5]),
    dailyLimit: campaignFields.dailyLimit.default(null),
    stopOnReply: campaignFields.stopOnReply.default(true),
    trackOpens: campaignFields.trackOpens.default(false),
    trackClicks: campaignFields.trackClicks.default(false),
  })
  .superRefine(windowOrder);
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

export const updateCampaignInput = z
  .object({
    id: idSchema,
    name: campaignFields.name.optional(),
    description: campaignFields.description.optional(),
    agentId: campaignFields.agentId.optional(),
    mailboxIds: campaignFields.mailboxIds.optional(),
    timezone: campaignFields.timezone.optional(),
    sendWindowStart: campaignFields.sendWindowStart.optional(),
    sendWindowEnd: campaignFields.sendWindowEnd.optional(),
    sendDays: campaignFields.sendDays.optional(),
    dailyLimit: campaignFields.dailyLimit.optional(),
    stopOnReply: campaignFields.stopOnReply.optional(),
    /** Address verification before the first email (syntax, MX, role, disposable); `false` turns it off. */
    verifyEmails: z.boolean().optional(),
    /** What a `risky` (role, disposable, no MX) or unverifiable address means: `skip` it or `send` anyway. */
    riskyAddressPolicy: z.enum(['send', 'skip']).optional(),
    /** `null` removes the LinkedIn search (no scrape at launch). */
    linkedinSearch: linkedinSearchInput.nullable().optional(),
    trackOpens: campaignFields.trackOpens.optional(),
    trackClicks: campaignFields.trackClicks.optional(),
    /** A status change obeys the campaign status machine (409 otherwise). */
    status: z.enum(CAMPAIGN_STATUSES).optional(),
  })
  .superRefine(windowOrder);
export type UpdateCampaignInput = z.infer<typeof updateCampaignInput>;

const sortFields = ['createdAt', 'updatedAt', 'name'] as const;
export type CampaignSortField = (typeof sortFields)[number];

export const listCampaignsInput = z
  .object({
    status: z.array(z.enum(CAMPAIGN_STATUSES)).max(CAMPAIGN_STATUSES.length).optional(),
    agentId: idSchema.optional(),
    createdFrom: z.coerce.date().optional(),
    createdTo: z.coerce.date().optional(),
    q: storableText('Search').trim().max(120).optional(),
    sort: z.enum(sortFields).default('createdAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
    cursor: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .refine((value) => !value.createdFrom || !value.createdTo || value.createdFrom <= value.createdTo, {
    path: ['createdTo'],
    ...refused('range.end_before_start', 'createdTo must not be before createdFrom'),
  });
export type ListCampaignsInput = z.infer<typeof listCampaignsInput>;

export const campaignCounts = z.object({
  prospects: z.number().int(),
  sent: z.number().int(),
  replies: z.number().int(),
  meetings: z.number().int(),
});
export type CampaignCounts = z.infer<typeof campaignCounts>;

export const campaignOutput = createSelectSchema(campaigns)
  .pick({
    id: true,
    name: true,
    description: true,
    status: true,
    agentId: true,
    createdBy: true,
    timezone: true,
    sendWindowStart: true,
    sendWindowEnd: true,
    sendDays: true,
    dailyLimit: true,
    stopOnReply: true,
    verifyEmails: true,
    riskyAddressPolicy: true,
    trackOpens: true,
    trackClicks: true,
    startedAt: true,
    pausedAt: true,
    completedAt: true,
    archivedAt: true,
    createdAt: true,
    updatedAt: true,
  })
  .extend({
    agentName: z.string().nullable(),
    /** Null when the campaign has no PhantomBuster agent (its prospects come from imports or the API). */
    linkedinSearch: linkedinSearchOutput.nullable(),
    mailboxIds: z.array(z.string()),
    counts: campaignCounts,
    /** Statuses this campaign may move to now (the UI offers only these). */
    allowedTransitions: z.array(z.enum(CAMPAIGN_STATUSES)),
  });
export type CampaignView = z.infer<typeof campaignOutput>;

export const campaignListOutput = z.object({
  items: z.array(campaignOutput),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const deleteCampaignOutput = z.object({
  /** The campaign and its enrollments are gone. */
  deleted: z.boolean(),
  /** It had sent mail, so it was archived instead and its history kept. */
  archived: z.boolean(),
});

export const formOptionsOutput = z.object({
  agents: z.array(z.object({ id: z.string(), name: z.string(), isDefault: z.boolean() })),
  mailboxes: z.array(
    z.object({ id: z.string(), fromEmail: z.string(), fromName: z.string(), kind: z.enum(['smtp', 'sandbox']), status: z.enum(['active', 'paused', 'error']) }),
  ),
});

export const campaignJobOutput = z.object({
  id: z.string(),
  type: z.string(),
  state: z.enum(JOB_STATES),
  progress: z.object({ done: z.number(), total: z.number().nullable(), label: z.string().optional() }).nullable(),
  lastError: z.string().nullable(),
  /** How the last run ended: `retry_scheduled` (waits until `runAt`, see `outcomeReason`), `failed_permanently`… */
  lastOutcome: z.enum(JOB_OUTCOMES).nullable(),
  outcomeReason: z.string().nullable(),
  runAt: z.date(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});

export const campaignProspectOutput = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  stage: z.enum(PROSPECT_STAGES),
  lastContactedAt: z.date().nullable(),
  createdAt: z.date(),
});
