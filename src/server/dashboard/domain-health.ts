import { and, eq, inArray } from 'drizzle-orm';
import { domainOf } from '../../shared/mailbox-rules.js';
import type { Db } from '../db/database.js';
import { mailboxes, sendingDomains, type DomainCheckResult } from '../db/schema/index.js';

const FAILING = new Set(['missing', 'error']);

/** The problems one domain's last DNS check shows: failing SPF, missing DKIM, missing DMARC; unchecked counts as one. */
export function domainProblems(check: DomainCheckResult | null): number {
  if (!check) return 1;
  const spf = FAILING.has(check.spf.status) || check.spf.authorizesSmtpHost === false ? 1 : 0;
  return spf + (FAILING.has(check.dkim.status) ? 1 : 0) + (FAILING.has(check.dmarc.status) ? 1 : 0);
}

/** Summed over the domains that a real (non-sandbox, not paused) mailbox sends from. */
export async function sendingDomainProblems(db: Db): Promise<number> {
  const senders = await db.select({ fromEmail: mailboxes.fromEmail }).from(mailboxes).where(and(eq(mailboxes.kind, 'smtp'), inArray(mailboxes.status, ['active', 'error'])));
  const domains = [...new Set(senders.map((row) => domainOf(row.fromEmail)))];
  if (!domains.length) return 0;
  const rows = await db.select({ lastCheck: sendingDomains.lastCheck }).from(sendingDomains).where(inArray(sendingDomains.domain, domains));
  // A domain with no row yet (created before domains were tracked) is as unchecked as one never checked.
  return rows.reduce((sum, row) => sum + domainProblems(row.lastCheck ?? null), domains.length - rows.length);
}
