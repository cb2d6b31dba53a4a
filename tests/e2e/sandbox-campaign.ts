import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { Db } from '../../src/server/db/database.js';
import { messages } from '../../src/server/db/schema/index.js';
import { createDnsResolver } from '../../src/server/integrations/dns.js';
import { runSendTick } from '../../src/server/sending/send-tick.service.js';
import { nextMonday, sandboxMailbox, type SendingWorld } from '../../src/server/sending/sending.test-helpers.js';
import type { OwnedServices } from '../../src/server/services.js';
import { startFakeDnsServer, type FakeDnsServer } from '../fakes/dns-server.js';
import type { TestApp } from '../helpers/test-app.js';
import { createTestServices } from '../helpers/test-services.js';
import { signUpInBrowser, startBrowserApp, type BrowserApp } from './browser.js';

/** A JSON request from the browser page (its cookie, our Origin); fails the test on a non-2xx answer. */
export async function pageApi<T>(app: BrowserApp, on: Page, method: string, path: string, data?: unknown): Promise<T> {
  const response = await on.request.fetch(path, { method, data, headers: { origin: app.url } });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

export type SandboxCampaign = {
  app: BrowserApp;
  dns: FakeDnsServer;
  page: Page;
  services: OwnedServices;
  workspaceId: string;
  /** Prospect id by email: ana@northwind.example, ben@contoso.example. */
  people: Record<string, string>;
  stop(): Promise<void>;
};

/**
 * The reply tests' starting point in a browser: a signed-up admin, a campaign "Founders Q3" from
 * the sandbox mailbox with `steps`, two prospects (Ana and Ben Lopez) whose first email was sent by
 * the send tick (every domain has an MX, so the address check passes) and dated an hour ago.
 */
export async function startSandboxCampaign(steps: { delayDays: number; subject: string; body: string }[]): Promise<SandboxCampaign> {
  const dns = await startFakeDnsServer();
  dns.fallback = { MX: [{ exchange: 'mx.mail.test', priority: 10 }] };
  const app = await startBrowserApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true', DNS_SERVERS: dns.address });
  const page = await app.newPage();
  const api = <T>(method: string, path: string, data?: unknown) => pageApi<T>(app, page, method, path, data);
  await signUpInBrowser(page, { name: 'Camille Martin', workspace: 'Acme Growth' });
  const workspaceId = (await api<{ workspace: { id: string } }>('GET', '/api/me')).workspace.id;
  const services = await createTestServices(app.database, { DATA_DIR: app.config.dataDir });
  await api('PATCH', '/api/admin/workspace', { postalAddress: '1 rue de la Paix, 75002 Paris', companyName: 'Acme Growth' });
  const mailboxes = await api<{ id: string; kind: string }[]>('GET', '/api/admin/mailboxes');
  const sandbox = mailboxes.find((mailbox) => mailbox.kind === 'sandbox')!;
  const campaign = await api<{ id: string }>('POST', '/api/admin/campaigns', { name: 'Founders Q3', mailboxIds: [sandbox.id], sendWindowStart: '00:00', sendWindowEnd: '23:59', sendDays: [1, 2, 3, 4, 5, 6, 7] });
  await api('PUT', `/api/admin/campaigns/${campaign.id}/sequence`, { steps });
  const people: Record<string, string> = {};
  for (const [email, firstName] of [
    ['ana@northwind.example', 'Ana'],
    ['ben@contoso.example', 'Ben'],
  ] as const) {
    const created = await api<{ id: string }>('POST', '/api/admin/prospects', { email, firstName, lastName: 'Lopez', company: email.split('@')[1]!.split('.')[0], campaignId: campaign.id });
    people[email] = created.id;
  }
  await api('POST', `/api/admin/campaigns/${campaign.id}/launch`);
  // The sending tests' way: exact pacing, and a tick at a weekday morning; the sends are then dated an hour ago.
  await sandboxMailbox({ database: app.database } as TestApp, { workspaceId } as SendingWorld);
  const inWorkspace = <T>(fn: (db: Db) => Promise<T>) => app.database.withWorkspace(workspaceId, fn);
  const deps = { inWorkspace, config: services.config, secretBox: services.secretBox, logger: services.logger, dns: createDnsResolver({ servers: [dns.address], timeoutMs: 500, tries: 1 }) };
  // One message per mailbox per tick: two ticks, a minute apart.
  await runSendTick(deps, { now: nextMonday(9) });
  await runSendTick(deps, { now: new Date(nextMonday(9).getTime() + 60_000) });
  const sent = await inWorkspace((db) => db.update(messages).set({ sentAt: new Date(Date.now() - 3_600_000) }).where(and(eq(messages.direction, 'outbound'), eq(messages.state, 'sent'))).returning());
  expect(sent).toHaveLength(2);
  return {
    app,
    dns,
    page,
    services,
    workspaceId,
    people,
    async stop() {
      await services.close();
      await app.stop();
      await dns.stop();
    },
  };
}
