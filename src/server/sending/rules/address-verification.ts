import type { DnsAnswer, MxRecord } from '../../integrations/dns.js';
import { DISPOSABLE_DOMAINS, ROLE_LOCAL_PARTS } from './address-lists.js';

/**
 * Is this address worth a first email? Syntax (a practical subset of RFC 5321/5322: dot-atom local
 * parts, host-name domains, no quoted strings, no IP literals, no non-ASCII local parts), role and
 * disposable flags, and what DNS says about the domain. Look-ups are injected; a look-up that
 * failed (timeout, SERVFAIL, no network) is `unknown`, never `invalid`.
 */

export type SyntaxProblem =
  | 'empty'
  | 'too_long'
  | 'control_character'
  | 'missing_at'
  | 'local_too_long'
  | 'invalid_local_part'
  | 'quoted_local_part'
  | 'non_ascii_local_part'
  | 'domain_literal'
  | 'invalid_domain';

export type AddressSyntax = { ok: true; address: string; local: string; domain: string } | { ok: false; problem: SyntaxProblem };

const ATEXT_DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Syntax check; the returned address has its domain lower-cased and in ASCII (punycode). */
export function checkAddressSyntax(raw: string): AddressSyntax {
  const value = raw.trim();
  if (!value) return { ok: false, problem: 'empty' };
  if (value.length > 254) return { ok: false, problem: 'too_long' };
  if (/\p{Cc}/u.test(value)) return { ok: false, problem: 'control_character' };
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return { ok: false, problem: 'missing_at' };
  const local = value.slice(0, at);
  const domainPart = value.slice(at + 1);
  if (local.startsWith('"')) return { ok: false, problem: 'quoted_local_part' };
  if (/[^\x20-\x7e]/.test(local)) return { ok: false, problem: 'non_ascii_local_part' };
  if (local.length > 64) return { ok: false, problem: 'local_too_long' };
  if (!ATEXT_DOT_ATOM.test(local)) return { ok: false, problem: 'invalid_local_part' };
  if (domainPart.startsWith('[')) return { ok: false, problem: 'domain_literal' };
  const domain = asciiDomain(domainPart);
  if (!domain) return { ok: false, problem: 'invalid_domain' };
  return { ok: true, address: `${local}@${domain}`, local, domain };
}

function asciiDomain(input: string): string | null {
  if (!/^[\p{L}\p{N}\p{M}.-]+$/u.test(input) || input.endsWith('.') || input.startsWith('.')) return null;
  let ascii: string;
  try {
    // The URL parser applies IDNA (café.fr → xn--caf-dma.fr) with no network and no dependency.
    ascii = new URL(`http://${input}`).hostname;
  } catch {
    return null;
  }
  const labels = ascii.split('.');
  if (ascii.length > 253 || labels.length < 2) return null;
  if (!labels.every((label) => LABEL.test(label))) return null;
  const tld = labels[labels.length - 1] ?? '';
  return /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld) ? ascii : null;
}

/** The local part without its `+tag`, lower-cased: `Sales+eu` → `sales`. */
function baseLocalPart(local: string): string {
  const plus = local.indexOf('+');
  return (plus === -1 ? local : local.slice(0, plus)).toLowerCase();
}

export function isRoleAddress(local: string): boolean {
  return ROLE_LOCAL_PARTS.has(baseLocalPart(local));
}

export function isDisposableDomain(domain: string): boolean {
  const labels = domain.toLowerCase().split('.');
  for (let index = 0; index < labels.length - 1; index++) {
    if (DISPOSABLE_DOMAINS.has(labels.slice(index).join('.'))) return true;
  }
  return false;
}

/** What DNS says about the domain receiving mail. */
export type DomainMailVerdict =
  | { kind: 'accepts_mail'; via: 'mx' | 'a' }
  | { kind: 'no_mail'; reason: 'null_mx' | 'no_mail_server' }
  | { kind: 'unknown'; detail: string };

/**
 * MX first; with no MX, RFC 5321 §5.1 falls back to the address record ("implicit MX"). A single
 * MX of "." is a null MX (RFC 7505): the domain says it takes no mail. `a` is the A (or AAAA)
 * answer, needed only when there is no MX; not given then = unknown.
 */
export function domainMailVerdict(mx: DnsAnswer<MxRecord>, a?: DnsAnswer<string> | null): DomainMailVerdict {
  switch (mx.kind) {
    case 'found': {
      const real = mx.records.filter((record) => record.exchange !== '' && record.exchange !== '.');
      return real.length ? { kind: 'accepts_mail', via: 'mx' } : { kind: 'no_mail', reason: 'null_mx' };
    }
    case 'error':
      return { kind: 'unknown', detail: mx.message };
    case 'none':
      if (!a) return { kind: 'unknown', detail: 'no MX record and the address record was not looked up' };
      if (a.kind === 'found') return { kind: 'accepts_mail', via: 'a' };
      if (a.kind === 'error') return { kind: 'unknown', detail: a.message };
      return { kind: 'no_mail', reason: 'no_mail_server' };
    default: {
      const unexpected: never = mx;
      throw new Error(`Unknown DNS answer ${JSON.stringify(unexpected)}`);
    }
  }
}

export type AddressVerdict = 'valid' | 'risky' | 'invalid' | 'unknown';

export type AddressReason =
  | { code: 'syntax'; problem: SyntaxProblem }
  | { code: 'role_address' }
  | { code: 'disposable_domain' }
  | { code: 'null_mx' }
  | { code: 'no_mail_server' }
  /** No MX; mail would go to the domain's A record, which cold mail rarely survives. */
  | { code: 'no_mx_record' }
  | { code: 'dns_unavailable'; detail: string };

export type AddressVerification = { verdict: AddressVerdict; address: string; domain: string | null; reasons: AddressReason[] };

/** The checks that need no network: syntax, role address, disposable domain. */
export function precheckAddress(raw: string): { syntax: AddressSyntax; reasons: AddressReason[] } {
  const syntax = checkAddressSyntax(raw);
  if (!syntax.ok) return { syntax, reasons: [{ code: 'syntax', problem: syntax.problem }] };
  const reasons: AddressReason[] = [];
  if (isRoleAddress(syntax.local)) reasons.push({ code: 'role_address' });
  if (isDisposableDomain(syntax.domain)) reasons.push({ code: 'disposable_domain' });
  return { syntax, reasons };
}

/** invalid > unknown > risky > valid: an unchecked domain may still turn out invalid. */
export function combineAddressVerdict(raw: string, domain: DomainMailVerdict | null): AddressVerification {
  const { syntax, reasons } = precheckAddress(raw);
  if (!syntax.ok) return { verdict: 'invalid', address: raw.trim(), domain: null, reasons };
  const base = { address: syntax.address, domain: syntax.domain };
  if (domain === null) return { ...base, verdict: reasons.length ? 'risky' : 'valid', reasons };
  switch (domain.kind) {
    case 'no_mail':
      return { ...base, verdict: 'invalid', reasons: [...reasons, { code: domain.reason }] };
    case 'unknown':
      return { ...base, verdict: 'unknown', reasons: [...reasons, { code: 'dns_unavailable', detail: domain.detail }] };
    case 'accepts_mail': {
      const all: AddressReason[] = domain.via === 'a' ? [...reasons, { code: 'no_mx_record' }] : reasons;
      return { ...base, verdict: all.length ? 'risky' : 'valid', reasons: all };
    }
    default: {
      const unexpected: never = domain;
      throw new Error(`Unknown domain verdict ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The look-ups verification needs (an `integrations/dns` resolver fits). */
export type MailDnsLookup = {
  mx(domain: string): Promise<DnsAnswer<MxRecord>>;
  a(domain: string): Promise<DnsAnswer<string>>;
  aaaa?(domain: string): Promise<DnsAnswer<string>>;
};

export async function domainMailVerdictFromDns(domain: string, dns: MailDnsLookup): Promise<DomainMailVerdict> {
  const mx = await dns.mx(domain);
  if (mx.kind !== 'none') return domainMailVerdict(mx);
  const a = await dns.a(domain);
  if (a.kind === 'none' && dns.aaaa) return domainMailVerdict(mx, await dns.aaaa(domain));
  return domainMailVerdict(mx, a);
}

/**
 * Per-domain cache of DNS verdicts (the clock is passed in). `unknown` is never stored: a network
 * blip must not stick to a domain for the whole TTL.
 */
export type DomainVerdictCache = {
  get(domain: string, now: Date): DomainMailVerdict | undefined;
  set(domain: string, verdict: DomainMailVerdict, now: Date): void;
};

export function createDomainVerdictCache(options: { ttlMs: number; maxEntries?: number }): DomainVerdictCache {
  const entries = new Map<string, { verdict: DomainMailVerdict; expires: number }>();
  const maxEntries = options.maxEntries ?? 10_000;
  return {
    get(domain, now) {
      const entry = entries.get(domain);
      if (!entry) return undefined;
      if (entry.expires <= now.getTime()) {
        entries.delete(domain);
        return undefined;
      }
      return entry.verdict;
    },
    set(domain, verdict, now) {
      if (verdict.kind === 'unknown') return;
      if (entries.size >= maxEntries && !entries.has(domain)) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(domain, { verdict, expires: now.getTime() + options.ttlMs });
    },
  };
}

/** Full check of one address: syntax first (no look-up for a malformed one), then DNS via the cache. */
export async function verifyAddress(raw: string, dns: MailDnsLookup, options: { cache?: DomainVerdictCache; now?: Date } = {}): Promise<AddressVerification> {
  const syntax = checkAddressSyntax(raw);
  if (!syntax.ok) return combineAddressVerdict(raw, null);
  const { cache, now } = options;
  let verdict = cache && now ? cache.get(syntax.domain, now) : undefined;
  if (!verdict) {
    verdict = await domainMailVerdictFromDns(syntax.domain, dns);
    if (cache && now) cache.set(syntax.domain, verdict, now);
  }
  return combineAddressVerdict(raw, verdict);
}
