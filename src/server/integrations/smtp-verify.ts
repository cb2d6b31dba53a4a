import { resolveMailServer } from './mail-server-guard.js';
import { createSmtpTransport, describeSmtpError, type SmtpSettings } from './smtp.js';

export type SmtpLoginResult = { ok: true } | { ok: false; error: string };

/**
 * Connects, negotiates TLS as configured and logs in, then quits: what saving a mailbox checks,
 * without sending anything. Never throws; the error is the same sentence as a failed send.
 */
export async function verifySmtpLogin(settings: SmtpSettings, options: { timeoutMs?: number } = {}): Promise<SmtpLoginResult> {
  const target = await resolveMailServer(settings.host, settings.allowPrivate);
  if (!target.ok) return { ok: false, error: target.error };
  const transport = await createSmtpTransport(settings, target.endpoint, options);
  try {
    await transport.verify();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: describeSmtpError(error, settings) };
  } finally {
    transport.close();
  }
}
