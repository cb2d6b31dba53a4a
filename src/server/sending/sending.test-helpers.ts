import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { startFakeDnsServer, type FakeDnsServer } from '../../../tests/fakes/dns-server.js';
import type { TestApp, TestClient } from '../../../tests/helpers/test-app.js';
import { createTestServices } from '../../../tests/helpers/test-services.js';
import type { OwnedServices } from '../services.js';
import { mailboxes, messages, sendingDomains } from '../db/schema/index.js';
import { createDnsResolver } from '../integrations/dns.js';
import { generateDkimKeyPair } from '../mailboxes/dkim-keys.js';
import { runSendTick, type SendTickResult } from './send-tick.service.js';

/** Shared by the sending tests: a workspace ready to send, mailboxes with exact pacing, and ticks at chosen instants. */

export type SendingWorld = {
  client: TestClient;
  workspaceId: string;
  services: OwnedServices;
  /** The DNS the tick's address verification asks: every domain has an MX unless a test says otherwise. */
  dns: FakeDnsServer;
  tick(now: Date, leaseMs?: number): Promise<SendTickResult>;
  messages(campaignId: string): Promise<(typeof messages.$inferSelect)[]>;
};

export async function sendingWorld(t: TestApp): Promise<SendingWorld> {
  const client = t.client();
  const account = await client.signUp({ workspaceName: 'Sender Co' });
  const res = await client.request('PATCH', '/api/admin/workspace', { json: { postalAddress: '12 rue des Lilas\n69001 Lyon', companyName: 'Sender Co' } });
  expect(res.status).toBe(200);
  // The same encryption key as the app, so what the app sealed opens here.
  const services = await createTestServices(t.database, { DATA_DIR: t.config.dataDir, ALLOW_PRIVATE_NETWORK_URLS: 'true' });
  const workspaceId = account.workspace.id;
  const dns = await startFakeDnsServer();
  dns.fallback = { MX: [{ exchange: 'mx.mail.test', priority: 10 }] };
  // The fake answers at once; a generous timeout keeps a loaded test run from reading "unknown".
  const resolver = createDnsResolver({ servers: [dns.address], timeoutMs: 3000, tries: 2 });
  const closeServices = services.close.bind(services);
  services.close = async () => {
    await closeServices();
    await dns.stop();
  };
  return {
    client,
    workspaceId,
    services,
    dns,
    tick: (now, leaseMs) =>
      runSendTick({ inWorkspace: (fn) => t.database.withWorkspace(workspaceId, fn), config: services.config, secretBox: services.secretBox, logger: services.logger, dns: resolver }, { now, leaseMs }),
    messages: (campaignId) => t.database.withWorkspace(workspaceId, (db) => db.select().from(messages).where(eq(messages.campaignId, campaignId)).orderBy(messages.stepPosition, messages.toEmail)),
  };
}

export type MailboxSetup = Partial<typeof mailboxes.$inferInsert> & { password?: string };

/** A mailbox row with exact pacing: open all week, all day, no warm-up, unless told otherwise. */
export async function insertMailbox(t: TestApp, world: SendingWorld, setup: MailboxSetup): Promise<string> {
  const { password, ...fields } = setup;
  const sealed = password ? world.services.secretBox.seal(password) : null;
  const [row] = await t.database.withWorkspace(world.workspaceId, (db) =>
    db
      .insert(mailboxes)
      .values({
        workspaceId: world.workspaceId,
        kind: 'smtp',
        fromName: 'Alex Durand',
        fromEmail: `alex-${Math.random().toString(36).slice(2, 8)}@sender.example`,
        smtpPort: 25,
        smtpSecure: false,
        // The local fake offers no STARTTLS: a plain relay, chosen explicitly as a user would.
        smtpPlaintext: true,
        dailyLimit: 1000,
        minGapSeconds: 0,
        windowStart: '00:00',
        windowEnd: '23:59',
        windowDays: [1, 2, 3, 4, 5, 6, 7],
        windowTimezone: 'UTC',
        warmupEnabled: false,
        ...(sealed ? { smtpPasswordCiphertext: sealed.ciphertext, keyId: sealed.keyId } : {}),
        ...fields,
      })
      .returning({ id: mailboxes.id }),
  );
  return row!.id;
}

/** A DKIM key for the domain; returns the public key for the verifier's DNS answer. */
export async function insertDkimKey(t: TestApp, world: SendingWorld, domain: string, selector = 'sm202612'): Promise<{ selector: string; publicKey: string }> {
  const pair = await generateDkimKeyPair();
  const sealed = world.services.secretBox.seal(pair.privateKeyPem);
  await t.database.withWorkspace(world.workspaceId, (db) =>
    db.insert(sendingDomains).values({ workspaceId: world.workspaceId, domain, dkimSelector: selector, dkimPrivateKeyCiphertext: sealed.ciphertext, dkimKeyId: sealed.keyId, dkimPublicKey: pair.publicKeyBase64 }),
  );
  return { selector, publicKey: pair.publicKeyBase64 };
}

export type StepInput = { delayDays: number; subject?: string; body: string; businessDays?: boolean; variants?: { subject: string; body: string }[] };

/** A campaign over the given mailboxes, with a sequence and prospects, launched. */
export async function launchedCampaign(
  world: SendingWorld,
  input: { mailboxIds: string[]; steps: StepInput[]; prospects: Record<string, unknown>[]; campaign?: Record<string, unknown> },
): Promise<string> {
  const { client } = world;
  const created = await client.request<{ id: string }>('POST', '/api/admin/campaigns', {
    json: { name: `Campaign ${Math.random().toString(36).slice(2, 7)}`, mailboxIds: input.mailboxIds, sendWindowStart: '00:00', sendWindowEnd: '23:59', sendDays: [1, 2, 3, 4, 5, 6, 7], ...input.campaign },
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  expect((await client.request('PUT', `/api/admin/campaigns/${id}/sequence`, { json: { steps: input.steps } })).status).toBe(200);
  for (const prospect of input.prospects) {
    const res = await client.request('POST', '/api/admin/prospects', { json: { ...prospect, campaignId: id } });
    expect(res.status, res.text).toBe(201);
  }
  const launch = await client.request('POST', `/api/admin/campaigns/${id}/launch`);
  expect(launch.status, launch.text).toBe(200);
  return id;
}

/** The workspace's own sandbox mailbox, set to the given pacing (open all week, no warm-up, no gap by default). */
export async function sandboxMailbox(t: TestApp, world: SendingWorld, pacing: Partial<typeof mailboxes.$inferInsert> = {}): Promise<string> {
  const [row] = await t.database.withWorkspace(world.workspaceId, (db) =>
    db
      .update(mailboxes)
      .set({ dailyLimit: 1000, minGapSeconds: 0, windowStart: '00:00', windowEnd: '23:59', windowDays: [1, 2, 3, 4, 5, 6, 7], windowTimezone: 'UTC', warmupEnabled: false, ...pacing })
      .where(eq(mailboxes.kind, 'sandbox'))
      .returning({ id: mailboxes.id }),
  );
  return row!.id;
}

/** Header lines unfolded (RFC 5322 §2.2.3), so a long header can be matched whole. */
export const unfold = (raw: string) => raw.replace(/\r?\n[ \t]+/g, ' ');

/** The first Monday at least two days ahead, at `hourUtc`: a weekday inside every default send window. */
export function nextMonday(hourUtc: number): Date {
  const day = new Date(Date.now() + 2 * 86_400_000);
  day.setUTCHours(hourUtc, 0, 0, 0);
  while (day.getUTCDay() !== 1) day.setTime(day.getTime() + 86_400_000);
  return day;
}
