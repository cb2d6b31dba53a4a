import { BlockList, isIP } from 'node:net';

/**
 * The SSRF guard for URLs a user gives us and the server then calls (the notification webhook, a
 * custom LLM base URL). Only http(s); and unless private networks are allowed
 * (ALLOW_PRIVATE_NETWORK_URLS, off in production by default), nothing that reaches loopback,
 * private, link-local (cloud metadata at 169.254.169.254) or otherwise non-public addresses. The
 * host name is checked here; the address it resolves to is checked again at connect time (see
 * `http.ts`), so a DNS answer that changes between the two cannot slip through.
 */

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d / ::ffff:7f00:1) or NAT64 IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const match = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(lower);
  if (!match) return null;
  if (match[1]) return match[1];
  const high = parseInt(match[2]!, 16);
  const low = parseInt(match[3]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** True for any address that is not a public unicast address. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    return v4 ? blocked.check(v4, 'ipv4') : blocked.check(bare, 'ipv6');
  }
  return false;
}

// Names that always mean "this machine or this private network".
const PRIVATE_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

export function isPrivateHostname(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return isIP(bare) ? isPrivateAddress(bare) : PRIVATE_NAMES.test(bare) || !bare.includes('.');
}

export const PRIVATE_URL_HINT = 'set ALLOW_PRIVATE_NETWORK_URLS=true to allow private network addresses';

/**
 * Why `text` is not acceptable as a URL the server will call, or null when it is. `allowPrivate`
 * lifts only the private-address rule; the scheme and shape rules always apply.
 */
export function urlProblem(text: string, options: { allowPrivate: boolean }): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://';
  if (!url.hostname) return 'must name a host';
  if (!options.allowPrivate && isPrivateHostname(url.hostname)) {
    return `points to a private network address (${url.hostname}): ${PRIVATE_URL_HINT}`;
  }
  return null;
}

/** A link we only show or send (booking pages): http(s), nothing more. */
export function linkProblem(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'must start with http:// or https://';
  } catch {
    return 'must be a valid URL';
  }
}
