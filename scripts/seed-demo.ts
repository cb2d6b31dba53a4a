/**
 * `npm run seed:demo -- --prospects 100000 --campaigns 50 [--messages 500000] [--days 90] [--email owner@example.com]`
 *
 * Fills the workspace the given user administers (or a new "Demo workspace" with a new owner,
 * whose sign-in is printed) with realistic demo data: prospects across stages and tags, their
 * enrichments, campaigns, enrollments, mail over `days` days with replies, bounces, AI decisions,
 * review items and meetings. Generated inside the database in large set-based inserts; the
 * counters follow through their triggers and are reconciled at the end. Everything is marked as
 * demo data (src/server/demo/demo-marks.ts) and removed in one action from Settings or
 * `DELETE /api/admin/demo-data`. Uses DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite: stop the
 * server first, PGlite allows one process per data folder).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { seedBenchData } from '../bench/seed.js';
import { loadConfigOrExit } from '../src/server/config.js';
import { reconcileCounters } from '../src/server/counters/reconcile.js';
import { hashPassword } from '../src/server/crypto/passwords.js';
import { databaseOptionsFromConfig, openDatabase, queryRows } from '../src/server/db/database.js';
import { users } from '../src/server/db/schema/index.js';
import { provisionWorkspace } from '../src/server/workspaces/provision.js';

const { values } = parseArgs({
  options: {
    prospects: { type: 'string', default: '100000' },
    campaigns: { type: 'string', default: '50' },
    messages: { type: 'string', default: '500000' },
    days: { type: 'string', default: '90' },
    email: { type: 'string' },
  },
});
const counts = { prospects: Number(values.prospects), campaigns: Number(values.campaigns), messages: Number(values.messages), days: Number(values.days) };
for (const [name, value] of Object.entries(counts)) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a whole number of at least 1 (got ${String(values[name as keyof typeof values])}).`);
    process.exit(2);
  }
}

const config = loadConfigOrExit();
const database = await openDatabase(databaseOptionsFromConfig(config));
try {
  let workspaceId: string;
  if (values.email) {
    const [owned] = await database.asSystem((db) =>
      queryRows<{ workspace_id: string }>(
        db,
        sql`select m.workspace_id from memberships m join users u on u.id = m.user_id
            where lower(u.email) = lower(${values.email}) and m.role = 'admin' order by m.created_at limit 1`,
      ),
    );
    if (!owned) {
      console.error(`No workspace administered by ${values.email}: sign up first, or leave out --email for a new demo workspace.`);
      process.exit(1);
    }
    workspaceId = owned.workspace_id;
  } else {
    workspaceId = randomUUID();
    const email = `demo-${workspaceId.slice(0, 8)}@example.com`;
    const password = randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    await database.withWorkspace(workspaceId, async (db) => {
      const [user] = await db.insert(users).values({ email, name: 'Demo Owner', passwordHash }).returning({ id: users.id });
      await provisionWorkspace(db, { workspaceId, name: 'Demo workspace', ownerUserId: user!.id, ownerName: 'Demo Owner' });
    });
    console.log(`New demo workspace: sign in as ${email} / ${password}`);
  }
  // Outbound mail is ~90 % of the messages: 3 % more are scheduled, 8.4 % come back (replies, auto-replies, bounces).
  const sentPerDay = Math.max(1, Math.round(counts.messages / 1.114 / counts.days));
  const seeded = await seedBenchData(database, { workspaceId, prospects: counts.prospects, campaigns: counts.campaigns, days: counts.days, sentPerDay });
  const drift = await database.withWorkspace(workspaceId, (db) => reconcileCounters(db, workspaceId));
  console.log(`Seeded ${JSON.stringify(seeded.counts)} in ${(seeded.ms / 1000).toFixed(1)} s; counters reconciled (${JSON.stringify(drift)} rows corrected).`);
} finally {
  await database.close();
}
