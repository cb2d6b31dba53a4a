import { createSocket, type Socket } from 'node:dgram';
import dnsPacket from 'dns-packet';

/**
 * A real DNS server over UDP on 127.0.0.1 (random port) answering from a table the test edits.
 * Names marked `servfail` answer SERVFAIL; names marked `silent` never answer (a timeout).
 * Unknown names answer NXDOMAIN; a known name without the asked type answers NOERROR/no data.
 */
export type FakeDnsRecords = {
  A?: string[];
  AAAA?: string[];
  MX?: { exchange: string; priority: number }[];
  /** Each entry is one TXT record; an array entry is a record split into several strings. */
  TXT?: (string | string[])[];
};

export type FakeDnsServer = {
  /** `127.0.0.1:<port>`, ready for DNS_SERVERS. */
  address: string;
  port: number;
  records: Map<string, FakeDnsRecords>;
  servfail: Set<string>;
  silent: Set<string>;
  /** Every question received, as `TYPE name`. */
  queries: string[];
  set(name: string, records: FakeDnsRecords): void;
  /** Records answered for any name not in `records` (instead of NXDOMAIN); `null` = none. */
  fallback: FakeDnsRecords | null;
  clear(): void;
  stop(): Promise<void>;
};

/** TXT strings are at most 255 bytes: split longer ones, as a zone file would. */
function txtChunks(value: string | string[]): Buffer[] {
  const parts = Array.isArray(value) ? value : [value];
  return parts.flatMap((part) => {
    const chunks: Buffer[] = [];
    for (let i = 0; i < part.length || i === 0; i += 255) chunks.push(Buffer.from(part.slice(i, i + 255)));
    return chunks;
  });
}

export async function startFakeDnsServer(): Promise<FakeDnsServer> {
  const records = new Map<string, FakeDnsRecords>();
  const servfail = new Set<string>();
  const silent = new Set<string>();
  const queries: string[] = [];
  const socket: Socket = createSocket('udp4');

  socket.on('message', (message, remote) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase().replace(/\.$/, '');
    queries.push(`${question.type} ${name}`);
    if (silent.has(name)) return;
    const entry = records.get(name) ?? server.fallback ?? undefined;
    const answers: dnsPacket.Answer[] = [];
    if (entry) {
      if (question.type === 'A') for (const ip of entry.A ?? []) answers.push({ type: 'A', name: question.name, ttl: 60, data: ip });
      if (question.type === 'AAAA') for (const ip of entry.AAAA ?? []) answers.push({ type: 'AAAA', name: question.name, ttl: 60, data: ip });
      if (question.type === 'MX') {
        for (const mx of entry.MX ?? []) answers.push({ type: 'MX', name: question.name, ttl: 60, data: { preference: mx.priority, exchange: mx.exchange } });
      }
      if (question.type === 'TXT') for (const txt of entry.TXT ?? []) answers.push({ type: 'TXT', name: question.name, ttl: 60, data: txtChunks(txt) });
    }
    const rcode = servfail.has(name) ? 'SERVFAIL' : entry ? 'NOERROR' : 'NXDOMAIN';
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcodeFlag(rcode),
      questions: query.questions,
      answers: rcode === 'NOERROR' ? answers : [],
    });
    socket.send(response, remote.port, remote.address);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const port = socket.address().port;
  const server: FakeDnsServer = {
    fallback: null,
    address: `127.0.0.1:${port}`,
    port,
    records,
    servfail,
    silent,
    queries,
    set(name, value) {
      records.set(name.toLowerCase(), value);
    },
    clear() {
      records.clear();
      servfail.clear();
      silent.clear();
      queries.length = 0;
    },
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
  return server;
}

/** The RCODE lives in the low 4 bits of the flags word. */
function rcodeFlag(rcode: 'NOERROR' | 'SERVFAIL' | 'NXDOMAIN'): number {
  return { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 }[rcode];
}
