import { BlockList, isIP } from 'node:net';

/**
 * The SSRF guard for URLs a user gives us and the server then calls (the notification webhook, a
 * custom LLM base URL). Only http(s); and unless private networks are allowed
 * (ALLOW_PRIVATE_NETWORK_URLS, off in production by default), nothing that reaches loopback,
 * private, link-local (cloud metadata at 169.254.169.254) or otherwise non-public addresses. The
 * host name is checked here; the address it resolves to is checked again at connect time (see
 * `http.ts`), so a DNS answer that changes between the two cannot slip through. Mail servers get
 * the same rule through `mail-server-guard.ts`.
 */

const blockedIpv4 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network": 0.0.0.0 reaches this machine
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relays
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blockedIpv4.addSubnet(network, prefix, 'ipv4');
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

const ipv4Of = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255].join('.');

/**
 * An IPv6 address is public only inside global unicast (2000::/3), and not in documentation or
 * Teredo space. Forms that carry an IPv4 address (IPv4-mapped, NAT64 64:ff9b::/96, 6to4) are
 * judged by that IPv4 address. Everything else (loopback, `::`, IPv4-compatible `::a.b.c.d`,
 * unique local, link- and site-local, multicast, local NAT64…) is private.
 */
function isPrivateIpv6(address: string): boolean {
  const g = ipv6Groups(address);
  const zeros = (from: number, to: number) => g.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return blockedIpv4.check(ipv4Of(g[6]!, g[7]!), 'ipv4');
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return blockedIpv4.check(ipv4Of(g[6]!, g[7]!), 'ipv4');
  if (g[0] === 0x2002) return blockedIpv4.check(ipv4Of(g[1]!, g[2]!), 'ipv4');
  const globalUnicast = g[0]! >= 0x2000 && g[0]! <= 0x3fff;
  const documentation = g[0] === 0x2001 && g[1] === 0x0db8;
  const teredo = g[0] === 0x2001 && g[1] === 0;
  return !globalUnicast || documentation || teredo;
}

/** True for any address that is not a public unicast address. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return blockedIpv4.check(bare, 'ipv4');
  if (family === 6) return isPrivateIpv6(bare);
  return false;
}

/**
 * Refused in every mode, even with ALLOW_PRIVATE_NETWORK_URLS: link-local ranges and the cloud
 * metadata endpoints there (AWS, GCP, Azure at 169.254.169.254; AWS IPv6 fd00:ec2::254; Alibaba
 * 100.100.100.200) hand out the host's credentials, and no local LLM or relay lives there.
 */
const linkLocalIpv4 = new BlockList();
linkLocalIpv4.addSubnet('169.254.0.0', 16, 'ipv4');
linkLocalIpv4.addAddress('100.100.100.200', 'ipv4');
const linkLocalIpv6 = new BlockList();
linkLocalIpv6.addSubnet('fe80::', 10, 'ipv6');
linkLocalIpv6.addAddress('fd00:ec2::254', 'ipv6');
const METADATA_NAMES = /^(metadata|metadata\.google\.internal|metadata\.goog|instance-data(\.ec2\.internal)?)$/i;

export function isLinkLocalOrMetadataAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return linkLocalIpv4.check(bare, 'ipv4');
  if (family !== 6) return false;
  const g = ipv6Groups(bare);
  // IPv4-mapped and NAT64 forms reach the same IPv4 address.
  const mapped = (g.slice(0, 5).every((group) => group === 0) && g[5] === 0xffff) || (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((group) => group === 0));
  if (mapped) return linkLocalIpv4.check(ipv4Of(g[6]!, g[7]!), 'ipv4');
  return linkLocalIpv6.check(g.map((group) => group.toString(16)).join(':'), 'ipv6');
}

export function isAlwaysRefusedHostname(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return isIP(bare) ? isLinkLocalOrMetadataAddress(bare) : METADATA_NAMES.test(bare);
}

export const linkLocalRefusal = (host: string) =>
  `points to a private network address that is link-local or cloud metadata (${host}): never allowed, whatever ALLOW_PRIVATE_NETWORK_URLS says`;

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
  if (isAlwaysRefusedHostname(url.hostname)) return linkLocalRefusal(url.hostname);
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
