import type { Database } from '../db/database.js';
import type { InboundMail } from './inbound-mail.js';

/**
 * The one seam between the Instantly webhook and the reply pipeline. A `reply_received` event is
 * parsed into an `InboundMail` (instantly-webhook.ts) and handed, with where it came from, to
 * `ingestInboundMail` (src/server/replies/ingest.service.ts) — the same entry point as IMAP and
 * the generic inbound webhook, so threading, dedupe (the Message-ID derived from Instantly's
 * email id), auto-reply detection and the AI decision are the same code path.
 *
 * The webhook handler only knows `InstantlyReplyHandler`; the app wires it at start-up with
 * `instantlyReplyHandler(database, ingestInboundMail, deps)`.
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
};

export type InstantlyReplyHandler = (mail: InboundMail, source: InstantlyReplySource) => Promise<void>;

/** The contract of the reply pipeline's entry point, as the webhook needs it. */
export type IngestInboundMail<Deps> = (database: Database, deps: Deps, mail: InboundMail, source: InstantlyReplySource) => Promise<unknown>;

export function instantlyReplyHandler<Deps>(database: Database, ingest: IngestInboundMail<Deps>, deps: Deps): InstantlyReplyHandler {
  return async (mail, source) => {
    await ingest(database, deps, mail, source);
  };
}
