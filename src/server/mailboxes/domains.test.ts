import { createPublicKey } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDnsServer, type FakeDnsServer } from '../../../tests/fakes/dns-server.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { sendingDomains } from '../db/schema/index.js';
import { adminAndMember, mailboxBody } from './mailboxes.test-helpers.js';

/** Domain verification through the API, with DNS_SERVERS pointing at a local DNS server. */
let t: TestApp;
let dns: FakeDnsServer;
beforeAll(async () => {
  dns = await startFakeDnsServer();
  t = await startTestApp({ DNS_SERVERS: dns.address });
});
afterAll(async () => {
  await t.stop();
  await dns.stop();
});

describe('domain verification', () => {
  it('checks MX/SPF/DKIM/DMARC through DNS_SERVERS and stores the result with its time', async () => {
    const client = t.client();
    const { workspace } = await client.signUp();
    await client.request('POST', '/api/admin/mailboxes', {
      json: mailboxBody({ fromEmail: 'sales@verified.example', smtp: { host: 'smtp.verified.example', port: 587, secure: false, user: 'sales', password: 'pw-123456' } }),
    });
    dns.set('smtp.verified.example', { A: ['192.0.2.44'] });
    dns.set('verified.example', { MX: [{ exchange: 'mx.verified.example', priority: 10 }], TXT: ['v=spf1 ip4:192.0.2.44 -all'] });
    dns.set('_dmarc.verified.example', { TXT: ['v=DMARC1; p=none'] });
    const [domain] = await client.trpc().mailboxes.domains.query();
    expect(domain).toMatchObject({ domain: 'verified.example', lastCheck: null, checkedAt: null });

    const checked = await client.trpc().mailboxes.checkDomain.mutate({ domainId: domain!.id });
    expect(checked.lastCheck).toMatchObject({
      mx: { status: 'ok', records: ['10 mx.verified.example'] },
      spf: { status: 'ok', authorizesSmtpHost: true },
      dkim: { status: 'missing' },
      dmarc: { status: 'warning', policy: 'none' },
    });
    expect(checked.checkedAt).toBeInstanceOf(Date);
    const [row] = await t.database.withWorkspace(workspace.id, (db) => db.select().from(sendingDomains).where(eq(sendingDomains.id, domain!.id)));
    expect(row!.lastCheck?.spf.status).toBe('ok');
    expect(row!.checkedAt).toBeInstanceOf(Date);
  });

  it('generates an RSA 2048 DKIM key, shows its record, keeps the private key sealed, and checks the published key', async () => {
    const client = t.client();
    const { workspace } = await client.signUp();
    await client.request('POST', '/api/admin/mailboxes', { json: mailboxBody({ fromEmail: 'sales@keyed.example' }) });
    const [domain] = await client.trpc().mailboxes.domains.query();
    const generated = await client.trpc().mailboxes.generateDkimKey.mutate({ domainId: domain!.id, selector: 'sm2026' });
    expect(generated.dkim).toMatchObject({ selector: 'sm2026', generated: true, recordName: 'sm2026._domainkey.keyed.example' });
    const publicKey = /p=([A-Za-z0-9+/=]+)$/.exec(generated.dkim.recordValue!)![1]!;
    expect(generated.dkim.recordValue).toBe(`v=DKIM1; k=rsa; p=${publicKey}`);
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);

    const listed = JSON.stringify(await client.trpc().mailboxes.domains.query());
    expect(listed).not.toMatch(/PRIVATE KEY|ciphertext/i);
    const [row] = await t.database.withWorkspace(workspace.id, (db) => db.select().from(sendingDomains).where(eq(sendingDomains.id, domain!.id)));
    expect(row!.dkimPrivateKeyCiphertext).toMatch(/^v1\./);
    expect(row!.dkimKeyId).toBe(t.app.services.secretBox.currentKeyId);
    expect(t.app.services.secretBox.open(row!.dkimPrivateKeyCiphertext!)).toContain('BEGIN PRIVATE KEY');

    let checked = await client.trpc().mailboxes.checkDomain.mutate({ domainId: domain!.id });
    expect(checked.lastCheck?.dkim).toMatchObject({ status: 'missing', expected: generated.dkim.recordValue });

    dns.set('sm2026._domainkey.keyed.example', { TXT: [generated.dkim.recordValue!] });
    checked = await client.trpc().mailboxes.checkDomain.mutate({ domainId: domain!.id });
    expect(checked.lastCheck?.dkim.status).toBe('ok');

    // A new key makes the published record a mismatch, said at once (DKIM is checked again on the spot).
    const regenerated = await client.trpc().mailboxes.generateDkimKey.mutate({ domainId: domain!.id, selector: 'sm2026' });
    expect(regenerated.lastCheck?.dkim).toMatchObject({ status: 'error', detail: expect.stringContaining('does not match'), expected: regenerated.dkim.recordValue });
    expect(regenerated.lastCheck?.mx).toEqual(checked.lastCheck?.mx);
    checked = await client.trpc().mailboxes.checkDomain.mutate({ domainId: domain!.id });
    expect(checked.lastCheck?.dkim).toMatchObject({ status: 'error', detail: expect.stringContaining('does not match') });
  });

  it('uses a provider selector instead of a generated key', async () => {
    const client = t.client();
    await client.signUp();
    await client.request('POST', '/api/admin/mailboxes', { json: mailboxBody({ fromEmail: 'sales@provider.example' }) });
    const [domain] = await client.trpc().mailboxes.domains.query();
    await client.trpc().mailboxes.generateDkimKey.mutate({ domainId: domain!.id });
    dns.set('google._domainkey.provider.example', { TXT: ['v=DKIM1; k=rsa; p=MIIBprovider'] });
    const saved = await client.trpc().mailboxes.setDkimSelector.mutate({ domainId: domain!.id, selector: 'Google' });
    expect(saved.dkim).toEqual({ selector: 'google', generated: false, recordName: 'google._domainkey.provider.example', recordValue: null });
    const checked = await client.trpc().mailboxes.checkDomain.mutate({ domainId: domain!.id });
    expect(checked.lastCheck?.dkim).toMatchObject({ status: 'ok', selector: 'google' });
    await expect(client.trpc().mailboxes.setDkimSelector.mutate({ domainId: domain!.id, selector: 'bad selector!' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });

  it('reports a failing DNS server as an error, not as missing records', async () => {
    const client = t.client();
    await client.signUp();
    await client.request('POST', '/api/admin/mailboxes', { json: mailboxBody({ fromEmail: 'sales@servfail.example' }) });
    dns.servfail.add('servfail.example');
    dns.servfail.add('_dmarc.servfail.example');
    const [domain] = await client.trpc().mailboxes.domains.query();
    const checked = await client.trpc().mailboxes.checkDomain.mutate({ domainId: domain!.id });
    expect(checked.lastCheck).toMatchObject({ mx: { status: 'error' }, spf: { status: 'error' }, dmarc: { status: 'error' } });
  });

  it('lets members see domains but only admins check them or touch keys', async () => {
    const { admin, member } = await adminAndMember(t);
    await admin.request('POST', '/api/admin/mailboxes', { json: mailboxBody({ fromEmail: 'sales@team.example' }) });
    const [domain] = await member.trpc().mailboxes.domains.query();
    expect(domain?.domain).toBe('team.example');
    await expect(member.trpc().mailboxes.checkDomain.mutate({ domainId: domain!.id })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(member.trpc().mailboxes.generateDkimKey.mutate({ domainId: domain!.id })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(member.trpc().mailboxes.setDkimSelector.mutate({ domainId: domain!.id, selector: 'x' })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
  });
});
