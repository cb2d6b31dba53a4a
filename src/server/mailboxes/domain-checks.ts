import { isIP } from 'node:net';
import type { DomainCheckResult } from '../db/schema/index.js';
import type { DnsResolver } from '../integrations/dns.js';
import { allQualifierOf, cachingResolver, checkHost, parseSpf, spfRecordOf, spfTreeOf, SPF_LOOKUP_LIMIT } from './spf.js';

/**
 * The DNS health of a sending domain: MX (replies and bounces can come back), SPF (the SMTP hosts
 * may send for it), DKIM (the published key, and that it matches the key generated here) and DMARC
 * (the policy). Each part says ok / warning / missing / error, why, and the exact record to publish
 * when one is missing or wrong. A failing DNS server is reported as an error, never as "missing".
 */
export type DomainCheckInput = {
  domain: string;
  /** SMTP hosts of the mailboxes on this domain. */
  smtpHosts: string[];
  dkimSelector: string | null;
  /** Base64 SPKI of the key generated here, if any. */
  dkimPublicKey: string | null;
};

/** SMTP hosts of providers whose outbound servers are listed by an SPF include (not by the submission host's own IP). */
const PROVIDER_SPF_INCLUDES: [RegExp, string][] = [
  [/(^|\.)(gmail|googlemail|google)\.com$/, '_spf.google.com'],
  [/(^|\.)(office365|outlook|hotmail)\.com$/, 'spf.protection.outlook.com'],
  [/(^|\.)ovh\.(net|com)$/, 'mx.ovh.com'],
  [/(^|\.)zoho\.eu$/, 'zoho.eu'],
  [/(^|\.)zoho\.com$/, 'zoho.com'],
  [/(^|\.)sendgrid\.net$/, 'sendgrid.net'],
  [/(^|\.)mailgun\.org$/, 'mailgun.org'],
  [/(^|\.)amazonaws\.com$/, 'amazonses.com'],
  [/(^|\.)mailjet\.com$/, 'spf.mailjet.com'],
  [/(^|\.)brevo\.com$/, 'spf.brevo.com'],
  [/(^|\.)postmarkapp\.com$/, 'spf.mtasv.net'],
  [/(^|\.)fastmail\.com$/, 'spf.messagingengine.com'],
  [/(^|\.)infomaniak\.com$/, 'spf.infomaniak.ch'],
];

export function providerIncludeFor(smtpHost: string): string | null {
  return PROVIDER_SPF_INCLUDES.find(([pattern]) => pattern.test(smtpHost.toLowerCase()))?.[1] ?? null;
}

/** The SPF mechanism that authorises an SMTP host: the provider's include, else the host itself. */
export function spfMechanismFor(smtpHost: string): string {
  const include = providerIncludeFor(smtpHost);
  if (include) return `include:${include}`;
  const family = isIP(smtpHost);
  if (family) return `${family === 4 ? 'ip4' : 'ip6'}:${smtpHost}`;
  return `a:${smtpHost}`;
}

export function suggestedSpf(smtpHosts: string[], existing: string | null = null): string {
  const mechanisms = [...new Set(smtpHosts.map(spfMechanismFor))];
  if (!existing) return ['v=spf1', ...mechanisms, '~all'].join(' ');
  const terms = existing.trim().split(/\s+/);
  const missing = mechanisms.filter((mechanism) => !terms.some((term) => term.toLowerCase() === mechanism.toLowerCase()));
  const allIndex = terms.findIndex((term) => /^[+\-~?]?all$/i.test(term) || /^redirect=/i.test(term));
  if (allIndex < 0) return [...terms, ...missing, '~all'].join(' ');
  return [...terms.slice(0, allIndex), ...missing, ...terms.slice(allIndex)].join(' ');
}

export function suggestedDmarc(domain: string): string {
  return `v=DMARC1; p=none; rua=mailto:dmarc@${domain}`;
}

export function dkimRecordValue(publicKeyBase64: string): string {
  return `v=DKIM1; k=rsa; p=${publicKeyBase64}`;
}

export async function checkMx(resolver: DnsResolver, domain: string): Promise<DomainCheckResult['mx']> {
  const answer = await resolver.mx(domain);
  if (answer.kind === 'error') return { status: 'error', records: [], detail: answer.message };
  if (answer.kind === 'none') {
    return { status: 'missing', records: [], detail: `${domain} has no MX record: replies and bounces cannot reach it. Add the MX records given by your mail provider.` };
  }
  const sorted = [...answer.records].sort((a, b) => a.priority - b.priority);
  const records = sorted.map((mx) => `${mx.priority} ${mx.exchange || '.'}`);
  if (sorted.length === 1 && (sorted[0]!.exchange === '' || sorted[0]!.exchange === '.')) {
    return { status: 'warning', records, detail: `${domain} declares that it accepts no mail (null MX): replies and bounces will be lost.` };
  }
  return { status: 'ok', records };
}

async function addressesOfHost(resolver: DnsResolver, host: string): Promise<{ ips: string[]; error?: string }> {
  if (isIP(host)) return { ips: [host] };
  const [v4, v6] = await Promise.all([resolver.a(host), resolver.aaaa(host)]);
  const error = [v4, v6].find((answer) => answer.kind === 'error');
  const ips = [...(v4.kind === 'found' ? v4.records : []), ...(v6.kind === 'found' ? v6.records : [])];
  return error && error.kind === 'error' && ips.length === 0 ? { ips, error: error.message } : { ips };
}

export async function checkSpf(base: DnsResolver, domain: string, smtpHosts: string[]): Promise<DomainCheckResult['spf']> {
  const resolver = cachingResolver(base);
  const found = await spfRecordOf(resolver, domain);
  if ('outcome' in found) {
    const { result, detail } = found.outcome;
    if (result === 'none') {
      return { status: 'missing', record: null, authorizesSmtpHost: null, detail: `${domain} has no SPF record.`, expected: suggestedSpf(smtpHosts) };
    }
    return { status: 'error', record: null, authorizesSmtpHost: null, ...(detail ? { detail } : {}) };
  }
  const record = found.record;
  const parsed = parseSpf(record);
  if ('error' in parsed) return { status: 'error', record, authorizesSmtpHost: null, detail: `The SPF record is invalid: ${parsed.error}.`, expected: suggestedSpf(smtpHosts) };

  const tree = await spfTreeOf(resolver, domain);
  if (tree.lookups > SPF_LOOKUP_LIMIT) {
    return {
      status: 'error',
      record,
      authorizesSmtpHost: null,
      detail: `The SPF record needs more than ${SPF_LOOKUP_LIMIT} DNS lookups (include, a, mx, exists, redirect): receivers treat it as a permanent error. Remove includes you no longer use or replace them with ip4:/ip6: ranges.`,
    };
  }
  if (tree.error) return { status: 'error', record, authorizesSmtpHost: null, detail: `The SPF record could not be evaluated: ${tree.error}.` };

  const unauthorised: string[] = [];
  const unknown: string[] = [];
  for (const host of smtpHosts) {
    const include = providerIncludeFor(host);
    if (include && tree.includes.includes(include)) continue;
    const { ips, error } = await addressesOfHost(resolver, host);
    if (error) return { status: 'error', record, authorizesSmtpHost: null, detail: `Could not resolve the SMTP host ${host}: ${error}.` };
    if (ips.length === 0) {
      unknown.push(host);
      continue;
    }
    for (const ip of ips) {
      const outcome = await checkHost(resolver, ip, domain);
      if (outcome.result === 'temperror') return { status: 'error', record, authorizesSmtpHost: null, ...(outcome.detail ? { detail: outcome.detail } : {}) };
      if (outcome.result === 'permerror') return { status: 'error', record, authorizesSmtpHost: null, detail: `The SPF record is invalid: ${outcome.detail}.` };
      if (outcome.result !== 'pass') {
        unauthorised.push(host);
        break;
      }
    }
  }
  const qualifier = allQualifierOf(parsed);
  if (unauthorised.length) {
    return {
      status: 'warning',
      record,
      authorizesSmtpHost: false,
      detail: `The SPF record does not authorise ${unauthorised.join(', ')}: mail sent through it fails SPF.`,
      expected: suggestedSpf(unauthorised, record),
    };
  }
  if (unknown.length) {
    return { status: 'warning', record, authorizesSmtpHost: null, detail: `The SMTP host ${unknown.join(', ')} has no address in DNS, so SPF cannot be checked against it.` };
  }
  const authorizesSmtpHost = smtpHosts.length ? true : null;
  if (qualifier === '+') return { status: 'warning', record, authorizesSmtpHost, detail: 'The record ends with +all: it lets any server in the world send as this domain. Use ~all or -all.' };
  if (qualifier === '?' || qualifier === null) {
    return { status: 'warning', record, authorizesSmtpHost, detail: 'The record does not end with ~all or -all: receivers get no instruction about other senders.' };
  }
  return { status: 'ok', record, authorizesSmtpHost };
}

/** Selectors of common providers, tried when none is set. */
const COMMON_DKIM_SELECTORS = ['google', 'selector1', 'selector2', 'default', 'dkim', 'mail', 'k1', 's1', 'zoho', 'ovh'];

function dkimTags(record: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    const index = part.indexOf('=');
    if (index > 0) tags.set(part.slice(0, index).trim().toLowerCase(), part.slice(index + 1).replace(/\s+/g, ''));
  }
  return tags;
}

export async function checkDkim(resolver: DnsResolver, domain: string, selector: string | null, publicKey: string | null): Promise<DomainCheckResult['dkim']> {
  const expected = publicKey ? dkimRecordValue(publicKey) : undefined;
  if (!selector) {
    for (const candidate of COMMON_DKIM_SELECTORS) {
      const answer = await resolver.txt(`${candidate}._domainkey.${domain}`);
      const record = answer.kind === 'found' ? answer.records.find((text) => dkimTags(text).has('p')) : undefined;
      if (record) {
        return { status: 'warning', selector: candidate, record, detail: `Found a DKIM key at selector "${candidate}". Save this selector so checks follow it.` };
      }
    }
    return { status: 'missing', selector: null, record: null, detail: 'No DKIM selector is set: enter the selector your provider gives you, or generate a key here.' };
  }
  const name = `${selector}._domainkey.${domain}`;
  const answer = await resolver.txt(name);
  if (answer.kind === 'error') return { status: 'error', selector, record: null, detail: answer.message, ...(expected ? { expected } : {}) };
  const record = answer.kind === 'found' ? answer.records.find((text) => /^v=DKIM1/i.test(text.trim()) || dkimTags(text).has('p')) : undefined;
  if (!record) {
    return { status: 'missing', selector, record: null, detail: `No DKIM record at ${name}.`, ...(expected ? { expected } : {}) };
  }
  const tags = dkimTags(record);
  const published = tags.get('p') ?? '';
  if (!tags.has('p')) return { status: 'error', selector, record, detail: `The DKIM record at ${name} has no key (p=).`, ...(expected ? { expected } : {}) };
  if (published === '') return { status: 'error', selector, record, detail: `The DKIM key at ${name} is revoked (empty p=).`, ...(expected ? { expected } : {}) };
  if (publicKey && published !== publicKey) {
    return { status: 'error', selector, record, detail: `The key published at ${name} does not match the key generated here: messages signed here will fail DKIM.`, ...(expected ? { expected } : {}) };
  }
  return { status: 'ok', selector, record };
}

/** The organisational domain DMARC falls back to (a short public-suffix heuristic: co.uk, com.au…). */
export function organisationalDomain(domain: string): string {
  const labels = domain.split('.');
  const secondLevel = labels.length >= 3 && labels[labels.length - 1]!.length === 2 && ['co', 'com', 'org', 'net', 'gov', 'ac', 'edu'].includes(labels[labels.length - 2]!);
  return labels.slice(secondLevel ? -3 : -2).join('.');
}

export async function checkDmarc(resolver: DnsResolver, domain: string): Promise<DomainCheckResult['dmarc']> {
  const expected = suggestedDmarc(domain);
  const lookup = async (name: string): Promise<{ error: string } | { records: string[] }> => {
    const answer = await resolver.txt(`_dmarc.${name}`);
    if (answer.kind === 'error') return { error: answer.message };
    return { records: answer.kind === 'found' ? answer.records.filter((text) => /^v=DMARC1(\s*;|\s*$)/i.test(text.trim())) : [] };
  };
  let found = await lookup(domain);
  const org = organisationalDomain(domain);
  let inherited = false;
  if ('records' in found && found.records.length === 0 && org !== domain) {
    found = await lookup(org);
    inherited = true;
  }
  if ('error' in found) return { status: 'error', record: null, policy: null, detail: found.error };
  if (found.records.length === 0) return { status: 'missing', record: null, policy: null, detail: `No DMARC record at _dmarc.${domain}.`, expected };
  if (found.records.length > 1) return { status: 'error', record: null, policy: null, detail: 'There are several DMARC records: receivers ignore them all. Keep one.', expected };
  const record = found.records[0]!;
  const tags = dkimTags(record);
  const policy = ((inherited ? tags.get('sp') : undefined) ?? tags.get('p') ?? '').toLowerCase();
  const from = inherited ? ` (inherited from _dmarc.${org})` : '';
  if (!['none', 'quarantine', 'reject'].includes(policy)) {
    return { status: 'error', record, policy: policy || null, detail: `The DMARC record has no valid policy (p=none, quarantine or reject)${from}.`, expected };
  }
  if (policy === 'none') {
    return { status: 'warning', record, policy, detail: `Policy "none"${from}: receivers only report and take no action. Move to quarantine once reports look clean.` };
  }
  return { status: 'ok', record, policy, ...(inherited ? { detail: `Inherited from _dmarc.${org}.` } : {}) };
}

export async function checkDomain(resolver: DnsResolver, input: DomainCheckInput): Promise<DomainCheckResult> {
  const domain = input.domain.toLowerCase();
  const [mx, spf, dkim, dmarc] = await Promise.all([
    checkMx(resolver, domain),
    checkSpf(resolver, domain, input.smtpHosts),
    checkDkim(resolver, domain, input.dkimSelector, input.dkimPublicKey),
    checkDmarc(resolver, domain),
  ]);
  return { checkedAt: new Date().toISOString(), mx, spf, dkim, dmarc };
}
