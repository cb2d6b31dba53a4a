import { sql, type SQL } from 'drizzle-orm';
import type { DomainCheckResult } from '../db/schema/index.js';

const FAILING = new Set(['missing', 'error']);

/** The problems one domain's last DNS check shows: failing SPF, missing DKIM, missing DMARC; unchecked counts as one. */
export function domainProblems(check: DomainCheckResult | null): number {
  if (!check) return 1;
  const spf = FAILING.has(check.spf.status) || check.spf.authorizesSmtpHost === false ? 1 : 0;
  return spf + (FAILING.has(check.dkim.status) ? 1 : 0) + (FAILING.has(check.dmarc.status) ? 1 : 0);
}

/**
 * The last DNS check of each domain a real (non-sandbox, not paused) mailbox sends from, as one SQL
 * expression (null for a domain never checked, or with no row yet), so the health inputs stay one
 * statement.
 */
export function sendingDomainChecksSql(workspaceId: string): SQL {
  return sql`(select coalesce(json_agg(sd.last_check), '[]'::json)
      from (select distinct lower(substring(m.from_email from '[^@]*$')) as domain from mailboxes m
             where m.workspace_id = ${workspaceId} and m.kind = 'smtp' and m.status in ('active', 'error')) d
      left join sending_domains sd on sd.workspace_id = ${workspaceId} and sd.domain = d.domain)`;
}

/** Summed over those domains' checks (see `sendingDomainChecksSql`). */
export function sendingDomainProblems(checks: (DomainCheckResult | null)[]): number {
  return checks.reduce((sum, check) => sum + domainProblems(check), 0);
}
