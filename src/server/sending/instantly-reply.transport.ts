import type { Config } from '../config.js';
import { loadCredential, recordVerification } from '../credentials/credentials.service.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import { createInstantlyClient, type InstantlyReplyInput } from '../integrations/instantly.js';
import { AuthRejectedError, PermanentIntegrationError, RateLimitedError } from '../integrations/retryable-errors.js';
import type { Logger } from '../logger.js';

/**
 * The transport of an in-thread answer in a thread Instantly carries (the campaign sends through
 * Instantly): `POST /emails/reply` with the workspace's Instantly key. Email is irreversible, so
 * only an answer that proves the email did not leave may be tried again:
 *   2xx                         → accepted (Instantly's id and Message-ID of the email it sent)
 *   429                         → rate_limited: refused before sending, wait for Retry-After
 *   401 / 403, other 4xx, no key → refused: not sent, and will not be by retrying (a 401/403 is
 *                                  also written on the credential, where Settings shows it)
 *   5xx, timeout, lost connection → unknown: Instantly may have sent it; a person decides
 */
export type InstantlyReplyOutcome =
  | { kind: 'accepted'; emailId: string | null; messageId: string | null }
  | { kind: 'rate_limited'; retryAfterMs: number | null; error: string }
  | { kind: 'refused'; error: string }
  | { kind: 'unknown'; error: string };

export type InstantlyTransportDeps = {
  inWorkspace<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  config: Config;
  secretBox: SecretBox;
  logger: Logger;
};

const KEY_REFUSED = 'Instantly refused the API key while sending an answer: enter a valid key in Settings → API keys';

export async function sendThroughInstantly(deps: InstantlyTransportDeps, reply: InstantlyReplyInput, now: Date): Promise<InstantlyReplyOutcome> {
  let apiKey: string | null;
  try {
    apiKey = (await deps.inWorkspace((db) => loadCredential(db, deps.secretBox, 'instantly')))?.secrets.apiKey ?? null;
  } catch (error) {
    return { kind: 'refused', error: error instanceof Error ? error.message : String(error) };
  }
  if (!apiKey) return { kind: 'refused', error: 'No Instantly API key: add it in Settings → API keys' };
  const client = createInstantlyClient({ apiKey, baseUrl: deps.config.apiUrls.instantly, timeoutMs: deps.config.instantlyTimeoutMs });
  try {
    const sent = await client.replyToEmail(reply, now);
    return { kind: 'accepted', emailId: sent.id, messageId: sent.messageId };
  } catch (error) {
    if (error instanceof RateLimitedError) return { kind: 'rate_limited', retryAfterMs: error.retryAfterMs, error: error.message };
    if (error instanceof AuthRejectedError || (error instanceof PermanentIntegrationError && error.status === 403)) {
      await deps
        .inWorkspace((db) => recordVerification(db, deps.secretBox, 'instantly', { ok: false, error: `${KEY_REFUSED} (HTTP ${error.status ?? 401})`, at: now }))
        .catch((recordError: unknown) => deps.logger.warn({ err: recordError }, 'could not record the refused Instantly key'));
      return { kind: 'refused', error: `${KEY_REFUSED} (HTTP ${error.status ?? 401})` };
    }
    if (error instanceof PermanentIntegrationError) return { kind: 'refused', error: `Instantly refused the answer: ${error.message}` };
    // A timeout or a 5xx may come after Instantly took the email: never guess that it did not.
    return { kind: 'unknown', error: `Instantly's answer was lost, the email may have left: ${error instanceof Error ? error.message : String(error)}` };
  }
}
