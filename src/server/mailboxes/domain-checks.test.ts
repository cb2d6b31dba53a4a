import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDnsServer, type FakeDnsServer } from '../../../tests/fakes/dns-server.js';
import { createDnsResolver, type DnsResolver } from '../integrations/dns.js';
import { checkDkim, checkDmarc, checkDomain, checkMx, checkSpf, suggestedSpf } from './domain-checks.js';

/** DNS checks against a real UDP DNS server serving good and broken records. */
let dns: FakeDnsServer;
let resolver: DnsResolver;
beforeAll(async () => {
  dns = await startFakeDnsServer();
  resolver = createDnsResolver({ servers: [dns.address], timeoutMs: 300, tries: 1 });
});
afterAll(() => dns.stop());
beforeEach(() => dns.clear());

const SMTP_HOST = 'smtp.mail.example';
const SMTP_IP = '192.0.2.10';

describe('MX', () => {
  it('lists the MX records by priority', async () => {
    dns.set('acme.example', { MX: [{ exchange: 'mx2.acme.example', priority: 20 }, { exchange: 'mx1.acme.example', priority: 10 }] });
    expect(await checkMx(resolver, 'acme.example')).toEqual({ status: 'ok', records: ['10 mx1.acme.example', '20 mx2.acme.example'] });
  });

  it('says missing when there is none, and error (not missing) when the DNS server fails', async () => {
    dns.set('acme.example', { TXT: ['hello'] });
    expect(await checkMx(resolver, 'acme.example')).toMatchObject({ status: 'missing', records: [] });
    expect(await checkMx(resolver, 'nowhere.example')).toMatchObject({ status: 'missing' });
    dns.servfail.add('broken.example');
    const broken = await checkMx(resolver, 'broken.example');
    expect(broken).toMatchObject({ status: 'error', detail: expect.stringContaining('SERVFAIL') });
  });
});

describe('SPF', () => {
  beforeEach(() => dns.set(SMTP_HOST, { A: [SMTP_IP] }));

  it('is ok when an ip4 range authorises the SMTP host and the record ends with ~all', async () => {
    dns.set('acme.example', { TXT: ['v=spf1 ip4:192.0.2.0/24 ~all', 'google-site-verification=abc'] });
    expect(await checkSpf(resolver, 'acme.example', [SMTP_HOST])).toEqual({ status: 'ok', record: 'v=spf1 ip4:192.0.2.0/24 ~all', authorizesSmtpHost: true });
  });

  it('follows include chains, a and mx mechanisms', async () => {
    dns.set('acme.example', { TXT: ['v=spf1 include:_spf.relay.example -all'] });
    dns.set('_spf.relay.example', { TXT: ['v=spf1 include:_netblocks.relay.example ?all'] });
    dns.set('_netblocks.relay.example', { TXT: ['v=spf1 ip4:198.51.100.0/24 a:smtp.mail.example -all'] });
    expect(await checkSpf(resolver, 'acme.example', [SMTP_HOST])).toMatchObject({ status: 'ok', authorizesSmtpHost: true });

    dns.set('mx.example', { TXT: ['v=spf1 mx -all'], MX: [{ exchange: SMTP_HOST, priority: 10 }] });
    expect(await checkSpf(resolver, 'mx.example', [SMTP_HOST])).toMatchObject({ status: 'ok', authorizesSmtpHost: true });

    dns.set('six.example', { TXT: ['v=spf1 ip6:2001:db8::/32 -all'] });
    expect(await checkSpf(resolver, 'six.example', ['2001:db8::25'])).toMatchObject({ status: 'ok', authorizesSmtpHost: true });
  });

  it('warns when the SMTP host is not authorised, and gives the record with the mechanism added before ~all', async () => {
    dns.set('acme.example', { TXT: ['v=spf1 ip4:203.0.113.0/24 include:other.example ~all'] });
    dns.set('other.example', { TXT: ['v=spf1 ip4:203.0.114.1 -all'] });
    const result = await checkSpf(resolver, 'acme.example', [SMTP_HOST]);
    expect(result).toMatchObject({ status: 'warning', authorizesSmtpHost: false, detail: expect.stringContaining(SMTP_HOST) });
    expect(result.expected).toBe('v=spf1 ip4:203.0.113.0/24 include:other.example a:smtp.mail.example ~all');
  });

  it('suggests a full record when SPF is missing, using the provider include when the host is known', async () => {
    dns.set('acme.example', { TXT: ['some-other=txt'] });
    expect(await checkSpf(resolver, 'acme.example', [SMTP_HOST])).toMatchObject({ status: 'missing', record: null, expected: 'v=spf1 a:smtp.mail.example ~all' });
    expect(suggestedSpf(['smtp.gmail.com'])).toBe('v=spf1 include:_spf.google.com ~all');
    expect(suggestedSpf(['smtp.office365.com', '192.0.2.7'])).toBe('v=spf1 include:spf.protection.outlook.com ip4:192.0.2.7 ~all');
  });

  it('accepts a provider include even when the submission host’s own IP is not listed (Microsoft 365, Google)', async () => {
    dns.set('smtp.office365.com', { A: ['52.96.1.1'] });
    dns.set('acme.example', { TXT: ['v=spf1 include:spf.protection.outlook.com -all'] });
    dns.set('spf.protection.outlook.com', { TXT: ['v=spf1 ip4:40.92.0.0/15 ip4:104.47.0.0/17 -all'] });
    expect(await checkSpf(resolver, 'acme.example', ['smtp.office365.com'])).toMatchObject({ status: 'ok', authorizesSmtpHost: true });
  });

  it('is an error when the record needs more than 10 DNS lookups, even if the host matches early', async () => {
    const includes = Array.from({ length: 11 }, (_, i) => `include:n${i}.example`);
    dns.set('acme.example', { TXT: [`v=spf1 ip4:${SMTP_IP} ${includes.join(' ')} -all`] });
    for (let i = 0; i < 11; i++) dns.set(`n${i}.example`, { TXT: [`v=spf1 ip4:198.51.100.${i} -all`] });
    const result = await checkSpf(resolver, 'acme.example', [SMTP_HOST]);
    expect(result).toMatchObject({ status: 'error', detail: expect.stringContaining('more than 10 DNS lookups') });
  });

  it('counts nested lookups against the limit too', async () => {
    dns.set('acme.example', { TXT: ['v=spf1 include:a.example include:b.example -all'] });
    dns.set('a.example', { TXT: ['v=spf1 a mx include:c.example -all'] });
    dns.set('b.example', { TXT: ['v=spf1 a mx a:x.example mx:y.example -all'] });
    dns.set('c.example', { TXT: ['v=spf1 a mx exists:z.example -all'] });
    // 2 + 3 + 4 + 3 = 12 lookups
    expect(await checkSpf(resolver, 'acme.example', [SMTP_HOST])).toMatchObject({ status: 'error' });
  });

  it('follows redirect=, and warns on +all, on no all, and refuses two SPF records', async () => {
    dns.set('acme.example', { TXT: ['v=spf1 redirect=_spf.acme.example'] });
    dns.set('_spf.acme.example', { TXT: [`v=spf1 ip4:${SMTP_IP} -all`] });
    expect(await checkSpf(resolver, 'acme.example', [SMTP_HOST])).toMatchObject({ status: 'ok', authorizesSmtpHost: true });

    dns.set('open.example', { TXT: ['v=spf1 +all'] });
    expect(await checkSpf(resolver, 'open.example', [SMTP_HOST])).toMatchObject({ status: 'warning', authorizesSmtpHost: true, detail: expect.stringContaining('+all') });

    dns.set('loose.example', { TXT: [`v=spf1 ip4:${SMTP_IP}`] });
    expect(await checkSpf(resolver, 'loose.example', [SMTP_HOST])).toMatchObject({ status: 'warning', authorizesSmtpHost: true });

    dns.set('twice.example', { TXT: ['v=spf1 -all', `v=spf1 ip4:${SMTP_IP} -all`] });
    expect(await checkSpf(resolver, 'twice.example', [SMTP_HOST])).toMatchObject({ status: 'error', detail: expect.stringContaining('2 SPF records') });
  });

  it('reports SERVFAIL and timeouts as errors, not as a missing record', async () => {
    dns.servfail.add('acme.example');
    expect(await checkSpf(resolver, 'acme.example', [SMTP_HOST])).toMatchObject({ status: 'error', detail: expect.stringContaining('SERVFAIL') });

    dns.set('slow.example', { TXT: ['v=spf1 include:hang.example -all'] });
    dns.silent.add('hang.example');
    expect(await checkSpf(resolver, 'slow.example', [SMTP_HOST])).toMatchObject({ status: 'error', detail: expect.stringContaining('timed out') });
  });

  it('reports an SMTP host that does not resolve', async () => {
    dns.set('acme.example', { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] });
    expect(await checkSpf(resolver, 'acme.example', ['ghost.mail.example'])).toMatchObject({ status: 'warning', authorizesSmtpHost: null });
  });
});

describe('DKIM', () => {
  const KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtestkey';

  it('is ok when the published key matches the generated one (a long record split in strings)', async () => {
    dns.set('sm1._domainkey.acme.example', { TXT: [['v=DKIM1; k=rsa; ', `p=${KEY}`]] });
    expect(await checkDkim(resolver, 'acme.example', 'sm1', KEY)).toMatchObject({ status: 'ok', selector: 'sm1' });
  });

  it('says missing and gives the record to add', async () => {
    const result = await checkDkim(resolver, 'acme.example', 'sm1', KEY);
    expect(result).toMatchObject({ status: 'missing', selector: 'sm1', expected: `v=DKIM1; k=rsa; p=${KEY}` });
  });

  it('is an error when the published key does not match, or is revoked', async () => {
    dns.set('sm1._domainkey.acme.example', { TXT: ['v=DKIM1; k=rsa; p=MIIBsomethingelse'] });
    expect(await checkDkim(resolver, 'acme.example', 'sm1', KEY)).toMatchObject({ status: 'error', detail: expect.stringContaining('does not match'), expected: `v=DKIM1; k=rsa; p=${KEY}` });
    dns.set('old._domainkey.acme.example', { TXT: ['v=DKIM1; p='] });
    expect(await checkDkim(resolver, 'acme.example', 'old', null)).toMatchObject({ status: 'error', detail: expect.stringContaining('revoked') });
  });

  it('checks a provider selector without a local key, and looks for common selectors when none is set', async () => {
    dns.set('google._domainkey.acme.example', { TXT: ['v=DKIM1; k=rsa; p=MIIBgoogle'] });
    expect(await checkDkim(resolver, 'acme.example', 'google', null)).toMatchObject({ status: 'ok' });
    expect(await checkDkim(resolver, 'acme.example', null, null)).toMatchObject({ status: 'warning', selector: 'google' });
    expect(await checkDkim(resolver, 'other.example', null, null)).toMatchObject({ status: 'missing', selector: null });
  });
});

describe('DMARC', () => {
  it('is ok with reject or quarantine, warns on none', async () => {
    dns.set('_dmarc.acme.example', { TXT: ['v=DMARC1; p=reject; rua=mailto:d@acme.example'] });
    expect(await checkDmarc(resolver, 'acme.example')).toMatchObject({ status: 'ok', policy: 'reject' });
    dns.set('_dmarc.acme.example', { TXT: ['v=DMARC1; p=none'] });
    expect(await checkDmarc(resolver, 'acme.example')).toMatchObject({ status: 'warning', policy: 'none' });
  });

  it('says missing with the record to add, and falls back to the organisational domain', async () => {
    expect(await checkDmarc(resolver, 'acme.example')).toEqual({
      status: 'missing',
      record: null,
      policy: null,
      detail: 'No DMARC record at _dmarc.acme.example.',
      expected: 'v=DMARC1; p=none; rua=mailto:dmarc@acme.example',
    });
    dns.set('_dmarc.acme.example', { TXT: ['v=DMARC1; p=reject; sp=quarantine'] });
    expect(await checkDmarc(resolver, 'mail.acme.example')).toMatchObject({ status: 'ok', policy: 'quarantine', detail: expect.stringContaining('_dmarc.acme.example') });
  });

  it('reports a DNS failure as an error', async () => {
    dns.servfail.add('_dmarc.acme.example');
    expect(await checkDmarc(resolver, 'acme.example')).toMatchObject({ status: 'error', detail: expect.stringContaining('SERVFAIL') });
  });
});

it('checks the four together', async () => {
  dns.set(SMTP_HOST, { A: [SMTP_IP] });
  dns.set('acme.example', { MX: [{ exchange: 'mx.acme.example', priority: 10 }], TXT: [`v=spf1 a:${SMTP_HOST} -all`] });
  dns.set('_dmarc.acme.example', { TXT: ['v=DMARC1; p=quarantine'] });
  const result = await checkDomain(resolver, { domain: 'ACME.example', smtpHosts: [SMTP_HOST], dkimSelector: 'sm1', dkimPublicKey: null });
  expect([result.mx.status, result.spf.status, result.dkim.status, result.dmarc.status]).toEqual(['ok', 'ok', 'missing', 'ok']);
  expect(Date.parse(result.checkedAt)).toBeGreaterThan(Date.now() - 60_000);
});
