import { loadNodemailer, SMTP_TIMEOUT_MS } from './smtp.js';

/**
 * The app's own mail (password-reset links) through the operator's SMTP server from `SMTP_URL`
 * (`smtp://user:pass@host:587` upgrades with STARTTLS when offered, `smtps://` is implicit TLS).
 * The operator chose this server, so no private-network guard applies, unlike workspace mailboxes.
 */
export type SystemMail = { to: string; subject: string; text: string };

export async function sendSystemMail(settings: { smtpUrl: string; from: string }, mail: SystemMail): Promise<void> {
  const url = new URL(settings.smtpUrl);
  const secure = url.protocol === 'smtps:';
  const nodemailer = (await loadNodemailer()).default;
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    await transport.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text });
  } finally {
    transport.close();
  }
}
