import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database.js';
import { enrollments, messages, prospects, suppressions } from '../db/schema/index.js';
import { recordEvent } from '../events/events.service.js';
import { markFailed } from './message-states.js';

/**
 * One-click unsubscribe (RFC 8058): the token in `/u/TOKEN` alone says who, with no login. The
 * address goes on the workspace's suppression list at once — it outlives the prospect row, so the
 * address is never mailed again whatever list it comes back from — its sequence stops and anything
 * still scheduled for it fails as "unsubscribed". Doing it twice changes nothing more.
 */

const TOKEN = /^[a-f0-9]{32}$/;

export type UnsubscribeTarget = { workspaceId: string; prospectId: string; email: string; language: 'en' | 'fr' | null };

/** Who a token belongs to; `null` for a malformed, forged or unknown token. */
export async function findUnsubscribeTarget(database: Database, token: string): Promise<UnsubscribeTarget | null> {
  if (!TOKEN.test(token)) return null;
  // The token is the only key the recipient has, so its workspace is not known yet: a system look-up.
  const [row] = await database.asSystem((db) =>
    queryRows<{ workspace_id: string; prospect_id: string; to_email: string | null; language: string | null; workspace_language: string }>(
      db,
      sql`select m.workspace_id, m.prospect_id, m.to_email, en.language, w.language as workspace_language
          from messages m join workspaces w on w.id = m.workspace_id left join enrichments en on en.prospect_id = m.prospect_id
          where m.unsubscribe_token = ${token} and m.direction = 'outbound' limit 1`,
    ),
  );
  if (!row?.to_email) return null;
  const language = row.language === 'en' || row.language === 'fr' ? row.language : row.workspace_language === 'fr' ? 'fr' : row.workspace_language === 'en' ? 'en' : null;
  return { workspaceId: row.workspace_id, prospectId: row.prospect_id, email: row.to_email.toLowerCase(), language };
}

/** `source` says where the request came from on the suppression row ('one-click', 'instantly'…). */
export async function unsubscribe(database: Database, target: Pick<UnsubscribeTarget, 'workspaceId' | 'email'>, source = 'one-click'): Promise<{ alreadyUnsubscribed: boolean }> {
  return database.withWorkspace(target.workspaceId, async (db) => {
    const inserted = await db
      .insert(suppressions)
      .values({ workspaceId: target.workspaceId, kind: 'email', value: target.email, reason: 'unsubscribe', source })
      .onConflictDoNothing()
      .returning({ id: suppressions.id });
    const people = await db.select({ id: prospects.id, stage: prospects.stage, campaignId: prospects.campaignId }).from(prospects).where(sql`lower(${prospects.email}) = ${target.email}`);
    for (const person of people) {
      if (person.stage !== 'unsubscribed') {
        await db.update(prospects).set({ stage: 'unsubscribed', stageChangedAt: new Date() }).where(eq(prospects.id, person.id));
        await recordEvent(db, { workspaceId: target.workspaceId, type: 'prospect.unsubscribed', prospectId: person.id, campaignId: person.campaignId, data: { email: target.email } });
      }
      await db.update(enrollments).set({ state: 'stopped', stoppedReason: 'unsubscribed', nextRunAt: null }).where(and(eq(enrollments.prospectId, person.id), inArray(enrollments.state, ['active', 'paused'])));
      const pending = await db.select({ id: messages.id }).from(messages).where(and(eq(messages.prospectId, person.id), eq(messages.direction, 'outbound'), eq(messages.state, 'scheduled')));
      for (const message of pending) await markFailed(db, message.id, 'Not sent: unsubscribed', { from: ['scheduled'] });
    }
    return { alreadyUnsubscribed: inserted.length === 0 };
  });
}
