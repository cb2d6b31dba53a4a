import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { campaignMailboxes, campaigns, mailboxes, messages, prospects, sendingDomains } from '../db/schema/index.js';
import { adminAndMember, IMAP_PASSWORD, mailboxBody, SMTP_PASSWORD, type ErrorBody, type MailboxJson } from './mailboxes.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const PATH = '/api/admin/mailboxes';

describe('mailboxes: add, list, change', () => {
  it('starts every workspace with the sandbox mailbox, listed first and without servers', async () => {
    const client = t.client();
    await client.signUp({ name: 'Nora' });
    await client.request('POST', PATH, { json: mailboxBody() });
    const list = await client.request<MailboxJson[]>('GET', PATH);
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({ kind: 'sandbox', fromName: 'Nora', smtp: null, imap: null });
    expect(list.body).toHaveLength(2);
  });

  it('adds a mailbox with the defaults (20/day, warm-up 5 +2) and never returns or stores a password in clear', async () => {
    const client = t.client();
    const { workspace } = await client.signUp();
    const body = mailboxBody();
    delete (body as Partial<typeof body>).dailyLimit;
    delete (body as Partial<typeof body>).warmup;
    const created = await client.request<MailboxJson>('POST', PATH, { json: body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'smtp',
      fromEmail: body.fromEmail,
      domain: 'acme.example',
      dailyLimit: 20,
      warmup: { enabled: true, startPerDay: 5, incrementPerDay: 2 },
      smtp: { host: 'smtp.acme.example', port: 587, secure: false, user: 'alice@acme.example', hasPassword: true },
      imap: { host: 'imap.acme.example', port: 993, secure: true, hasPassword: true },
    });
    const list = await client.request('GET', PATH);
    for (const text of [created.text, list.text]) {
      expect(text).not.toContain(SMTP_PASSWORD);
      expect(text).not.toContain(IMAP_PASSWORD);
      expect(text).not.toMatch(/ciphertext/i);
    }
    const [row] = await t.database.withWorkspace(workspace.id, (db) => db.select().from(mailboxes).where(eq(mailboxes.id, created.body.id)));
    expect(row!.smtpPasswordCiphertext).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(SMTP_PASSWORD);
    expect(JSON.stringify(row)).not.toContain(IMAP_PASSWORD);
    expect(row!.keyId).toBe(t.app.services.secretBox.currentKeyId);
    expect(t.app.services.secretBox.open(row!.smtpPasswordCiphertext!)).toBe(SMTP_PASSWORD);
  });

  it('creates one sending domain per new domain', async () => {
    const client = t.client();
    const { workspace } = await client.signUp();
    await client.request('POST', PATH, { json: mailboxBody({ fromEmail: 'a@one.example' }) });
    await client.request('POST', PATH, { json: mailboxBody({ fromEmail: 'b@one.example', smtp: { host: 'smtp.other.example', port: 465, secure: true, user: 'b', password: 'pw-b-123' } }) });
    await client.request('POST', PATH, { json: mailboxBody({ fromEmail: 'c@two.example' }) });
    const rows = await t.database.withWorkspace(workspace.id, (db) => db.select().from(sendingDomains));
    expect(rows.map((row) => row.domain).sort()).toEqual(['one.example', 'two.example']);
    const domains = await client.trpc().mailboxes.domains.query();
    expect(domains.find((d) => d.domain === 'one.example')).toMatchObject({ mailboxCount: 2, smtpHosts: ['smtp.acme.example', 'smtp.other.example'] });
  });

  it('keeps the stored password when an update omits it, and replaces it when given', async () => {
    const client = t.client();
    const { workspace } = await client.signUp();
    const created = await client.request<MailboxJson>('POST', PATH, { json: mailboxBody() });
    const changed = await client.request<MailboxJson>('PATCH', `${PATH}/${created.body.id}`, {
      json: { fromName: 'Alice M.', dailyLimit: 35, smtp: { host: 'smtp2.acme.example', port: 465, secure: true, user: 'alice@acme.example' } },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ fromName: 'Alice M.', dailyLimit: 35, smtp: { host: 'smtp2.acme.example', port: 465, secure: true, hasPassword: true } });
    const read = () => t.database.withWorkspace(workspace.id, (db) => db.select().from(mailboxes).where(eq(mailboxes.id, created.body.id)));
    const secretBox = t.app.services.secretBox;
    let [row] = await read();
    expect(secretBox.open(row!.smtpPasswordCiphertext!)).toBe(SMTP_PASSWORD);
    expect(secretBox.open(row!.imapPasswordCiphertext!)).toBe(IMAP_PASSWORD);

    await client.request('PATCH', `${PATH}/${created.body.id}`, { json: { smtp: { host: 'smtp2.acme.example', port: 465, secure: true, user: 'alice@acme.example', password: 'a-new-password' } } });
    [row] = await read();
    expect(secretBox.open(row!.smtpPasswordCiphertext!)).toBe('a-new-password');
    expect(secretBox.open(row!.imapPasswordCiphertext!)).toBe(IMAP_PASSWORD);

    const withoutImap = await client.request<MailboxJson>('PATCH', `${PATH}/${created.body.id}`, { json: { imap: null } });
    expect(withoutImap.body.imap).toBeNull();
    [row] = await read();
    expect(row!.imapPasswordCiphertext).toBeNull();
  });

  it('refuses a duplicate sender address with 409, whatever its case', async () => {
    const client = t.client();
    await client.signUp();
    await client.request('POST', PATH, { json: mailboxBody({ fromEmail: 'dup@acme.example' }) });
    const again = await client.request<ErrorBody>('POST', PATH, { json: mailboxBody({ fromEmail: 'DUP@acme.example' }) });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('dup@acme.example');
    const other = await client.request<MailboxJson>('POST', PATH, { json: mailboxBody({ fromEmail: 'other@acme.example' }) });
    const rename = await client.request<ErrorBody>('PATCH', `${PATH}/${other.body.id}`, { json: { fromEmail: 'dup@acme.example' } });
    expect(rename.status).toBe(409);
  });
});

describe('mailboxes: bad input', () => {
  const cases: [string, Record<string, unknown>, (string | number)[]][] = [
    ['a bad email', { fromEmail: 'not-an-email' }, ['fromEmail']],
    ['a port out of range', { smtp: { host: 'smtp.acme.example', port: 70000, secure: false, user: 'u', password: 'p' } }, ['smtp', 'port']],
    ['a window that ends before it starts', { window: { start: '17:00', end: '09:00', days: [1], timezone: 'UTC' } }, ['window', 'end']],
    ['a CR/LF in the sender name (header injection)', { fromName: 'Alice\r\nBcc: victim@example.com' }, ['fromName']],
    ['a daily limit of 0', { dailyLimit: 0 }, ['dailyLimit']],
    ['a daily limit over 500', { dailyLimit: 501 }, ['dailyLimit']],
    ['an unknown time zone', { window: { start: '09:00', end: '17:00', days: [1], timezone: 'Mars/Olympus' } }, ['window', 'timezone']],
    ['a weekday out of 1..7', { window: { start: '09:00', end: '17:00', days: [0], timezone: 'UTC' } }, ['window', 'days', 0]],
    ['a warm-up starting above the daily limit', { dailyLimit: 10, warmup: { enabled: true, startPerDay: 15, incrementPerDay: 2 } }, ['warmup', 'startPerDay']],
    ['a missing SMTP password', { smtp: { host: 'smtp.acme.example', port: 587, secure: false, user: 'u' } }, ['smtp', 'password']],
    ['a host with spaces', { smtp: { host: 'smtp acme', port: 587, secure: false, user: 'u', password: 'p' } }, ['smtp', 'host']],
  ];
  it.each(cases)('answers 400 naming the field for %s', async (_name, override, path) => {
    const client = t.client();
    await client.signUp();
    const res = await client.request<ErrorBody>('POST', PATH, { json: mailboxBody(override) });
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.map((issue) => issue.path)).toContainEqual(path);
  });

  it('refuses a CR/LF in the name on update too, and keeps the mailbox unchanged', async () => {
    const client = t.client();
    await client.signUp();
    const created = await client.request<MailboxJson>('POST', PATH, { json: mailboxBody() });
    const res = await client.request<ErrorBody>('PATCH', `${PATH}/${created.body.id}`, { json: { fromName: 'Eve\nX-Evil: 1' } });
    expect(res.status).toBe(400);
    const list = await client.request<MailboxJson[]>('GET', PATH);
    expect(list.body.find((m) => m.id === created.body.id)?.fromName).toBe('Alice Martin');
  });
});

describe('mailboxes: who may do what', () => {
  it('answers 401 without a session', async () => {
    const anonymous = t.client();
    expect((await anonymous.request('GET', PATH)).status).toBe(401);
    expect((await anonymous.request('POST', PATH, { json: mailboxBody() })).status).toBe(401);
  });

  it('lets members list mailboxes (no secrets) but not change or test them (403)', async () => {
    const { admin, member } = await adminAndMember(t);
    const created = await admin.request<MailboxJson>('POST', PATH, { json: mailboxBody() });
    const list = await member.request<MailboxJson[]>('GET', PATH);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    expect(list.text).not.toContain(SMTP_PASSWORD);
    expect((await member.request('POST', PATH, { json: mailboxBody() })).status).toBe(403);
    expect((await member.request('PATCH', `${PATH}/${created.body.id}`, { json: { dailyLimit: 30 } })).status).toBe(403);
    expect((await member.request('DELETE', `${PATH}/${created.body.id}`)).status).toBe(403);
    expect((await member.request('POST', `${PATH}/${created.body.id}/test`, { json: {} })).status).toBe(403);
    await expect(member.trpc().mailboxes.checkImap.mutate({ id: created.body.id })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
  });

  it('answers 404 for another workspace’s mailbox', async () => {
    const owner = t.client();
    await owner.signUp();
    const theirs = await owner.request<MailboxJson>('POST', PATH, { json: mailboxBody() });
    const intruder = t.client();
    await intruder.signUp();
    expect((await intruder.request('PATCH', `${PATH}/${theirs.body.id}`, { json: { dailyLimit: 30 } })).status).toBe(404);
    expect((await intruder.request('DELETE', `${PATH}/${theirs.body.id}`)).status).toBe(404);
    expect((await intruder.request('POST', `${PATH}/${theirs.body.id}/test`, { json: {} })).status).toBe(404);
    const domains = await owner.trpc().mailboxes.domains.query();
    await expect(intruder.trpc().mailboxes.checkDomain.mutate({ domainId: domains[0]!.id })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    expect((await owner.request<MailboxJson[]>('GET', PATH)).body.find((m) => m.id === theirs.body.id)?.dailyLimit).toBe(20);
  });
});

describe('mailboxes: sandbox and deletion', () => {
  it('keeps the sandbox: not deletable, servers locked, limits editable', async () => {
    const client = t.client();
    await client.signUp();
    const [sandbox] = (await client.request<MailboxJson[]>('GET', PATH)).body;
    const del = await client.request<ErrorBody>('DELETE', `${PATH}/${sandbox!.id}`);
    expect(del.status).toBe(409);
    expect(del.body.error.message).toMatch(/sandbox/i);
    const smtp = await client.request<ErrorBody>('PATCH', `${PATH}/${sandbox!.id}`, { json: { smtp: { host: 'smtp.x.example', port: 25, secure: false, user: '' } } });
    expect(smtp.status).toBe(400);
    expect(smtp.body.error.issues?.[0]?.path).toEqual(['smtp']);
    const limits = await client.request<MailboxJson>('PATCH', `${PATH}/${sandbox!.id}`, { json: { dailyLimit: 50, minGapSeconds: 10 } });
    expect(limits.status).toBe(200);
    expect(limits.body).toMatchObject({ kind: 'sandbox', dailyLimit: 50, minGapSeconds: 10 });
  });

  it('refuses to delete a mailbox an unfinished campaign uses (409 naming it), and deletes it once the campaign is archived', async () => {
    const client = t.client();
    const { workspace } = await client.signUp();
    const created = await client.request<MailboxJson>('POST', PATH, { json: mailboxBody() });
    const campaignId = await t.database.withWorkspace(workspace.id, async (db) => {
      const [campaign] = await db.insert(campaigns).values({ workspaceId: workspace.id, name: 'Q3 outreach', status: 'active' }).returning();
      await db.insert(campaignMailboxes).values({ workspaceId: workspace.id, campaignId: campaign!.id, mailboxId: created.body.id });
      return campaign!.id;
    });
    const refused = await client.request<ErrorBody>('DELETE', `${PATH}/${created.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('"Q3 outreach"');
    await t.database.withWorkspace(workspace.id, (db) => db.update(campaigns).set({ status: 'archived' }).where(eq(campaigns.id, campaignId)));
    expect((await client.request('DELETE', `${PATH}/${created.body.id}`)).status).toBe(204);
    expect((await client.request<MailboxJson[]>('GET', PATH)).body.map((m) => m.id)).not.toContain(created.body.id);
  });
});

describe('bounce rate over 7 days', () => {
  it('counts bounces / sent per mailbox over the last 7 days, with the workspace thresholds', async () => {
    const client = t.client();
    const { workspace } = await client.signUp();
    const busy = await client.request<MailboxJson>('POST', PATH, { json: mailboxBody() });
    const quiet = await client.request<MailboxJson>('POST', PATH, { json: mailboxBody() });
    const days = (n: number) => new Date(Date.now() - n * 86_400_000);
    await t.database.withWorkspace(workspace.id, async (db) => {
      const [prospect] = await db.insert(prospects).values({ workspaceId: workspace.id, email: 'p@target.example' }).returning();
      const base = { workspaceId: workspace.id, prospectId: prospect!.id, mailboxId: busy.body.id };
      const sent = Array.from({ length: 20 }, (_, i) => ({ ...base, direction: 'outbound' as const, state: 'sent' as const, sentAt: days(1), messageIdHeader: `<m${i}@acme.example>` }));
      await db.insert(messages).values([
        ...sent,
        // Older than 7 days: outside the window.
        { ...base, direction: 'outbound', state: 'sent', sentAt: days(9) },
        { ...base, direction: 'outbound', state: 'failed' },
        // A bounce received by the mailbox, and one found through In-Reply-To only.
        { ...base, direction: 'inbound', state: 'received', isBounce: true, receivedAt: days(1) },
        { ...base, mailboxId: null, direction: 'inbound', state: 'received', isBounce: true, receivedAt: days(2), inReplyTo: '<m3@acme.example>' },
        { ...base, direction: 'inbound', state: 'received', isBounce: true, receivedAt: days(10) },
        { ...base, direction: 'inbound', state: 'received', isBounce: false, receivedAt: days(1) },
      ]);
    });
    const stats = await client.trpc().mailboxes.bounceStats.query();
    expect(stats).toMatchObject({ days: 7, warnThreshold: 0.03, pauseThreshold: 0.05 });
    expect(stats.mailboxes.find((m) => m.mailboxId === busy.body.id)).toEqual({ mailboxId: busy.body.id, sent: 20, bounces: 2, rate: 0.1 });
    expect(stats.mailboxes.find((m) => m.mailboxId === quiet.body.id)).toEqual({ mailboxId: quiet.body.id, sent: 0, bounces: 0, rate: null });
  });
});

describe('OpenAPI', () => {
  it('documents the mailbox endpoints', async () => {
    const doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/admin/mailboxes'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/admin/mailboxes/{id}'] ?? {}).sort()).toEqual(['delete', 'patch']);
    expect(Object.keys(doc.paths['/admin/mailboxes/{id}/test'] ?? {})).toEqual(['post']);
  });
});
