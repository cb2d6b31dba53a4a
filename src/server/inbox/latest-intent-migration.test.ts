import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUpgradedThrough } from '../../../tests/helpers/migrated-before.js';
import { queryRows, type Database } from '../db/database.js';
import { listConversations } from './conversations.queries.js';

/**
 * The inbox's intent filter reads `messages.latest_intent` since migration 0021: a database with
 * replies decided before it — one read twice, one never decided — is upgraded, and each reply is
 * filed under its latest reading, as the filter found it before the upgrade.
 */
let database: Database;
let cleanup: () => Promise<void> = async () => {};
let workspaceId: string;
const reply: Record<'twice' | 'once' | 'undecided', string> = { twice: '', once: '', undecided: '' };

beforeAll(async () => {
  ({ database, cleanup } = await databaseUpgradedThrough('_inbox_latest_intent', async (run) => {
    const [workspace] = await run<{ id: string }>(sql`insert into workspaces (name) values ('Before 0021') returning id`);
    workspaceId = workspace!.id;
    for (const [key, email] of [['twice', 'twice@old.example'], ['once', 'once@old.example'], ['undecided', 'quiet@old.example']] as const) {
      const [person] = await run<{ id: string }>(sql`insert into prospects (workspace_id, email) values (${workspaceId}, ${email}) returning id`);
      const [message] = await run<{ id: string }>(
        sql`insert into messages (workspace_id, prospect_id, direction, state, from_email, subject, body_text, received_at)
            values (${workspaceId}, ${person!.id}, 'inbound', 'received', ${email}, 'Re: hello', 'A reply', now()) returning id`,
      );
      reply[key] = message!.id;
      const decide = (intent: string, at: string) =>
        run(sql`insert into ai_decisions (workspace_id, message_id, prospect_id, intent, confidence, action, provider, created_at)
                values (${workspaceId}, ${message!.id}, ${person!.id}, ${intent}::reply_intent, 0.9, 'review', 'offline', ${at}::timestamptz)`);
      if (key === 'twice') {
        await decide('question', '2026-11-01T10:00:00Z');
        await decide('not_now', '2026-11-02T10:00:00Z');
      }
      if (key === 'once') await decide('interested', '2026-11-01T10:00:00Z');
    }
  }));
}, 120_000);
afterAll(() => cleanup());

const filedUnder = (intent: 'question' | 'not_now' | 'interested') =>
  database.withWorkspace(workspaceId, async (db) => (await listConversations(db, workspaceId, { intent, limit: 50 })).items.map((row) => row.latestMessageId));

describe('upgrading to messages.latest_intent', () => {
  it('files each reply decided before the upgrade under its latest reading', async () => {
    expect(await filedUnder('not_now')).toEqual([reply.twice]);
    expect(await filedUnder('question')).toEqual([]);
    expect(await filedUnder('interested')).toEqual([reply.once]);
    const all = await database.withWorkspace(workspaceId, (db) => listConversations(db, workspaceId, { limit: 50 }));
    expect(all.items.map((row) => row.latestMessageId).sort()).toEqual(Object.values(reply).sort());
  });

  it('left the counters as they were (their triggers sat out the backfill, and are back on)', async () => {
    const triggers = await database.asSystem((db) =>
      queryRows(db, sql`select tgname, tgenabled from pg_trigger where tgname in ('messages_counters_update', 'messages_reports_update') order by tgname`),
    );
    expect(triggers).toEqual([
      { tgname: 'messages_counters_update', tgenabled: 'O' },
      { tgname: 'messages_reports_update', tgenabled: 'O' },
    ]);
  });
});
