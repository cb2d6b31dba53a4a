import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Config } from '../config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { createSmtpTransport, describeSmtpError, loadNodemailer } from '../integrations/smtp.js';
import { resolveMailServer } from '../integrations/mail-server-guard.js';
import { openStoredSecret } from '../mailboxes/stored-secrets.js';
import type { ComposedMail } from './compose.js';
import type { DkimSource } from './send-claim.js';

/**
 * Hands a composed message to a mailbox: nodemailer SMTP (pooled per mailbox for one tick; the
 * password is decrypted here, into memory only) or the sandbox (the same MIME is built, with its
 * DKIM signature, and kept in the database: nothing leaves). Never throws: every outcome is one of
 * the kinds below, which decide the message's next state.
 */

/** nodemailer's default list plus List-Unsubscribe-Post: RFC 8058 needs both of the pair signed. */
export const DKIM_SIGNED_HEADERS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:Content-ID:Content-Description:' +
  'Resent-Date:Resent-From:Resent-Sender:Resent-To:Resent-Cc:Resent-Message-ID:In-Reply-To:References:' +
  'List-Id:List-Help:List-Unsubscribe:List-Unsubscribe-Post:List-Subscribe:List-Post:List-Owner:List-Archive';

export type TransportOutcome =
  | { kind: 'accepted'; response: string; raw?: string }
  /** 5xx for this recipient or message: a hard bounce. */
  | { kind: 'hard_bounce'; code: number; error: string }
  /** 4xx: try later. */
  | { kind: 'soft_bounce'; code: number; error: string }
  /** Nothing was handed over (connection, TLS, DNS): safe to try again. */
  | { kind: 'not_sent'; error: string; mailboxProblem: boolean }
  /** The connection broke after the data may have been accepted: whether it left is not known. */
  | { kind: 'unknown'; error: string };

export type MailboxForTransport = {
  id: string;
  kind: 'smtp' | 'sandbox';
  smtpHost: string | null;
  smtpPort: number | null;
  smtpSecure: boolean | null;
  smtpPlaintext: boolean;
  smtpUser: string | null;
  smtpPasswordCiphertext: string | null;
};

export type MailboxTransport = { send(mail: ComposedMail, dkim: DkimSource | null): Promise<TransportOutcome>; close(): void };

type MailerError = Error & { code?: string; responseCode?: number; command?: string };

/** Which SMTP failures mean "not handed over": the connection or login failed before any message. */
const BEFORE_ANY_DATA = new Set(['ECONNECTION', 'EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'EPROTOCOL']);

export function classifySmtpError(error: unknown, where: { host: string; port: number }): TransportOutcome {
  const mailer = (error instanceof Error ? error : new Error(String(error))) as MailerError;
  const text = describeSmtpError(error, where);
  if (mailer.code === 'EAUTH' || mailer.code === 'ENOAUTH') return { kind: 'not_sent', error: text, mailboxProblem: true };
  if (mailer.responseCode && (mailer.code === 'EENVELOPE' || mailer.code === 'EMESSAGE')) {
    if (mailer.responseCode >= 500) return { kind: 'hard_bounce', code: mailer.responseCode, error: text };
    if (mailer.responseCode >= 400) return { kind: 'soft_bounce', code: mailer.responseCode, error: text };
  }
  if ((mailer.code && BEFORE_ANY_DATA.has(mailer.code)) || mailer.command === 'CONN') return { kind: 'not_sent', error: text, mailboxProblem: false };
  if (mailer.responseCode && mailer.responseCode >= 400 && mailer.responseCode < 500) return { kind: 'soft_bounce', code: mailer.responseCode, error: text };
  return { kind: 'unknown', error: text };
}

function mailOptions(mail: ComposedMail, dkim: DkimSource | null, secretBox: SecretBox): Mail.Options {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    messageId: mail.messageId,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references?.length ? { references: mail.references } : {}),
    headers: mail.headers,
    text: mail.text,
    ...(mail.html !== null ? { html: mail.html } : {}),
    disableFileAccess: true,
    disableUrlAccess: true,
    ...(dkim
      ? { dkim: { domainName: dkim.domain, keySelector: dkim.selector, privateKey: openStoredSecret(secretBox, dkim.privateKeyCiphertext, 'DKIM private key'), headerFieldNames: DKIM_SIGNED_HEADERS } }
      : {}),
  };
}

/** The sandbox: builds the exact MIME (DKIM included) and returns it to be stored. */
async function sandboxTransport(secretBox: SecretBox): Promise<MailboxTransport> {
  const builder = (await loadNodemailer()).default.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(mail, dkim) {
      const info = await builder.sendMail(mailOptions(mail, dkim, secretBox));
      // With `buffer: true` the stream transport hands back the whole message as a Buffer.
      const raw = Buffer.isBuffer(info.message) ? info.message.toString('utf8') : '';
      return { kind: 'accepted', response: '250 stored in the sandbox outbox', raw };
    },
    close() {},
  };
}

export async function openMailboxTransport(mailbox: MailboxForTransport, config: Config, secretBox: SecretBox): Promise<MailboxTransport> {
  if (mailbox.kind === 'sandbox') return sandboxTransport(secretBox);
  const host = mailbox.smtpHost ?? '';
  const port = mailbox.smtpPort ?? 587;
  const failing = (error: string): MailboxTransport => ({ send: () => Promise.resolve({ kind: 'not_sent', error, mailboxProblem: true }), close() {} });
  if (!host) return failing('The mailbox has no SMTP server');
  const settings = {
    host,
    port,
    secure: mailbox.smtpSecure ?? false,
    plaintext: mailbox.smtpPlaintext,
    user: mailbox.smtpUser ?? '',
    password: mailbox.smtpPasswordCiphertext ? openStoredSecret(secretBox, mailbox.smtpPasswordCiphertext, 'SMTP password') : null,
    allowPrivate: config.allowPrivateNetworkUrls,
  };
  const target = await resolveMailServer(host, settings.allowPrivate);
  if (!target.ok) return failing(target.error);
  const transport = await createSmtpTransport(settings, target.endpoint, { pool: true });
  return {
    async send(mail, dkim) {
      try {
        const info = await transport.sendMail(mailOptions(mail, dkim, secretBox));
        return { kind: 'accepted', response: info.response };
      } catch (error) {
        return classifySmtpError(error, { host, port });
      }
    },
    close: () => transport.close(),
  };
}
