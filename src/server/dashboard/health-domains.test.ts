import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { sendingDomains, type DomainCheckResult } from '../db/schema/index.js';
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
  const setCheck = (result: DomainCheckResult) =>
    t.database.withWorkspace(workspace.id, (db) => db.update(sendingDomains).set({ lastCheck: result, checkedAt: new Date() }).where(eq(sendingDomains.domain, 'bad.example')));

  await setCheck(
    check({
      spf: { status: 'warning', record: 'v=spf1 -all', authorizesSmtpHost: false },
      dkim: { status: 'missing', selector: null, record: null },
      dmarc: { status: 'missing', record: null, policy: null },
    }),
  );
  const failing = await health();
  expect(failing.components.find((component) => component.key === 'sendingDomains')).toMatchObject({ value: 3, penalty: 24 });
  // The mailbox itself failed its connection check on save (unknown host): −10 more.
  expect(failing.score).toBe(66);
  expect(failing.score).toBeLessThan(80);

  await setCheck(check({}));
  expect((await health()).components.find((component) => component.key === 'sendingDomains')).toMatchObject({ value: 0, penalty: 0 });
});
