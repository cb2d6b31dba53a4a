import { eq, inArray } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import { mailboxes, messages } from '../db/schema/index.js';
import type { Logger } from '../logger.js';
import { createDnsResolver } from '../integrations/dns.js';
import { domainsToCheck, lookupDomains, storeDomainChecks } from './address-checks.service.js';
import type { MailDnsLookup } from './rules/address-verification.js';
import { flagExpiredLeases } from './message-states.js';
import { claimForSend, type Claimed } from './send-claim.js';
import { planSends } from './send-plan.js';
import { recordOutcome } from './send-record.js';
import { openMailboxTransport, type MailboxTransport, type TransportOutcome } from './transport.js';

/**
 * One tick for one workspace, in one direction: flag expired leases → plan (due, windows, rotation)
 * → for each planned send: claim (transaction) → transport (no transaction open) → record
 * (transaction). No step calls back into an earlier one.
 */

export type SendTickDeps = {
  inWorkspace<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  config: Config;
  secretBox: SecretBox;
  logger: Logger;
  /** Look-ups for address verification; by default a resolver on `DNS_SERVERS`. */
  dns?: MailDnsLookup;
};

/** Longer than any SMTP exchange (timeouts are 15 s per step): past it, a `sending` message is `unknown`. */
export const SEND_LEASE_MS = 5 * 60_000;

export type SendTickOptions = { now?: Date; leaseMs?: number; signal?: AbortSignal };
export type SendTickResult = { sent: number; failed: number; held: number; skipped: number; unknown: number; deferred: number; flaggedUnknown: number };

export function appUrlOf(config: Config): string {
  return config.appOrigin ?? `http://localhost:${config.port}`;
}

export async function runSendTick(deps: SendTickDeps, options: SendTickOptions = {}): Promise<SendTickResult> {
  const now = options.now ?? new Date();
  const leaseMs = options.leaseMs ?? SEND_LEASE_MS;
  const result: SendTickResult = { sent: 0, failed: 0, held: 0, skipped: 0, unknown: 0, deferred: 0, flaggedUnknown: 0 };
  result.flaggedUnknown = await deps.inWorkspace((db) => flagExpiredLeases(db, now));
  await verifyUpcomingDomains(deps, now);
  const plan = await deps.inWorkspace(async (db) => {
    const planned = await planSends(db, now);
    for (const { messageId, until } of planned.deferred) {
      await db.update(messages).set({ scheduledAt: until }).where(eq(messages.id, messageId));
    }
    return planned;
  });
  result.deferred = plan.deferred.length;
  if (plan.sends.length === 0) return result;

  const rows = await deps.inWorkspace((db) => db.select().from(mailboxes).where(inArray(mailboxes.id, [...new Set(plan.sends.map((send) => send.mailboxId))])));
  const transports = new Map<string, MailboxTransport>();
  try {
    for (const send of plan.sends) {
      if (options.signal?.aborted) break;
      const claim = await deps.inWorkspace((db) => claimForSend(db, send.messageId, send.mailboxId, { now, leaseMs, appUrl: appUrlOf(deps.config) }));
      if (claim.kind !== 'claimed') {
        if (claim.kind === 'held') result.held++;
        else if (claim.kind === 'refused') result.failed++;
        else result.skipped++;
        continue;
      }
      const outcome = await deliver(deps, transports, rows, claim);
      await deps.inWorkspace((db) => recordOutcome(db, claim, outcome, now));
      if (outcome.kind === 'accepted') result.sent++;
      else if (outcome.kind === 'unknown') result.unknown++;
      else result.failed++;
    }
  } finally {
    for (const transport of transports.values()) transport.close();
  }
  return result;
}

/** MX look-ups for first emails due soon: read, look up with no transaction open, then store. */
async function verifyUpcomingDomains(deps: SendTickDeps, now: Date): Promise<void> {
  const domains = await deps.inWorkspace((db) => domainsToCheck(db, now));
  if (domains.length === 0) return;
  const verdicts = await lookupDomains(domains, deps.dns ?? createDnsResolver({ servers: deps.config.dnsServers }));
  await deps.inWorkspace((db) => storeDomainChecks(db, verdicts, now));
}

async function deliver(deps: SendTickDeps, transports: Map<string, MailboxTransport>, rows: (typeof mailboxes.$inferSelect)[], claim: Claimed): Promise<TransportOutcome> {
  try {
    let transport = transports.get(claim.mailboxId);
    if (!transport) {
      const mailbox = rows.find((row) => row.id === claim.mailboxId);
      if (!mailbox) return { kind: 'not_sent', error: 'The mailbox is gone', mailboxProblem: false };
      transport = await openMailboxTransport(mailbox, deps.config, deps.secretBox);
      transports.set(claim.mailboxId, transport);
    }
    return await transport.send(claim.mail, claim.dkim);
  } catch (error) {
    // Opening the transport failed (a secret that no longer decrypts): nothing was handed over.
    deps.logger.warn({ err: error, mailboxId: claim.mailboxId }, 'could not open the mailbox transport');
    return { kind: 'not_sent', error: error instanceof Error ? error.message : String(error), mailboxProblem: true };
  }
}
