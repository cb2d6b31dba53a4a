import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDnsServer, type FakeDnsServer } from '../../../../tests/fakes/dns-server.js';
import { createDnsResolver, type DnsResolver } from '../../integrations/dns.js';
import {
  checkAddressSyntax,
  combineAddressVerdict,
  createDomainVerdictCache,
  domainMailVerdict,
  isDisposableDomain,
  isRoleAddress,
  verifyAddress,
} from './address-verification.js';

describe('address syntax', () => {
  it('accepts ordinary addresses, lower-cases and punycodes the domain', () => {
    expect(checkAddressSyntax(' Camille.Martin+news@Client.Example ')).toEqual({ ok: true, address: 'Camille.Martin+news@client.example', local: 'Camille.Martin+news', domain: 'client.example' });
    expect(checkAddressSyntax("o'brien@café.fr")).toEqual({ ok: true, address: "o'brien@xn--caf-dma.fr", local: "o'brien", domain: 'xn--caf-dma.fr' });
  });

  it('names what is wrong with a malformed one', () => {
    const problems = {
      '': 'empty',
      'no-at-sign': 'missing_at',
      '@client.example': 'missing_at',
      'camille@': 'missing_at',
      'a@b@client.example': 'invalid_local_part',
      '.camille@client.example': 'invalid_local_part',
      'cam..ille@client.example': 'invalid_local_part',
      'cam ille@client.example': 'invalid_local_part',
      '"camille"@client.example': 'quoted_local_part',
      'camillé@client.example': 'non_ascii_local_part',
      [`${'a'.repeat(65)}@client.example`]: 'local_too_long',
      'camille@[192.168.0.1]': 'domain_literal',
      'camille@localhost': 'invalid_domain',
      'camille@client..example': 'invalid_domain',
      'camille@-client.example': 'invalid_domain',
      'camille@client.example.': 'invalid_domain',
      'camille@client.123': 'invalid_domain',
      'camille@client_x.example': 'invalid_domain',
      [`camille@${'a'.repeat(250)}.com`]: 'too_long',
      'camille@client.example\r\nBcc: x@y.z': 'control_character',
      'cam\u0000ille@client.example': 'control_character',
    };
    for (const [address, problem] of Object.entries(problems)) expect(checkAddressSyntax(address), address).toEqual({ ok: false, problem });
  });
});

describe('role and disposable addresses', () => {
  it('flags shared inboxes in English and French, ignoring case and +tags', () => {
    for (const local of ['info', 'Sales', 'contact', 'support+fr', 'noreply', 'no-reply', 'bonjour', 'commercial', 'rh', 'ne-pas-repondre']) expect(isRoleAddress(local), local).toBe(true);
    for (const local of ['camille', 'infos.camille', 'salesforce.admin.team.lead']) expect(isRoleAddress(local), local).toBe(false);
  });

  it('flags disposable domains and their subdomains only', () => {
    expect(isDisposableDomain('mailinator.com')).toBe(true);
    expect(isDisposableDomain('eu.mailinator.com')).toBe(true);
    expect(isDisposableDomain('yopmail.fr')).toBe(true);
    expect(isDisposableDomain('notmailinator.com')).toBe(false);
    expect(isDisposableDomain('gmail.com')).toBe(false);
  });
});

describe('verdict combination', () => {
  const mx = { kind: 'found' as const, records: [{ exchange: 'mx.client.example', priority: 10 }] };
  const none = { kind: 'none' as const };
  const failed = { kind: 'error' as const, code: 'TIMEOUT', message: 'MX client.example: the DNS look-up timed out' };

  it('reads MX, null MX, implicit MX and failures', () => {
    expect(domainMailVerdict(mx)).toEqual({ kind: 'accepts_mail', via: 'mx' });
    expect(domainMailVerdict({ kind: 'found', records: [{ exchange: '', priority: 0 }] })).toEqual({ kind: 'no_mail', reason: 'null_mx' });
    expect(domainMailVerdict(none, { kind: 'found', records: ['192.0.2.1'] })).toEqual({ kind: 'accepts_mail', via: 'a' });
    expect(domainMailVerdict(none, none)).toEqual({ kind: 'no_mail', reason: 'no_mail_server' });
    expect(domainMailVerdict(failed)).toEqual({ kind: 'unknown', detail: failed.message });
    expect(domainMailVerdict(none, failed).kind).toBe('unknown');
    expect(domainMailVerdict(none).kind).toBe('unknown');
  });

  it('combines: invalid > unknown > risky > valid', () => {
    expect(combineAddressVerdict('camille@client.example', { kind: 'accepts_mail', via: 'mx' })).toEqual({ verdict: 'valid', address: 'camille@client.example', domain: 'client.example', reasons: [] });
    expect(combineAddressVerdict('info@client.example', { kind: 'accepts_mail', via: 'mx' })).toMatchObject({ verdict: 'risky', reasons: [{ code: 'role_address' }] });
    expect(combineAddressVerdict('x@yopmail.com', { kind: 'accepts_mail', via: 'mx' })).toMatchObject({ verdict: 'risky', reasons: [{ code: 'disposable_domain' }] });
    expect(combineAddressVerdict('camille@client.example', { kind: 'accepts_mail', via: 'a' })).toMatchObject({ verdict: 'risky', reasons: [{ code: 'no_mx_record' }] });
    expect(combineAddressVerdict('info@client.example', { kind: 'unknown', detail: 'timeout' })).toMatchObject({ verdict: 'unknown', reasons: [{ code: 'role_address' }, { code: 'dns_unavailable', detail: 'timeout' }] });
    expect(combineAddressVerdict('info@client.example', { kind: 'no_mail', reason: 'null_mx' })).toMatchObject({ verdict: 'invalid', reasons: [{ code: 'role_address' }, { code: 'null_mx' }] });
    expect(combineAddressVerdict('broken@', null)).toEqual({ verdict: 'invalid', address: 'broken@', domain: null, reasons: [{ code: 'syntax', problem: 'missing_at' }] });
  });
});

describe('verifyAddress through a real DNS server', () => {
  let dns: FakeDnsServer;
  let resolver: DnsResolver;

  beforeAll(async () => {
    dns = await startFakeDnsServer();
    resolver = createDnsResolver({ servers: [dns.address], timeoutMs: 300, tries: 1 });
    dns.set('client.example', { MX: [{ exchange: 'mx.client.example', priority: 10 }] });
    dns.set('a-only.example', { A: ['192.0.2.10'] });
    dns.set('v6-only.example', { AAAA: ['2001:db8::1'] });
    dns.set('nomail.example', { MX: [{ exchange: '.', priority: 0 }] });
    dns.servfail.add('broken.example');
    dns.silent.add('slow.example');
  });
  afterAll(async () => {
    await dns.stop();
  });

  it('gives valid, risky, invalid and unknown from what the server answers', async () => {
    expect((await verifyAddress('camille@client.example', resolver)).verdict).toBe('valid');
    expect(await verifyAddress('camille@a-only.example', resolver)).toMatchObject({ verdict: 'risky', reasons: [{ code: 'no_mx_record' }] });
    expect((await verifyAddress('camille@v6-only.example', resolver)).verdict).toBe('risky');
    expect(await verifyAddress('camille@nomail.example', resolver)).toMatchObject({ verdict: 'invalid', reasons: [{ code: 'null_mx' }] });
    expect(await verifyAddress('camille@nxdomain.example', resolver)).toMatchObject({ verdict: 'invalid', reasons: [{ code: 'no_mail_server' }] });
    expect((await verifyAddress('camille@broken.example', resolver)).verdict).toBe('unknown');
    expect((await verifyAddress('camille@slow.example', resolver)).verdict).toBe('unknown');
  });

  it('asks nothing for a malformed address and caches per domain, except failures', async () => {
    dns.queries.length = 0;
    await verifyAddress('not-an-address', resolver);
    expect(dns.queries).toEqual([]);
    const cache = createDomainVerdictCache({ ttlMs: 60_000 });
    const now = new Date('2026-06-01T10:00:00Z');
    await verifyAddress('a@client.example', resolver, { cache, now });
    await verifyAddress('b@client.example', resolver, { cache, now });
    expect(dns.queries.filter((query) => query === 'MX client.example')).toHaveLength(1);
    await verifyAddress('c@client.example', resolver, { cache, now: new Date(now.getTime() + 61_000) });
    expect(dns.queries.filter((query) => query === 'MX client.example')).toHaveLength(2);
    await verifyAddress('a@broken.example', resolver, { cache, now });
    expect(cache.get('broken.example', now)).toBeUndefined();
  });
});
