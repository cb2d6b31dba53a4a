import { agentDecideJob } from '../agent/jobs.js';
import { runJobNow } from '../jobs/run-now.js';
import { ingestInboundMail } from '../replies/ingest.service.js';
import type { InstantlyReplyHandler } from '../replies/instantly-reply.adapter.js';
import type { AppServices } from '../services.js';

/**
 * Instantly `reply_received` events into the same pipeline as IMAP and the inbound-email webhook:
 * stored in the lead's workspace (dedupe, threading, auto-reply detection), then decided at once
 * rather than at the next job poll, so arrival to decision stays within seconds.
 */
export function ingestInstantlyReply(services: AppServices): InstantlyReplyHandler {
  return async (mail, source) => {
    // Instantly sent the message answered: the event names the lead, so the thread is known without our Message-ID.
    const sentElsewhere = source.prospectId ? { prospectId: source.prospectId, prospectEmail: source.leadEmail, campaignId: source.campaignId } : undefined;
    // What Instantly needs to answer in this thread (POST /emails/reply): the reply's id and the account.
    const instantly = source.emailId && source.emailAccount ? { emailId: source.emailId, account: source.emailAccount } : undefined;
    const result = await services.database.withWorkspace(source.workspaceId, (db) => ingestInboundMail(db, {}, mail, { kind: 'instantly', sentElsewhere, instantly }));
    const jobId = result.decisionJobId;
    if (jobId) void runJobNow(services, agentDecideJob, jobId).catch((error: unknown) => services.logger.error({ err: error, jobId }, 'could not run the reply decision'));
  };
}
