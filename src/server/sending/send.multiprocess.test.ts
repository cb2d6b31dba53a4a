import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../config.js';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../../tests/fakes/smtp-server.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { insertMailbox, launchedCampaign, sendingWorld, type SendingWorld } from './sending.test-helpers.js';

const PROSPECTS = 30;
const VICTIM = 'victim@cutoff.example';
let t: TestApp;
let world: SendingWorld;
let smtp: FakeSmtpServer;
let victimAttempts = 0;
const workers: ChildProcess[] = [];

function startWorker(name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(APP_ROOT, 'tests/helpers/send-worker.ts'), t.database.url!, world.workspaceId, t.config.dataDir, '1500', world.dns.address], {
    cwd: APP_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => signal === null && reject(new Error(`worker ${name} exited early with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
  });
}

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('timed out waiting');
}

// Two OS processes on one Postgres (PGlite is one process by design): runs in the Postgres pass.
describe.runIf(process.env.DATABASE_URL)('the send engine across processes', () => {
  beforeAll(async () => {
    t = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true' });
    world = await sendingWorld(t);
    smtp = await startFakeSmtpServer({
      // The victim's message is accepted into DATA and never answered: its sender hangs mid-send.
      holdData: (recipients) => {
        if (!recipients.includes(VICTIM)) return Promise.resolve();
        victimAttempts++;
        return new Promise<void>(() => {});
      },
    });
  });
  afterAll(async () => {
    for (const child of workers) child.kill('SIGKILL');
    await smtp?.stop().catch(() => {});
    await world?.services.close();
    await t?.stop();
  });

  it('never sends a message twice, and the message cut off by kill -9 becomes unknown and is not re-sent', async () => {
    const mailbox = await insertMailbox(t, world, { fromEmail: 'race@sender.example', smtpHost: smtp.host, smtpPort: smtp.port });
    const campaign = await launchedCampaign(world, {
      mailboxIds: [mailbox],
      steps: [{ delayDays: 0, subject: 'Hi', body: 'Hello' }],
      prospects: [{ email: VICTIM }, ...Array.from({ length: PROSPECTS - 1 }, (_, n) => ({ email: `p${n}@race.example` }))],
    });
    const [a, b] = await Promise.all([startWorker('a'), startWorker('b')]);
    // Every other message accepted and recorded (one accepted but not yet recorded would rightly turn unknown too).
    await until(async () => victimAttempts === 1 && (await world.messages(campaign)).filter((m) => m.state === 'sent').length === PROSPECTS - 1, 60_000);
    a.kill('SIGKILL');
    b.kill('SIGKILL');
    await startWorker('c');
    await until(async () => (await world.messages(campaign)).some((m) => m.state === 'unknown'), 20_000);
    // Well past another lease: still unknown, never attempted again.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const rows = await world.messages(campaign);
    expect(rows.filter((m) => m.state === 'sent')).toHaveLength(PROSPECTS - 1);
    expect(rows.find((m) => m.toEmail === VICTIM)!.state).toBe('unknown');
    expect(victimAttempts).toBe(1);
    const recipients = smtp.messages.map((m) => m.envelopeTo[0]);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(recipients).not.toContain(VICTIM);
  }, 120_000);
});
