import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verification of the four inbound webhooks. One module because the four schemes share their
 * primitives (HMAC over the exact raw bytes, constant-time comparison, one result type) and the
 * routes that call them live in two engines (replies: generic + Instantly; meetings: Cal.com +
 * Calendly). Each check answers a typed result and never throws on what the sender controls.
 *
 * Always verify the raw body as received, before JSON.parse: re-serialising changes the bytes.
 */
export type SignatureFailure =
  /** We hold no secret for this webhook: refuse everything rather than accept everything. */
  | 'not_configured'
  | 'missing'
  | 'malformed'
  /** Cal.com's placeholder when the webhook was created without a secret. */
  | 'no_secret_provided'
  | 'mismatch'
  /** Calendly timestamp outside the tolerance: a replay, or a badly wrong clock. */
  | 'stale';

export type SignatureCheck = { ok: true } | { ok: false; reason: SignatureFailure };

/** Node's `req.headers[name]`: a repeated header arrives as an array and is refused as malformed. */
export type HeaderValue = string | readonly string[] | undefined | null;
export type RawBody = Buffer | string;

export const CALENDLY_TOLERANCE_MS = 3 * 60 * 1000;
export const CALCOM_NO_SECRET = 'no-secret-provided';
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

function single(header: HeaderValue): { ok: true; value: string } | { ok: false; reason: 'missing' | 'malformed' } {
  if (header === undefined || header === null) return { ok: false, reason: 'missing' };
  if (typeof header !== 'string') return header.length === 0 ? { ok: false, reason: 'missing' } : { ok: false, reason: 'malformed' };
  const value = header.trim();
  return value === '' ? { ok: false, reason: 'missing' } : { ok: true, value };
}

function hmacSha256(secret: string, ...parts: RawBody[]): Buffer {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest();
}

/** Constant-time equality of a hex signature with an expected digest; false on any length or format difference. */
function sameDigest(candidateHex: string, expected: Buffer): boolean {
  if (!HEX_SHA256.test(candidateHex)) return false;
  const candidate = Buffer.from(candidateHex, 'hex');
  return candidate.byteLength === expected.byteLength && timingSafeEqual(candidate, expected);
}

function noSecret(secret: string | null | undefined): boolean {
  return !secret || secret.trim() === '';
}

/** Generic inbound mail: `X-Signature: sha256=<hex HMAC-SHA256(secret, rawBody)>`. */
export function verifyInboundEmailSignature(input: { rawBody: RawBody; header: HeaderValue; secret: string | null | undefined }): SignatureCheck {
  if (noSecret(input.secret)) return { ok: false, reason: 'not_configured' };
  const header = single(input.header);
  if (!header.ok) return header;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.value);
  if (!match?.[1]) return { ok: false, reason: 'malformed' };
  return sameDigest(match[1], hmacSha256(input.secret ?? '', input.rawBody)) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

export function signInboundEmail(secret: string, rawBody: RawBody): string {
  return `sha256=${hmacSha256(secret, rawBody).toString('hex')}`;
}

/** Cal.com: `X-Cal-Signature-256: <hex HMAC-SHA256(secret, rawBody)>`, no prefix. */
export function verifyCalcomSignature(input: { rawBody: RawBody; header: HeaderValue; secret: string | null | undefined }): SignatureCheck {
  if (noSecret(input.secret)) return { ok: false, reason: 'not_configured' };
  const header = single(input.header);
  if (!header.ok) return header;
  // Sent when the webhook has no secret in Cal.com: anyone could have posted this body.
  if (header.value === CALCOM_NO_SECRET) return { ok: false, reason: 'no_secret_provided' };
  if (!HEX_SHA256.test(header.value)) return { ok: false, reason: 'malformed' };
  return sameDigest(header.value, hmacSha256(input.secret ?? '', input.rawBody)) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

export function signCalcom(secret: string, rawBody: RawBody): string {
  return hmacSha256(secret, rawBody).toString('hex');
}

/**
 * Calendly: `Calendly-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(key, t + "." + rawBody)>`.
 * Several `v1` (during a key rotation) are accepted when one matches. The timestamp must be within
 * the tolerance either way: older is a replay, newer a forged or broken clock.
 */
export function verifyCalendlySignature(input: {
  rawBody: RawBody;
  header: HeaderValue;
  signingKey: string | null | undefined;
  now: Date;
  toleranceMs?: number;
}): SignatureCheck {
  if (noSecret(input.signingKey)) return { ok: false, reason: 'not_configured' };
  const header = single(input.header);
  if (!header.ok) return header;
  let timestamp: string | null = null;
  const signatures: string[] = [];
  for (const part of header.value.split(',')) {
    const [key, ...rest] = part.split('=');
    const value = rest.join('=').trim();
    if (key?.trim() === 't' && timestamp === null) timestamp = value;
    else if (key?.trim() === 'v1') signatures.push(value);
  }
  if (timestamp === null || !/^\d{1,12}$/.test(timestamp) || signatures.length === 0 || !signatures.every((value) => HEX_SHA256.test(value))) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = hmacSha256(input.signingKey ?? '', `${timestamp}.`, input.rawBody);
  if (!signatures.some((value) => sameDigest(value, expected))) return { ok: false, reason: 'mismatch' };
  // Checked after the HMAC so a stale answer is only given to someone who holds the key.
  const age = input.now.getTime() - Number(timestamp) * 1000;
  if (Math.abs(age) > (input.toleranceMs ?? CALENDLY_TOLERANCE_MS)) return { ok: false, reason: 'stale' };
  return { ok: true };
}

export function signCalendly(signingKey: string, rawBody: RawBody, now: Date): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${hmacSha256(signingKey, `${timestamp}.`, rawBody).toString('hex')}`;
}

/**
 * Instantly has no signature scheme: the webhook is created with our per-workspace secret in a
 * custom header (or the URL). Both sides are hashed first, so the comparison is constant-time
 * and leaks neither the secret's content nor its length.
 */
export function verifyInstantlySecret(input: { provided: HeaderValue; secret: string | null | undefined }): SignatureCheck {
  if (noSecret(input.secret)) return { ok: false, reason: 'not_configured' };
  const provided = single(input.provided);
  if (!provided.ok) return provided;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(provided.value), digest((input.secret ?? '').trim())) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
