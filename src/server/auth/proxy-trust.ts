import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * Which hops in front of us may speak for the client in `X-Forwarded-*` (TRUST_PROXY):
 * none; the nearest `hops` hops (`true` = 1, the usual single reverse proxy); or the listed
 * addresses/CIDR ranges. Only a trusted hop's word is taken: a client can write anything at the
 * left of `X-Forwarded-For`, so the client is the rightmost address no trusted hop vouches for.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'ranges'; ranges: string[] };

/** Named ranges, as Express accepts them. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** `true`/`false`, a hop count or a comma-separated list of addresses, CIDR ranges and named ranges; else an error message. */
export function parseTrustProxy(value: string): TrustProxy | { error: string } {
  const text = value.trim().toLowerCase();
  if (['false', 'no', '0', ''].includes(text)) return { kind: 'none' };
  if (['true', 'yes'].includes(text)) return { kind: 'hops', hops: 1 };
  if (/^\d+$/.test(text)) return Number(text) > 32 ? { error: 'a hop count must be at most 32' } : { kind: 'hops', hops: Number(text) };
  const ranges: string[] = [];
  for (const item of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    if (NAMED_RANGES[item]) {
      ranges.push(...NAMED_RANGES[item]);
      continue;
    }
    const [address, prefix] = item.split('/');
    const family = isIP(address ?? '');
    const maxPrefix = family === 6 ? 128 : 32;
    if (!family || (prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= maxPrefix))) {
      return { error: `"${item}" is not true/false, a hop count, an IP address, a CIDR range or loopback/linklocal/uniquelocal` };
    }
    ranges.push(prefix === undefined ? `${address}/${maxPrefix}` : item);
  }
  return ranges.length ? { kind: 'ranges', ranges } : { kind: 'none' };
}

/** `::ffff:10.0.0.1` (how Node reports IPv4 peers on a dual-stack socket) → `10.0.0.1`. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function blockListOf(ranges: string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const [address, prefix] = range.split('/');
    list.addSubnet(address!, Number(prefix), isIP(address!) === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

const blockLists = new WeakMap<TrustProxy, BlockList>();

/** Whether the hop at `index` (0 = the socket's peer, 1 = the rightmost forwarded address…) is trusted. */
function isTrustedHop(trust: TrustProxy, address: string, index: number): boolean {
  if (trust.kind === 'none') return false;
  if (trust.kind === 'hops') return index < trust.hops;
  let list = blockLists.get(trust);
  if (!list) blockLists.set(trust, (list = blockListOf(trust.ranges)));
  const plain = plainAddress(address);
  const family = isIP(plain);
  return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

/** The socket's peer: whether its forwarded headers (proto, host) may be believed. */
export function peerIsTrustedProxy(req: IncomingMessage, trust: TrustProxy): boolean {
  return isTrustedHop(trust, req.socket.remoteAddress ?? '', 0);
}

/** The client's address: walking from our socket leftwards, the first hop no trusted proxy vouches for. */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trust.kind === 'none') return plainAddress(peer);
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const hops = [peer, ...forwarded.reverse()];
  for (const [index, address] of hops.entries()) {
    if (!isTrustedHop(trust, address, index)) return plainAddress(address);
  }
  // Every hop trusted: the farthest one is all we know.
  return plainAddress(hops[hops.length - 1]!);
}
