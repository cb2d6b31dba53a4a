import { BlockList, isIP } from 'node:net';
import type { DnsAnswer, DnsResolver, MxRecord } from '../integrations/dns.js';

/**
 * SPF (RFC 7208) evaluation, enough to answer "does this domain's SPF let this SMTP host send for
 * it?": `include`, `redirect`, `a`, `mx`, `ip4`, `ip6`, `exists` and `all`, with the limit of 10
 * DNS-querying terms. Macros (`%{…}`) are not expanded: such a term is treated as not matching,
 * and `ptr` (deprecated by the RFC) never matches.
 */
export const SPF_LOOKUP_LIMIT = 10;

export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';
export type SpfOutcome = { result: SpfResult; detail?: string };

type Term =
  | { kind: 'mechanism'; qualifier: '+' | '-' | '~' | '?'; name: string; value: string }
  | { kind: 'modifier'; name: string; value: string };

export type ParsedSpf = { terms: Term[] };

export function isSpfRecord(text: string): boolean {
  return /^v=spf1(\s|$)/i.test(text.trim());
}

export function parseSpf(record: string): ParsedSpf | { error: string } {
  const terms: Term[] = [];
  for (const raw of record.trim().split(/\s+/).slice(1)) {
    const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(raw);
    if (modifier) {
      terms.push({ kind: 'modifier', name: modifier[1]!.toLowerCase(), value: modifier[2]! });
      continue;
    }
    const mechanism = /^([+\-~?]?)([a-z0-9]+)(?::?(.*))?$/i.exec(raw);
    const name = mechanism?.[2]?.toLowerCase();
    if (!mechanism || !name || !['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'].includes(name)) {
      return { error: `unknown SPF term "${raw}"` };
    }
    terms.push({ kind: 'mechanism', qualifier: (mechanism[1] || '+') as '+', name, value: mechanism[3] ?? '' });
  }
  return { terms };
}

/** The qualifier of the `all` term, `redirect` when the policy is delegated, null when absent. */
export function allQualifierOf(parsed: ParsedSpf): string | null {
  const all = parsed.terms.find((term) => term.kind === 'mechanism' && term.name === 'all');
  if (all && all.kind === 'mechanism') return all.qualifier;
  return parsed.terms.some((term) => term.kind === 'modifier' && term.name === 'redirect') ? 'redirect' : null;
}

/** A resolver that asks each question once per check (SPF trees repeat names). */
export function cachingResolver(resolver: DnsResolver): DnsResolver {
  const cache = new Map<string, Promise<DnsAnswer<unknown>>>();
  const once = <T>(key: string, run: () => Promise<DnsAnswer<T>>) => {
    if (!cache.has(key)) cache.set(key, run());
    return cache.get(key) as Promise<DnsAnswer<T>>;
  };
  return {
    txt: (name) => once(`TXT ${name}`, () => resolver.txt(name)),
    mx: (name) => once(`MX ${name}`, () => resolver.mx(name)),
    a: (name) => once(`A ${name}`, () => resolver.a(name)),
    aaaa: (name) => once(`AAAA ${name}`, () => resolver.aaaa(name)),
  };
}

type Lookup = { record: string } | { outcome: SpfOutcome };

/** The single SPF record of `domain`, or the outcome that ends evaluation. */
export async function spfRecordOf(resolver: DnsResolver, domain: string): Promise<Lookup> {
  const answer = await resolver.txt(domain);
  if (answer.kind === 'error') return { outcome: { result: 'temperror', detail: answer.message } };
  const records = answer.kind === 'found' ? answer.records.filter(isSpfRecord) : [];
  if (records.length === 0) return { outcome: { result: 'none', detail: `${domain} has no SPF record` } };
  if (records.length > 1) return { outcome: { result: 'permerror', detail: `${domain} has ${records.length} SPF records (only one is allowed)` } };
  return { record: records[0]! };
}

const QUALIFIER_RESULT: Record<string, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

type EvalState = { lookups: number };

function cidrOf(value: string): { target: string; v4: number; v6: number } {
  const match = /^([^/]*)(?:\/(\d+))?(?:\/\/(\d+))?$/.exec(value) ?? [];
  return { target: match[1] ?? '', v4: match[2] ? Number(match[2]) : 32, v6: match[3] ? Number(match[3]) : 128 };
}

function inSubnet(ip: string, network: string, prefix: number): boolean {
  const family = isIP(ip);
  if (!family || isIP(network) !== family) return false;
  const list = new BlockList();
  try {
    list.addSubnet(network, prefix, family === 4 ? 'ipv4' : 'ipv6');
  } catch {
    return false;
  }
  return list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

async function addressesOf(resolver: DnsResolver, name: string, family: number): Promise<{ ips: string[] } | { outcome: SpfOutcome }> {
  const answer = family === 4 ? await resolver.a(name) : await resolver.aaaa(name);
  if (answer.kind === 'error') return { outcome: { result: 'temperror', detail: answer.message } };
  return { ips: answer.kind === 'found' ? answer.records : [] };
}

/** RFC 7208 check_host(): the SPF result for mail from `ip` claiming `domain`. */
export async function checkHost(resolver: DnsResolver, ip: string, domain: string, state: EvalState = { lookups: 0 }): Promise<SpfOutcome> {
  const lookup = await spfRecordOf(resolver, domain);
  if ('outcome' in lookup) return lookup.outcome;
  const parsed = parseSpf(lookup.record);
  if ('error' in parsed) return { result: 'permerror', detail: `${domain}: ${parsed.error}` };
  const family = isIP(ip);
  const countLookup = (): SpfOutcome | null => {
    state.lookups += 1;
    return state.lookups > SPF_LOOKUP_LIMIT ? { result: 'permerror', detail: `more than ${SPF_LOOKUP_LIMIT} DNS lookups` } : null;
  };

  for (const term of parsed.terms) {
    if (term.kind !== 'mechanism') continue;
    const { target, v4, v6 } = cidrOf(term.value);
    const targetDomain = target || domain;
    const prefix = family === 4 ? v4 : v6;
    let matched = false;
    if (['include', 'a', 'mx', 'ptr', 'exists'].includes(term.name)) {
      const over = countLookup();
      if (over) return over;
    }
    if (targetDomain.includes('%')) continue;
    switch (term.name) {
      case 'all':
        matched = true;
        break;
      case 'ip4':
      case 'ip6': {
        const [network, bits] = term.value.split('/');
        matched = inSubnet(ip, network ?? '', bits ? Number(bits) : term.name === 'ip4' ? 32 : 128);
        break;
      }
      case 'a': {
        const found = await addressesOf(resolver, targetDomain, family);
        if ('outcome' in found) return found.outcome;
        matched = found.ips.some((address) => inSubnet(ip, address, prefix));
        break;
      }
      case 'mx': {
        const answer: DnsAnswer<MxRecord> = await resolver.mx(targetDomain);
        if (answer.kind === 'error') return { result: 'temperror', detail: answer.message };
        for (const mx of answer.kind === 'found' ? answer.records.slice(0, 10) : []) {
          const found = await addressesOf(resolver, mx.exchange, family);
          if ('outcome' in found) return found.outcome;
          if (found.ips.some((address) => inSubnet(ip, address, prefix))) matched = true;
        }
        break;
      }
      case 'exists': {
        const found = await addressesOf(resolver, targetDomain, 4);
        if ('outcome' in found) return found.outcome;
        matched = found.ips.length > 0;
        break;
      }
      case 'include': {
        const inner = await checkHost(resolver, ip, targetDomain, state);
        if (inner.result === 'pass') matched = true;
        else if (inner.result === 'none') return { result: 'permerror', detail: `include:${targetDomain} has no SPF record` };
        else if (inner.result === 'permerror' || inner.result === 'temperror') return inner;
        break;
      }
      default:
        break; // ptr: deprecated, never matches here
    }
    if (matched) return { result: QUALIFIER_RESULT[term.qualifier]!, detail: `matched ${term.qualifier === '+' ? '' : term.qualifier}${term.name}${term.value ? `:${term.value}` : ''} in ${domain}` };
  }
  const redirect = parsed.terms.find((term) => term.kind === 'modifier' && term.name === 'redirect');
  if (redirect) {
    const over = countLookup();
    if (over) return over;
    const inner = await checkHost(resolver, ip, redirect.value, state);
    return inner.result === 'none' ? { result: 'permerror', detail: `redirect=${redirect.value} has no SPF record` } : inner;
  }
  return { result: 'neutral', detail: `no term of ${domain} matched` };
}

/**
 * Walks the whole tree (not stopping at the first match, as an evaluation does) to count the
 * DNS-querying terms and list the included domains: a record over the limit fails for some
 * receivers even when the sending IP happens to match early.
 */
export async function spfTreeOf(resolver: DnsResolver, domain: string): Promise<{ lookups: number; includes: string[]; error?: string }> {
  const includes: string[] = [];
  let lookups = 0;
  let error: string | undefined;
  const walk = async (name: string, depth: number): Promise<void> => {
    if (lookups > SPF_LOOKUP_LIMIT || depth > SPF_LOOKUP_LIMIT || error) return;
    const found = await spfRecordOf(resolver, name);
    if ('outcome' in found) {
      if (depth > 0 && found.outcome.result !== 'none') error = found.outcome.detail;
      return;
    }
    const parsed = parseSpf(found.record);
    if ('error' in parsed) {
      error = `${name}: ${parsed.error}`;
      return;
    }
    for (const term of parsed.terms) {
      const nested = term.kind === 'mechanism' ? term.name === 'include' : term.name === 'redirect';
      if (term.kind === 'mechanism' && ['include', 'a', 'mx', 'ptr', 'exists'].includes(term.name)) lookups += 1;
      if (term.kind === 'modifier' && term.name === 'redirect') lookups += 1;
      if (nested) {
        const target = cidrOf(term.value).target.toLowerCase();
        includes.push(target);
        await walk(target, depth + 1);
      }
    }
  };
  await walk(domain, 0);
  return { lookups, includes, ...(error ? { error } : {}) };
}
