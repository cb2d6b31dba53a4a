import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../src/server/crypto/passwords.js';
import { queryRows, type Database } from '../src/server/db/database.js';

/**
 * The app as the benches measure it: production mode, no jobs, on `database`, with one signed-up
 * admin whose session cookie and workspace the bench uses.
 */
export async function startBenchApp(database: Database, dataDirPrefix: string, env: Record<string, string> = {}) {
  const { app, base } = await restartBenchApp(database, dataDirPrefix, env);
  const signUp = await fetch(`${base}/api/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: 'bench@example.com', password: 'correct horse battery staple', name: 'Bench', workspaceName: 'Bench' }),
  });
  if (signUp.status !== 201) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const cookie = signUp.headers.getSetCookie()[0]!.split(';')[0]!;
  const workspaceId = ((await signUp.json()) as { workspace: { id: string } }).workspace.id;
  return { app, base, cookie, workspaceId };
}

/** The app alone on `database` (no sign-up): a restart on data an earlier `startBenchApp` made. */
export async function restartBenchApp(database: Database, dataDirPrefix: string, env: Record<string, string> = {}) {
  const config = loadConfig({ NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', DATA_DIR: mkdtempSync(path.join(tmpdir(), dataDirPrefix)), ...env });
  const app = await createApp(config, { database });
  return { app, base: await app.start() };
}

/**
 * On a data folder an earlier run seeded (`--data-dir`): signs in as an admin of the workspace
 * holding the most prospects, after giving that account the bench's password (bench data only).
 * Null when the folder holds no prospects yet.
 */
export async function signInSeededAdmin(database: Database, base: string): Promise<{ cookie: string; workspaceId: string } | null> {
  const [owner] = await database.asSystem((db) =>
    queryRows<{ workspace_id: string; email: string }>(
      db,
      sql`select p.workspace_id, u.email from (select workspace_id from prospects group by 1 order by count(*) desc limit 1) p
          join memberships m on m.workspace_id = p.workspace_id and m.role = 'admin' join users u on u.id = m.user_id limit 1`,
    ),
  );
  if (!owner) return null;
  const password = 'correct horse battery staple';
  const passwordHash = await hashPassword(password);
  await database.asSystem((db) => db.execute(sql`update users set password_hash = ${passwordHash} where email = ${owner.email}`));
  const signIn = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: owner.email, password }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  return { cookie: signIn.headers.getSetCookie()[0]!.split(';')[0]!, workspaceId: owner.workspace_id };
}
