import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database.js';

/**
 * Opens (`/t/o/TOKEN.gif`) and clicks (`/t/c/TOKEN`) of tracked messages. The token alone says which
 * message, with no login, so the look-up is a system one; the write runs in the message's workspace.
 * Every hit is kept in message_events; a person's first open / click (not a likely bot) stamps the
 * message, which the report rollups count once.
 */

const TOKEN = /^[a-f0-9]{32}$/;

export type Hit = { userAgent: string | undefined; likelyBot: boolean; at: Date };

export async function recordOpen(database: Database, token: string, hit: Hit): Promise<boolean> {
  if (!TOKEN.test(token)) return false;
  const [row] = await database.asSystem((db) =>
    queryRows<{ id: string; workspace_id: string }>(db, sql`select id, workspace_id from messages where tracking_token = ${token} and direction = 'outbound' limit 1`),
  );
  if (!row) return false;
  await database.withWorkspace(row.workspace_id, async (db) => {
    await db.execute(sql`insert into message_events (workspace_id, message_id, kind, user_agent, likely_bot, at)
                         values (${row.workspace_id}, ${row.id}, 'open', ${hit.userAgent?.slice(0, 300) ?? null}, ${hit.likelyBot}, ${hit.at.toISOString()})`);
    if (!hit.likelyBot) await db.execute(sql`update messages set opened_at = ${hit.at.toISOString()} where id = ${row.id} and opened_at is null and state = 'sent'`);
  });
  return true;
}

/** The recorded destination of a link token, or null: nothing else is ever redirected to. */
export async function recordClick(database: Database, token: string, hit: Hit): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const [link] = await database.asSystem((db) =>
    queryRows<{ id: string; workspace_id: string; message_id: string; url: string }>(db, sql`select id, workspace_id, message_id, url from tracked_links where token = ${token} limit 1`),
  );
  if (!link || !/^https?:\/\//i.test(link.url)) return null;
  await database.withWorkspace(link.workspace_id, async (db) => {
    await db.execute(sql`insert into message_events (workspace_id, message_id, kind, link_id, user_agent, likely_bot, at)
                         values (${link.workspace_id}, ${link.message_id}, 'click', ${link.id}, ${hit.userAgent?.slice(0, 300) ?? null}, ${hit.likelyBot}, ${hit.at.toISOString()})`);
    // A click is also an open (the pixel may have been blocked).
    if (!hit.likelyBot) {
      await db.execute(sql`update messages set clicked_at = coalesce(clicked_at, ${hit.at.toISOString()}), opened_at = coalesce(opened_at, ${hit.at.toISOString()})
                           where id = ${link.message_id} and state = 'sent' and (clicked_at is null or opened_at is null)`);
    }
  });
  return link.url;
}
