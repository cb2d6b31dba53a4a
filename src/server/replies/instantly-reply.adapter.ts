import type { InboundMail } from './inbound-mail.js';

/**
 * The one seam between the Instantly webhook and the reply pipeline. A `reply_received` event is
 * parsed into an `InboundMail` (instantly-webhook.ts) and handed, with where it came from, to
 * `ingestInboundMail` (src/server/replies/ingest.service.ts) — the same entry point as IMAP and
 * the generic inbound webhook, so threading, dedupe (the Message-ID derived from Instantly's
 * email id), auto-reply detection and the AI decision are the same code path.
 *
 * The webhook handler only knows `InstantlyReplyHandler`; the HTTP server wires it to the pipeline
 * (http/instantly-reply.ts), and tests may pass their own.
 */
export type InstantlyReplySource = {
  kind: 'instantly';
  workspaceId: string;
  /** Our campaign linked to the Instantly campaign of the event (null when none is linked). */
  campaignId: string | null;
  /** The prospect with the lead's address in this workspace (null when unknown). */
  prospectId: string | null;
  leadEmail: string;
  instantlyCampaignId: string | null;
  /** Instantly's sending account the lead answered. */
  emailAccount: string | null;
  /** Instantly's id of the reply (`email_id`): its reply endpoint answers in-thread by it. */
  emailId: string | null;
};

export type InstantlyReplyHandler = (mail: InboundMail, source: InstantlyReplySource) => Promise<void>;
