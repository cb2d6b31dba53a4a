import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import type { Database } from '../src/server/db/database.js';

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
