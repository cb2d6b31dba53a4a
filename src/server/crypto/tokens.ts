import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Tokens of the form `<id>.<secret>` (sessions, invitations, API tokens), after Lucia's current
 * guide: the id is looked up, the secret is compared in constant time against its stored SHA-256,
 * so a timing difference on the lookup reveals nothing about the secret.
 */

// No 0/o/1/l: ids are readable when shown or typed.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** About 120 random bits by default (24 × 5 bits). */
export function generateTokenId(length = 24): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 31];
  return id;
}

export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(secret).digest());
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const candidate = hashSecret(secret);
  return candidate.byteLength === storedHash.byteLength && timingSafeEqual(candidate, storedHash);
}

export type ParsedToken = { id: string; secret: string };

export function parseToken(token: string, prefix = ''): ParsedToken | null {
  if (!token.startsWith(prefix)) return null;
  const parts = token.slice(prefix.length).split('.');
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  if (!/^[a-z2-9]{16,64}$/.test(id) || !/^[A-Za-z0-9_-]{20,128}$/.test(secret)) return null;
  return { id, secret };
}

export function createToken(prefix = ''): { id: string; secret: string; token: string; secretHash: Uint8Array } {
  const id = generateTokenId();
  const secret = generateSecret();
  return { id, secret, token: `${prefix}${id}.${secret}`, secretHash: hashSecret(secret) };
}
