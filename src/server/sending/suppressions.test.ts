import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { importCsvText } from '../prospects/prospects.test-helpers.js';
import { nextMonday, sandboxMailbox, sendingWorld, type SendingWorld } from './sending.test-helpers.js';
import type { SuppressionView } from './suppressions.schemas.js';

let t: TestApp;
let world: SendingWorld;

beforeAll(async () => {
  t = await startTestApp();
  world = await sendingWorld(t);
});
afterAll(async () => {
  await world.services.close();
  await t.stop();
});

type Page = { items: SuppressionView[]; total: number };

describe('the suppression list', () => {
  it('adds addresses and domains with a reason, skips duplicates, reports malformed entries, searches and pages', async () => {
    const added = await world.client.request('POST', '/api/admin/suppressions', {
      json: { entries: ['Anna@Acme.example', 'anna@acme.example', '@rival.example', 'not an address', 'bob@'], reason: 'complaint' },
    });
    expect(added.status, added.text).toBe(200);
    expect(added.body).toEqual({ added: 2, alreadyListed: 0, invalid: ['not an address', 'bob@'], invalidCount: 2 });
    const again = await world.client.request('POST', '/api/admin/suppressions', { json: { entries: ['anna@acme.example'] } });
    expect(again.body).toMatchObject({ added: 0, alreadyListed: 1 });

    const list = await world.client.request<Page>('GET', '/api/admin/suppressions');
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((item) => [item.kind, item.value, item.reason])).toEqual(
      expect.arrayContaining([
        ['email', 'anna@acme.example', 'complaint'],
        ['domain', 'rival.example', 'complaint'],
      ]),
    );
    const search = await world.client.request<Page>('GET', '/api/admin/suppressions?q=RIVAL');
    expect(search.body.items.map((item) => item.value)).toEqual(['rival.example']);
    const page2 = await world.client.request<Page>('GET', '/api/admin/suppressions?page=2&pageSize=1');
    expect(page2.body).toMatchObject({ total: 2 });
    expect(page2.body.items).toHaveLength(1);

    const empty = await world.client.request('POST', '/api/admin/suppressions', { json: { entries: [] } });
    expect(empty.status).toBe(400);
  });

  it('imports a CSV (header or not, reason column) and exports the list as CSV with formulas neutralised', async () => {
    const res = await world.client.request('POST', '/api/admin/suppressions/import', { body: 'Email,Reason\nchloe@import.example,bounce\n=cmd@evil.example,manual\nnope\n', contentType: 'text/csv' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ added: 2, invalidCount: 1 });
    const headerless = await world.client.request('POST', '/api/admin/suppressions/import', { body: 'dan@import.example\nimport2.example\n', contentType: 'text/csv' });
    expect(headerless.body).toMatchObject({ added: 2 });
    const blank = await world.client.request('POST', '/api/admin/suppressions/import', { body: '  \n', contentType: 'text/csv' });
    expect(blank.status).toBe(400);
    const broken = await world.client.request<{ error: { reason: string } }>('POST', '/api/admin/suppressions/import', { body: 'email\n"unterminated,x\n', contentType: 'text/csv' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.reason).toBe('suppression.csv_unreadable');

    const exported = await world.client.request('GET', '/api/admin/suppressions/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    const lines = exported.text.trim().split('\n');
    expect(lines[0]).toBe('kind,value,reason,source,added_at');
    expect(lines.some((line) => line.startsWith('email,chloe@import.example,bounce,csv import,'))).toBe(true);
    expect(lines.some((line) => line.startsWith("email,'=cmd@evil.example"))).toBe(true);
    expect(lines.some((line) => line.startsWith('domain,import2.example,manual'))).toBe(true);
  });

  it('removes an entry (404 once gone)', async () => {
    const list = await world.client.request<Page>('GET', '/api/admin/suppressions?q=dan@import');
    const id = list.body.items[0]!.id;
    expect((await world.client.request('DELETE', `/api/admin/suppressions/${id}`)).status).toBe(200);
    expect((await world.client.request('DELETE', `/api/admin/suppressions/${id}`)).status).toBe(404);
  });

  it('a suppressed address is never mailed, even when a later CSV import brings it into a campaign', async () => {
    const mailbox = await sandboxMailbox(t, world);
    expect((await world.client.request('POST', '/api/admin/suppressions', { json: { entries: ['gone@later.example', 'blocked.example'] } })).status).toBe(200);
    const created = await world.client.request<{ id: string }>('POST', '/api/admin/campaigns', {
      json: { name: 'Imported later', mailboxIds: [mailbox], sendWindowStart: '00:00', sendWindowEnd: '23:59', sendDays: [1, 2, 3, 4, 5, 6, 7] },
    });
    const campaign = created.body.id;
    await world.client.request('PUT', `/api/admin/campaigns/${campaign}/sequence`, { json: { steps: [{ delayDays: 0, subject: 'Hi', body: 'Hello' }] } });
    const imported = await importCsvText(world.client, 'email,first_name\nGone@Later.example,Gus\nmia@blocked.example,Mia\nok@later.example,Olga\n', `?campaignId=${campaign}`);
    expect(imported.status, imported.text).toBe(200);
    expect((await world.client.request('POST', `/api/admin/campaigns/${campaign}/launch`)).status).toBe(200);

    let clock = nextMonday(9).getTime();
    for (let minute = 0; minute < 5; minute++) await world.tick(new Date((clock += 60_000)));
    const rows = await world.messages(campaign);
    expect(rows.map((row) => [row.toEmail, row.state])).toEqual([['ok@later.example', 'sent']]);
  });
});
