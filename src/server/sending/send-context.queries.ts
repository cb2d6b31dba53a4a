import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { enrichments, prospects, workspaces } from '../db/schema/index.js';

/** 32 lower-case hex characters: unguessable, and safe in a mailto local part that servers lower-case. */
export function newUnsubscribeToken(): string {
  return randomBytes(16).toString('hex');
}

/** How many prospects each version of a campaign step already got (index → count). */
export async function variantCounts(db: Db, campaignId: string, stepPosition: number, variantCount: number): Promise<number[]> {
  const rows = await queryRows<{ variant_index: number; n: number }>(
    db,
    sql`select variant_index, count(*)::int as n from messages
        where campaign_id = ${campaignId} and step_position = ${stepPosition} and direction = 'outbound' and variant_index is not null
        group by variant_index`,
  );
  const counts = Array.from({ length: variantCount }, () => 0);
  for (const row of rows) if (row.variant_index < variantCount) counts[row.variant_index] = Number(row.n);
  return counts;
}

/** Is the address (or its domain) on the workspace's suppression list? */
export async function isSuppressed(db: Db, email: string): Promise<boolean> {
  const address = email.trim().toLowerCase();
  const domain = address.slice(address.lastIndexOf('@') + 1);
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from suppressions where (kind = 'email' and value = ${address}) or (kind = 'domain' and value = ${domain}) limit 1`,
  );
  return rows.length > 0;
}

/** The zones a prospect's window may be read in, most specific first (see `resolveSendTimezone`). */
export async function timezoneCandidates(db: Db, prospectId: string, campaignTimezone: string) {
  const [row] = await db
    .select({ prospect: prospects.timezone, enrichment: enrichments.timezone, workspace: workspaces.timezone })
    .from(prospects)
    .leftJoin(enrichments, eq(enrichments.prospectId, prospects.id))
    .innerJoin(workspaces, eq(workspaces.id, prospects.workspaceId))
    .where(and(eq(prospects.id, prospectId)));
  return { prospect: row?.prospect, enrichment: row?.enrichment, campaign: campaignTimezone, workspace: row?.workspace };
}
