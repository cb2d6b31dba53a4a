import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isAlwaysRefusedHostname, isLinkLocalOrMetadataAddress, isPrivateAddress, isPrivateHostname, linkLocalRefusal, PRIVATE_URL_HINT } from './url-guard.js';

/**
 * The SSRF guard for the SMTP and IMAP servers an admin types in. Whoever signs up is the admin of
 * a workspace, and "Send test email" or "Check IMAP" would otherwise let them probe this server's
 * own network (which hosts and ports answer, and with what banner). Unless private networks are
 * allowed (ALLOW_PRIVATE_NETWORK_URLS), the host name is resolved here, every address is checked,
 * and the client connects to that very address, the name kept for TLS (SNI and the certificate
 * check): a DNS answer that changes between the check and the connection cannot slip through.
 */
export type MailServerEndpoint = { host: string; servername?: string };

/**
 * An SMTP or IMAP server as a mailbox stores it. `secure` = implicit TLS (465/993); otherwise
 * STARTTLS is required (no login in plain text) unless `plaintext` was chosen on purpose.
 */
export type MailServerSettings = {
  host: string;
  port: number;
  secure: boolean;
  /** With `secure` false: an unencrypted connection, chosen explicitly (a local relay). */
  plaintext: boolean;
  user: string;
  password: string | null;
  /** Whether the host may be on a private network (ALLOW_PRIVATE_NETWORK_URLS). */
  allowPrivate: boolean;
};

export type MailServerResolution = { ok: true; endpoint: MailServerEndpoint } | { ok: false; error: string };

const refused = (host: string): MailServerResolution => ({ ok: false, error: `${host} is on a private network: refused (${PRIVATE_URL_HINT})` });

/** Why `host` may not be used as a mail server, or null (the static part, for saving settings). */
export function mailServerHostProblem(host: string, allowPrivate: boolean): string | null {
  if (isAlwaysRefusedHostname(host)) return linkLocalRefusal(host);
  return !allowPrivate && isPrivateHostname(host) ? `points to a private network address (${host}): ${PRIVATE_URL_HINT}` : null;
}

export async function resolveMailServer(host: string, allowPrivate: boolean): Promise<MailServerResolution> {
  if (isAlwaysRefusedHostname(host)) return { ok: false, error: `Refused: ${host} ${linkLocalRefusal(host)}` };
  if (allowPrivate) {
    // Private networks allowed: still never a name that resolves into link-local space.
    if (isIP(host)) return { ok: true, endpoint: { host } };
    const addresses = await lookup(host, { all: true }).catch(() => []);
    if (addresses.some((entry) => isLinkLocalOrMetadataAddress(entry.address))) return { ok: false, error: `Refused: ${host} ${linkLocalRefusal(host)}` };
    return { ok: true, endpoint: { host } };
  }
  if (isPrivateHostname(host)) return refused(host);
  if (isIP(host)) return { ok: true, endpoint: { host } };
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true });
  } catch {
    return { ok: false, error: `Could not find the host ${host} (DNS)` };
  }
  const [first] = addresses;
  if (!first) return { ok: false, error: `Could not find the host ${host} (DNS)` };
  if (addresses.some((entry) => isPrivateAddress(entry.address))) return refused(host);
  return { ok: true, endpoint: { host: first.address, servername: host } };
}
