import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { sendingDomains, type DomainCheckResult } from '../db/schema/index.js';
import { saveDomainCheck } from '../mailboxes/domains.service.js';
import { mailboxBody } from '../mailboxes/mailboxes.test-helpers.js';

/** The health score reads the sending domains' DNS checks: a failing SPF with no DKIM/DMARC is not "healthy". */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

type Health = { score: number; state: string; components: { key: string; value: number; penalty: number }[] };

const check = (overrides: Partial<DomainCheckResult>): DomainCheckResult => ({
  checkedAt: new Date().toISOString(),
  mx: { status: 'ok', records: ['10 mx.bad.example'] },
  spf: { status: 'ok', record: 'v=spf1 -all', authorizesSmtpHost: true },
  dkim: { status: 'ok', selector: 'sm1', record: 'v=DKIM1; p=x' },
  dmarc: { status: 'ok', record: 'v=DMARC1; p=quarantine', policy: 'quarantine' },
  ...overrides,
});

it('takes points off for a failing SPF and missing DKIM and DMARC, and says nothing has been sent yet', async () => {
  const client = t.client();
  const { workspace } = await client.signUp();
  const health = async () => (await client.request<{ health: Health }>('GET', '/api/admin/dashboard/stats')).body.health;
  // Only the sandbox: no domain to judge, nothing sent.
  expect(await health()).toMatchObject({ score: 100, state: 'nothing_sent' });

  expect((await client.request('POST', '/api/admin/mailboxes', { json: mailboxBody({ fromEmail: 'sales@bad.example', imap: null }) })).status).toBe(201);
  // As a DNS check stores its result (and announces it, which drops the cached health inputs).
  const setCheck = (result: DomainCheckResult) =>
    t.database.withWorkspace(workspace.id, async (db) => {
      const [domain] = await db.select({ id: sendingDomains.id }).from(sendingDomains).where(eq(sendingDomains.domain, 'bad.example'));
      await saveDomainCheck(db, domain!.id, result);
    });
  const domainComponent = async () => (await health()).components.find((component) => component.key === 'sendingDomains');

  await setCheck(
    check({
      spf: { status: 'warning', record: 'v=spf1 -all', authorizesSmtpHost: false },
      dkim: { status: 'missing', selector: null, record: null },
      dmarc: { status: 'missing', record: null, policy: null },
    }),
  );
  // The event reaches the cache over NOTIFY, a moment after the write.
  await vi.waitFor(async () => expect(await domainComponent()).toMatchObject({ value: 3, penalty: 24 }), { timeout: 5_000, interval: 100 });
  const failing = await health();
  // The mailbox itself failed its connection check on save (unknown host): −10 more.
  expect(failing.score).toBe(66);
  expect(failing.score).toBeLessThan(80);

  await setCheck(check({}));
  await vi.waitFor(async () => expect(await domainComponent()).toMatchObject({ value: 0, penalty: 0 }), { timeout: 5_000, interval: 100 });
});
