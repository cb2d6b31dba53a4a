import type { ImapFlow } from 'imapflow';
import { resolveMailServer, type MailServerSettings } from './mail-server-guard.js';
import { socketReason, TLS_PROBLEM, tlsReason } from './network-errors.js';

/**
 * Talks IMAP through imapflow. `secure` = implicit TLS (port 993); otherwise STARTTLS is used when
 * the server offers it. The check connects, logs in and opens INBOX, then logs out.
 */
export type ImapSettings = MailServerSettings;

export type ImapCheckResult =
  | { ok: true; messages: number; uidValidity: string }
  | { ok: false; error: string };

export const IMAP_TIMEOUT_MS = 15_000;

type ImapError = Error & { code?: string; authenticationFailed?: boolean; response?: string; serverResponseCode?: string };

/** What went wrong, in words for the mailbox's page; the password masked wherever the server quoted it back. */
export function describeImapError(cause: unknown, settings: Pick<ImapSettings, 'host' | 'port'> & { password?: string | null }): string {
  const described = describeWithoutMasking(cause, settings);
  return settings.password ? described.split(settings.password).join('•••') : described;
}

function describeWithoutMasking(cause: unknown, settings: Pick<ImapSettings, 'host' | 'port'>): string {
  const error = (cause instanceof Error ? cause : new Error(String(cause))) as ImapError;
  const where = `${settings.host}:${settings.port}`;
  const message = error.message ?? '';
  if (error.authenticationFailed) {
    // The server's text without the tag and response code ("2 NO [AUTHENTICATIONFAILED] Authentication failed.").
    const text = typeof error.response === 'string' ? error.response.replace(/^\S+\s+NO\s+(\[[^\]]*\]\s*)?/i, '').trim() : '';
    const detail = text ? `: ${text.slice(0, 200)}` : '';
    return `Authentication failed${error.serverResponseCode ? ` (${error.serverResponseCode})` : ''}${detail}`;
  }
  const code = error.code ?? '';
  if (/TIMEOUT/.test(code)) return `Timed out talking to ${where}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Could not find the host ${settings.host} (DNS)`;
  if (TLS_PROBLEM.test(`${message} ${code}`)) return `TLS handshake failed with ${where} (${tlsReason(message)})`;
  if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'NoConnection', 'EConnectionClosed', 'ClosedAfterConnectText', 'ClosedAfterConnectTLS'].includes(code)) {
    return `Could not connect to ${where} (${socketReason(code) ?? 'connection closed'})`;
  }
  if (code === 'NotFound' || /nonexistent|doesn't exist|not found/i.test(message)) return 'The INBOX folder could not be opened';
  return message || 'IMAP error';
}

/** Tuning of one connection; the defaults suit a short check or poll. */
export type ImapClientOptions = {
  timeoutMs?: number;
  /** Inactivity allowed on an open connection (a long fetch, an IDLE between keepalives). */
  socketTimeoutMs?: number;
  /** IDLE is restarted after this long, so no server or middlebox drops a connection it thinks is dead (RFC 2177: under 29 min). */
  maxIdleTimeMs?: number;
};

export type ImapClientResult = { ok: true; client: ImapFlow } | { ok: false; error: string };

/**
 * The one place an imapflow client is built: the host goes through the private-network guard,
 * and STARTTLS is required unless a plain connection was chosen. Not connected yet; a listener
 * already swallows late socket errors (without one they would crash the process), the caller
 * sees failures through its commands and the `close` event. Never throws.
 */
export async function createImapClient(settings: ImapSettings, options: ImapClientOptions = {}): Promise<ImapClientResult> {
  const timeout = options.timeoutMs ?? IMAP_TIMEOUT_MS;
  const target = await resolveMailServer(settings.host, settings.allowPrivate);
  if (!target.ok) return { ok: false, error: target.error };
  // Loaded on first use: only mailbox checks and the reply readers need it, and it is slow to import.
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: target.endpoint.host,
    servername: target.endpoint.servername,
    port: settings.port,
    secure: settings.secure,
    // Required STARTTLS unless a plain connection was chosen: a stripped capability must not mean a plain-text login.
    ...(settings.secure ? {} : { doSTARTTLS: !settings.plaintext }),
    auth: { user: settings.user, pass: settings.password ?? '' },
    logger: false,
    // IDLE is started by whoever wants it (the reply watcher), never behind a check's or poll's back.
    disableAutoIdle: true,
    ...(options.maxIdleTimeMs ? { maxIdleTime: options.maxIdleTimeMs } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: options.socketTimeoutMs ?? timeout,
  });
  client.on('error', () => {});
  return { ok: true, client };
}

/** Connect, log in, open INBOX: the message count and UIDVALIDITY prove it works. Never throws. */
export async function checkImapInbox(settings: ImapSettings, options: { timeoutMs?: number } = {}): Promise<ImapCheckResult> {
  const created = await createImapClient(settings, options);
  if (!created.ok) return created;
  const { client } = created;
  try {
    await client.connect();
    const mailbox = await client.mailboxOpen('INBOX', { readOnly: true });
    return { ok: true, messages: mailbox.exists, uidValidity: String(mailbox.uidValidity) };
  } catch (error) {
    return { ok: false, error: describeImapError(error, settings) };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

export type ImapFolderState = { uidValidity: string; uidNext: number | null };
export type ImapFetchedMessage = { uid: number; internalDate: Date | null; source: Buffer };
export type ImapReadResult = { ok: true; state: ImapFolderState; messages: ImapFetchedMessage[] } | { ok: false; error: string };

/**
 * Opens `folder` read-only, asks `planRange` which UID range to fetch given the folder's
 * UIDVALIDITY and UIDNEXT (null: nothing), and fetches those messages' source and INTERNALDATE.
 * Messages are collected before anything else runs (no IMAP command may run inside a fetch), at
 * most `maxMessages` of them; the caller's cursor decides what counts as new. Never throws.
 */
export async function readImapFolder(
  settings: ImapSettings,
  folder: string,
  planRange: (state: ImapFolderState) => string | null,
  options: { timeoutMs?: number; maxMessages?: number } = {},
): Promise<ImapReadResult> {
  const timeout = options.timeoutMs ?? IMAP_TIMEOUT_MS;
  const created = await createImapClient(settings, { timeoutMs: timeout, socketTimeoutMs: timeout * 4 });
  if (!created.ok) return created;
  const { client } = created;
  try {
    await client.connect();
    const mailbox = await client.mailboxOpen(folder, { readOnly: true });
    const state = { uidValidity: String(mailbox.uidValidity), uidNext: typeof mailbox.uidNext === 'number' ? mailbox.uidNext : null };
    const range = planRange(state);
    const messages: ImapFetchedMessage[] = [];
    if (range) {
      for await (const item of client.fetch(range, { uid: true, source: true, internalDate: true }, { uid: true })) {
        if (!item.source) continue;
        const date = item.internalDate ? new Date(item.internalDate) : null;
        messages.push({ uid: item.uid, internalDate: date && !Number.isNaN(date.getTime()) ? date : null, source: item.source });
        if (messages.length >= (options.maxMessages ?? 500)) break;
      }
    }
    return { ok: true, state, messages };
  } catch (error) {
    return { ok: false, error: describeImapError(error, settings) };
  } finally {
    await client.logout().catch(() => client.close());
  }
}
