import { and, eq, gt, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { emailDomainChecks } from '../db/schema/index.js';
import { currentWorkspaceId } from '../db/schema/columns.js';
import {
  combineAddressVerdict,
  domainMailVerdictFromDns,
  precheckAddress,
  type AddressVerification,
  type DomainMailVerdict,
  type MailDnsLookup,
} from './rules/address-verification.js';

/**
 * Address verification before a first email, in two halves so no DNS look-up ever runs while the
 * claim holds its locks: the tick looks up the domains of first emails due soon (no transaction
 * open) and caches each verdict per domain; the claim reads the cached verdict and decides.
 */

/** A definite answer (MX found, null MX, no mail server) holds a week; a failed look-up is retried soon. */
export const DOMAIN_CHECK_TTL_MS = 7 * 86_400_000;
export const UNKNOWN_RETRY_MS = 15 * 60_000;
/** First emails due within this lead time get their domain looked up ahead of time. */
export const CHECK_LEAD_MS = 86_400_000;
const LOOKUP_CONCURRENCY = 8;

/** Recipient domains of first emails due soon in campaigns that verify, with no fresh cached verdict. */
export async function domainsToCheck(db: Db, now: Date, limit = 100): Promise<string[]> {
  const rows = await queryRows<{ domain: string }>(
    db,
    sql`select distinct split_part(lower(m.to_email), '@', 2) as domain
        from messages m
        join campaigns c on c.id = m.campaign_id and c.status = 'active' and c.verify_emails
        where m.direction = 'outbound' and m.state = 'scheduled' and m.step_position = 0 and m.to_email like '%@%'
          and m.scheduled_at <= ${new Date(now.getTime() + CHECK_LEAD_MS).toISOString()}
          and not exists (select 1 from email_domain_checks d where d.domain = split_part(lower(m.to_email), '@', 2) and d.expires_at > ${now.toISOString()})
        limit ${limit}`,
  );
  return rows.map((row) => row.domain).filter((domain) => precheckAddress(`x@${domain}`).syntax.ok);
}

/** DNS look-ups, a few at a time; never throws (a failing look-up is an `unknown` verdict). */
export async function lookupDomains(domains: readonly string[], dns: MailDnsLookup): Promise<Map<string, DomainMailVerdict>> {
  const verdicts = new Map<string, DomainMailVerdict>();
  let next = 0;
  const worker = async () => {
    while (next < domains.length) {
      const domain = domains[next++]!;
      try {
        verdicts.set(domain, await domainMailVerdictFromDns(domain, dns));
      } catch (error) {
        verdicts.set(domain, { kind: 'unknown', detail: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, domains.length) }, worker));
  return verdicts;
}

export async function storeDomainChecks(db: Db, verdicts: ReadonlyMap<string, DomainMailVerdict>, now: Date): Promise<void> {
  for (const [domain, verdict] of verdicts) {
    const expiresAt = new Date(now.getTime() + (verdict.kind === 'unknown' ? UNKNOWN_RETRY_MS : DOMAIN_CHECK_TTL_MS));
    const stored = verdict as typeof emailDomainChecks.$inferInsert.verdict;
    await db
      .insert(emailDomainChecks)
      .values({ workspaceId: sql`${currentWorkspaceId}`, domain, verdict: stored, checkedAt: now, expiresAt })
      .onConflictDoUpdate({ target: [emailDomainChecks.workspaceId, emailDomainChecks.domain], set: { verdict: stored, checkedAt: now, expiresAt } });
  }
}

/**
 * The verification of one address from the cache: `null` when its domain has no fresh verdict
 * yet (the message waits for the next tick's look-up). A malformed address needs no look-up.
 */
export async function cachedAddressVerification(db: Db, email: string, now: Date): Promise<AddressVerification | null> {
  const { syntax } = precheckAddress(email);
  if (!syntax.ok) return combineAddressVerdict(email, null);
  const [row] = await db
    .select({ verdict: emailDomainChecks.verdict })
    .from(emailDomainChecks)
    .where(and(eq(emailDomainChecks.domain, syntax.domain), gt(emailDomainChecks.expiresAt, now)));
  if (!row) return null;
  return combineAddressVerdict(email, row.verdict as unknown as DomainMailVerdict);
}

/** First emails of the campaign waiting because their domain could not be looked up (no network). */
export async function unknownAddressCount(db: Db, campaignId: string, now: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from messages m
        join email_domain_checks d on d.domain = split_part(lower(m.to_email), '@', 2) and d.expires_at > ${now.toISOString()}
        where m.campaign_id = ${campaignId} and m.direction = 'outbound' and m.state = 'scheduled' and m.step_position = 0
          and d.verdict->>'kind' = 'unknown'`,
  );
  return Number(row?.n ?? 0);
}
