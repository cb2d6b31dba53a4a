import type * as Nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { resolveMailServer, type MailServerEndpoint, type MailServerSettings } from './mail-server-guard.js';
import { socketReason, TLS_PROBLEM, tlsReason } from './network-errors.js';

/**
 * Talks SMTP through nodemailer. `secure` = implicit TLS from the first byte (port 465); otherwise
 * STARTTLS is required (a server not offering it is refused before any password is sent), unless
 * the mailbox chose a plain connection on purpose (`plaintext`, a local relay). Errors come back as
 * one sentence a user can act on ("Authentication failed (535)", "Could not connect to h:587").
 */
export type SmtpSettings = MailServerSettings;

export type DkimSigning = { domainName: string; keySelector: string; privateKey: string };

export type OutgoingMail = {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
  dkim?: DkimSigning;
};

export type SmtpSendResult = { ok: true; messageId: string; response: string } | { ok: false; error: string };

export const SMTP_TIMEOUT_MS = 15_000;

let nodemailerModule: Promise<typeof Nodemailer> | undefined;
/** nodemailer, imported the first time a message is sent or a login checked (not at start-up). */
export async function loadNodemailer(): Promise<typeof Nodemailer> {
  nodemailerModule ??= import('nodemailer');
  return nodemailerModule;
}

/** A nodemailer transport to `endpoint`: the address `resolveMailServer` checked for `settings.host`. */
export async function createSmtpTransport(settings: SmtpSettings, endpoint: MailServerEndpoint, options: { timeoutMs?: number; pool?: boolean } = {}) {
  const timeout = options.timeoutMs ?? SMTP_TIMEOUT_MS;
  const transport: SMTPTransport.Options = {
    host: endpoint.host,
    port: settings.port,
    secure: settings.secure,
    // A server that "does not offer" STARTTLS may be an attacker stripping it: no login then.
    requireTLS: !settings.secure && !settings.plaintext,
    ignoreTLS: !settings.secure && settings.plaintext,
    ...(endpoint.servername ? { tls: { servername: endpoint.servername } } : {}),
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  };
  const nodemailer = (await loadNodemailer()).default;
  return nodemailer.createTransport(options.pool ? { ...transport, pool: true } : transport);
}

type MailerError = Error & { code?: string; responseCode?: number; response?: string; command?: string };

/** One sentence that names what failed: connection, TLS, authentication or the server's refusal. */
export function describeSmtpError(cause: unknown, settings: Pick<SmtpSettings, 'host' | 'port'>): string {
  const error = (cause instanceof Error ? cause : new Error(String(cause))) as MailerError;
  const where = `${settings.host}:${settings.port}`;
  const message = error.message ?? '';
  // The server's reply without its leading status code ("535 Invalid username or password").
  const replyText = (error.response ?? '').replace(/^\d{3}[ -](\d\.\d\.\d+\s+)?/, '').trim();
  const reply = replyText ? `: ${replyText.slice(0, 200)}` : '';
  const tlsProblem = TLS_PROBLEM.test(message);
  switch (error.code) {
    case 'EAUTH':
      return `Authentication failed${error.responseCode ? ` (${error.responseCode})` : ''}${reply}`;
    case 'ENOAUTH':
      return 'Authentication failed: the server asks for a user name and password';
    case 'EDNS':
      return `Could not find the host ${settings.host} (DNS)`;
    case 'ETLS':
      return `TLS handshake failed with ${where} (${tlsReason(message)})`;
    case 'ETIMEDOUT':
      return `Timed out talking to ${where}`;
    case 'EENVELOPE':
      return `The server refused the recipient or sender${error.responseCode ? ` (${error.responseCode})` : ''}${reply}`;
    case 'EMESSAGE':
      return `The server refused the message${error.responseCode ? ` (${error.responseCode})` : ''}${reply}`;
    default:
      break;
  }
  if (tlsProblem) return `TLS handshake failed with ${where} (${tlsReason(message)})`;
  if (/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ECONNRESET|ENOTFOUND|EAI_AGAIN/.test(message) || error.code === 'ECONNECTION' || error.code === 'ESOCKET') {
    const reason = socketReason(message) ?? message.replace(/^connect /, '');
    return `Could not connect to ${where}${reason ? ` (${reason})` : ''}`;
  }
  if (/timeout|timed out/i.test(message)) return `Timed out talking to ${where}`;
  return `${message || 'SMTP error'}${error.responseCode ? ` (${error.responseCode})` : ''}`;
}

/** Connects, authenticates and sends one message; never throws. */
export async function sendOneMessage(settings: SmtpSettings, mail: OutgoingMail, options: { timeoutMs?: number } = {}): Promise<SmtpSendResult> {
  const target = await resolveMailServer(settings.host, settings.allowPrivate);
  if (!target.ok) return { ok: false, error: target.error };
  const transport = await createSmtpTransport(settings, target.endpoint, options);
  try {
    const info = await transport.sendMail({
      from: { name: mail.from.name, address: mail.from.address },
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: mail.headers,
      ...(mail.dkim ? { dkim: mail.dkim } : {}),
    });
    return { ok: true, messageId: info.messageId, response: info.response };
  } catch (error) {
    return { ok: false, error: describeSmtpError(error, settings) };
  } finally {
    transport.close();
  }
}
