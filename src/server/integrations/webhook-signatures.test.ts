import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CALENDLY_TOLERANCE_MS,
  signCalcom,
  signCalendly,
  signInboundEmail,
  verifyCalcomSignature,
  verifyCalendlySignature,
  verifyInboundEmailSignature,
  verifyInstantlySecret,
} from './webhook-signatures.js';

const secret = 'whsec_workspace_secret_0001';
const rawBody = '{"from":"bob@prospect.example","text":"Interested","subject":"Re: hi — ça va"}';
// Computed independently of the module, as the sender would.
const hmac = (key: string, data: string) => createHmac('sha256', key).update(data).digest('hex');

describe('generic inbound webhook: X-Signature: sha256=<hex>', () => {
  it('accepts the HMAC of the raw body, as a string or the received bytes, in any hex case', () => {
    const header = `sha256=${hmac(secret, rawBody)}`;
    expect(signInboundEmail(secret, rawBody)).toBe(header);
    expect(verifyInboundEmailSignature({ rawBody, header, secret })).toEqual({ ok: true });
    expect(verifyInboundEmailSignature({ rawBody: Buffer.from(rawBody), header: header.toUpperCase().replace('SHA256=', 'sha256='), secret })).toEqual({ ok: true });
  });

  it('refuses a missing, malformed or mismatched signature, and everything when no secret is set', () => {
    const good = signInboundEmail(secret, rawBody);
    expect(verifyInboundEmailSignature({ rawBody, header: undefined, secret })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyInboundEmailSignature({ rawBody, header: '  ', secret })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyInboundEmailSignature({ rawBody, header: hmac(secret, rawBody), secret })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyInboundEmailSignature({ rawBody, header: 'sha256=abc', secret })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyInboundEmailSignature({ rawBody, header: [good, good], secret })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyInboundEmailSignature({ rawBody: `${rawBody} `, header: good, secret })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyInboundEmailSignature({ rawBody, header: good, secret: 'another-secret' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyInboundEmailSignature({ rawBody, header: good, secret: '' })).toEqual({ ok: false, reason: 'not_configured' });
    expect(verifyInboundEmailSignature({ rawBody, header: good, secret: null })).toEqual({ ok: false, reason: 'not_configured' });
  });
});

describe('Cal.com: X-Cal-Signature-256', () => {
  it('accepts the bare hex HMAC of the raw body', () => {
    expect(signCalcom(secret, rawBody)).toBe(hmac(secret, rawBody));
    expect(verifyCalcomSignature({ rawBody, header: hmac(secret, rawBody), secret })).toEqual({ ok: true });
  });

  it('refuses "no-secret-provided" explicitly, and bad, missing or prefixed signatures', () => {
    expect(verifyCalcomSignature({ rawBody, header: 'no-secret-provided', secret })).toEqual({ ok: false, reason: 'no_secret_provided' });
    expect(verifyCalcomSignature({ rawBody, header: undefined, secret })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyCalcomSignature({ rawBody, header: `sha256=${hmac(secret, rawBody)}`, secret })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyCalcomSignature({ rawBody, header: hmac('wrong', rawBody), secret })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyCalcomSignature({ rawBody: rawBody.replace('Interested', 'Interested!'), header: hmac(secret, rawBody), secret })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyCalcomSignature({ rawBody, header: hmac(secret, rawBody), secret: ' ' })).toEqual({ ok: false, reason: 'not_configured' });
  });
});

describe('Calendly: Calendly-Webhook-Signature t=…,v1=…', () => {
  const now = new Date('2025-01-14T10:00:00Z');
  const t = Math.floor(now.getTime() / 1000);
  const header = `t=${t},v1=${hmac(secret, `${t}.${rawBody}`)}`;

  it('accepts a fresh signature over "t.rawBody"', () => {
    expect(signCalendly(secret, rawBody, now)).toBe(header);
    expect(verifyCalendlySignature({ rawBody, header, signingKey: secret, now })).toEqual({ ok: true });
    const later = new Date(now.getTime() + CALENDLY_TOLERANCE_MS - 1000);
    expect(verifyCalendlySignature({ rawBody, header, signingKey: secret, now: later })).toEqual({ ok: true });
  });

  it('refuses a replay beyond 3 minutes, and a timestamp from the future', () => {
    const late = new Date(now.getTime() + CALENDLY_TOLERANCE_MS + 1000);
    expect(verifyCalendlySignature({ rawBody, header, signingKey: secret, now: late })).toEqual({ ok: false, reason: 'stale' });
    const early = new Date(now.getTime() - CALENDLY_TOLERANCE_MS - 1000);
    expect(verifyCalendlySignature({ rawBody, header, signingKey: secret, now: early })).toEqual({ ok: false, reason: 'stale' });
  });

  it('binds the timestamp: moving t breaks the signature', () => {
    const moved = header.replace(`t=${t}`, `t=${t + 60}`);
    expect(verifyCalendlySignature({ rawBody, header: moved, signingKey: secret, now })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('accepts one matching v1 among several (key rotation)', () => {
    const rotated = `t=${t},v1=${hmac('old-key', `${t}.${rawBody}`)},v1=${hmac(secret, `${t}.${rawBody}`)}`;
    expect(verifyCalendlySignature({ rawBody, header: rotated, signingKey: secret, now })).toEqual({ ok: true });
  });

  it('refuses missing, malformed and mismatched headers without throwing', () => {
    expect(verifyCalendlySignature({ rawBody, header: undefined, signingKey: secret, now })).toEqual({ ok: false, reason: 'missing' });
    for (const malformed of [`v1=${hmac(secret, rawBody)}`, `t=${t}`, `t=abc,v1=${hmac(secret, rawBody)}`, `t=${t},v1=zz`, 'garbage', '=,=,']) {
      expect(verifyCalendlySignature({ rawBody, header: malformed, signingKey: secret, now })).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(verifyCalendlySignature({ rawBody, header: `t=${t},v1=${hmac(secret, rawBody)}`, signingKey: secret, now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyCalendlySignature({ rawBody, header, signingKey: undefined, now })).toEqual({ ok: false, reason: 'not_configured' });
  });
});

describe('Instantly: per-workspace secret in a header or the URL', () => {
  it('accepts the exact secret and refuses anything else, whatever its length', () => {
    expect(verifyInstantlySecret({ provided: secret, secret })).toEqual({ ok: true });
    expect(verifyInstantlySecret({ provided: ` ${secret} `, secret })).toEqual({ ok: true });
    expect(verifyInstantlySecret({ provided: `${secret}x`, secret })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyInstantlySecret({ provided: secret.slice(0, -1), secret })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyInstantlySecret({ provided: 'x'.repeat(10_000), secret })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyInstantlySecret({ provided: undefined, secret })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyInstantlySecret({ provided: [secret, secret], secret })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyInstantlySecret({ provided: secret, secret: '' })).toEqual({ ok: false, reason: 'not_configured' });
  });
});
