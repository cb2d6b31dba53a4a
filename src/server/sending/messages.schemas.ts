import { z } from 'zod';
import { MESSAGE_STATES } from '../../shared/enums.js';

export const listMessagesInput = z.object({
  campaignId: z.uuid('Not a valid id').optional(),
  state: z.enum(MESSAGE_STATES).optional(),
  /** Only messages sent from this mailbox (the sandbox's outbox, say). */
  mailboxId: z.uuid('Not a valid id').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type ListMessagesInput = z.infer<typeof listMessagesInput>;

export const outboundMessageOutput = z.object({
  id: z.uuid(),
  campaignId: z.uuid().nullable(),
  prospectId: z.uuid(),
  mailboxId: z.uuid().nullable(),
  state: z.enum(MESSAGE_STATES),
  stepPosition: z.number().int().nullable(),
  variantIndex: z.number().int().nullable(),
  toEmail: z.string().nullable(),
  fromEmail: z.string().nullable(),
  subject: z.string(),
  bodyText: z.string(),
  messageIdHeader: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  scheduledAt: z.date().nullable(),
  sentAt: z.date().nullable(),
  error: z.string().nullable(),
  isBounce: z.boolean(),
});
export type OutboundMessageView = z.infer<typeof outboundMessageOutput>;

export const resolveMessageInput = z.object({ id: z.uuid('Not a valid id'), decision: z.enum(['sent', 'requeue']) });

export const messageDetailOutput = outboundMessageOutput.extend({
  bodyHtml: z.string().nullable(),
  /** The header lines as sent (unfolded), from the stored MIME source; empty when none was kept. */
  headers: z.array(z.object({ name: z.string(), value: z.string() })),
  /** The whole MIME source as it left (the sandbox keeps it), or `null`. */
  raw: z.string().nullable(),
});
export type MessageDetailView = z.infer<typeof messageDetailOutput>;
