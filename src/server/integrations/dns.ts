import { promises as dns } from 'node:dns';

/**
 * DNS look-ups through the servers named by `DNS_SERVERS` (`host[:port]`, comma-separated), or the
 * system's when none are set. Each answer says whether the name exists, has no such record, or
 * the look-up itself failed (SERVFAIL, timeout…): a failing server must never read as "missing".
 */
export type DnsAnswer<T> =
  | { kind: 'found'; records: T[] }
  /** NXDOMAIN or no record of that type: the domain owner has to add it. */
  | { kind: 'none' }
  /** The look-up failed: nothing can be concluded about the record. */
  | { kind: 'error'; code: string; message: string };

export type MxRecord = { exchange: string; priority: number };

export interface DnsResolver {
  /** TXT records, each with its character-strings joined (as SPF, DKIM and DMARC expect). */
  txt(name: string): Promise<DnsAnswer<string>>;
  mx(name: string): Promise<DnsAnswer<MxRecord>>;
  a(name: string): Promise<DnsAnswer<string>>;
  aaaa(name: string): Promise<DnsAnswer<string>>;
}

export type DnsResolverOptions = { servers: string[]; timeoutMs?: number; tries?: number };

const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA', 'NOTFOUND', 'NODATA']);

const ERROR_TEXT: Record<string, string> = {
  ESERVFAIL: 'the DNS server failed to answer (SERVFAIL)',
  SERVFAIL: 'the DNS server failed to answer (SERVFAIL)',
  ETIMEOUT: 'the DNS look-up timed out',
  TIMEOUT: 'the DNS look-up timed out',
  EREFUSED: 'the DNS server refused the query (REFUSED)',
  REFUSED: 'the DNS server refused the query (REFUSED)',
  ECONNREFUSED: 'could not reach the DNS server (connection refused)',
  CONNREFUSED: 'could not reach the DNS server (connection refused)',
  EBADRESP: 'the DNS server sent a malformed answer',
  BADRESP: 'the DNS server sent a malformed answer',
};

export function describeDnsError(code: string, name: string, type: string): string {
  const text = ERROR_TEXT[code] ?? `the DNS look-up failed (${code})`;
  return `${type} ${name}: ${text}`;
}

async function answer<T>(name: string, type: string, run: () => Promise<T[]>): Promise<DnsAnswer<T>> {
  try {
    const records = await run();
    return records.length ? { kind: 'found', records } : { kind: 'none' };
  } catch (error) {
    const raw = (error as { code?: unknown }).code;
    const code = typeof raw === 'string' ? raw : 'UNKNOWN';
    if (NO_RECORD.has(code)) return { kind: 'none' };
    return { kind: 'error', code: code.replace(/^E/, ''), message: describeDnsError(code, name, type) };
  }
}

export function createDnsResolver(options: DnsResolverOptions): DnsResolver {
  // c-ares doubles the timeout on each try: 2 tries of 2.5 s ends a dead server in about 7.5 s.
  const resolver = new dns.Resolver({ timeout: options.timeoutMs ?? 2500, tries: options.tries ?? 2 });
  if (options.servers.length) resolver.setServers(options.servers);
  return {
    txt: (name) => answer(name, 'TXT', async () => (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''))),
    mx: (name) => answer(name, 'MX', () => resolver.resolveMx(name)),
    a: (name) => answer(name, 'A', () => resolver.resolve4(name)),
    aaaa: (name) => answer(name, 'AAAA', () => resolver.resolve6(name)),
  };
}
