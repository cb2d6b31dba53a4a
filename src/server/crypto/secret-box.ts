import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';

/**
 * AES-256-GCM for secrets at rest (API keys, mailbox passwords, DKIM keys). Each value gets a
 * random 96-bit nonce; the 128-bit tag makes any tampering fail to decrypt. The ciphertext names
 * the key that sealed it (`v1.<keyId>.<nonce>.<ciphertext+tag>`), so keys can be rotated:
 * decrypt with whichever key is named, encrypt with the current one.
 */
export type SealedSecret = { ciphertext: string; keyId: string };

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new SecretBoxError('An encryption key must be 32 bytes (64 hex characters or base64)');
  return key;
}

export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(currentKey: Buffer, previousKeys: Buffer[] = []) {
    this.currentKeyId = keyIdOf(currentKey);
    this.keys.set(this.currentKeyId, currentKey);
    for (const key of previousKeys) this.keys.set(keyIdOf(key), key);
  }

  seal(plaintext: string): SealedSecret {
    const key = this.keys.get(this.currentKeyId)!;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return {
      ciphertext: `v1.${this.currentKeyId}.${nonce.toString('base64url')}.${body.toString('base64url')}`,
      keyId: this.currentKeyId,
    };
  }

  open(ciphertext: string): string {
    const parts = ciphertext.split('.');
    if (parts.length !== 4 || parts[0] !== 'v1') throw new SecretBoxError('Unrecognised ciphertext format');
    const [, keyId, nonceText, bodyText] = parts as [string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) throw new SecretBoxError(`No encryption key with id ${keyId} is configured`);
    const nonce = Buffer.from(nonceText, 'base64url');
    const body = Buffer.from(bodyText, 'base64url');
    if (nonce.length !== 12 || body.length < 16) throw new SecretBoxError('Ciphertext is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, nonce);
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('Ciphertext failed authentication (tampered, or sealed with another key)');
    }
  }

  /** Ids of every key this box can open with (current first). */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /**
   * True when the value was not sealed by the current key and should be re-encrypted. The same
   * prefix test as key rotation's SQL (`not like 'v1.<keyId>.%'`): were they to disagree on some
   * value, rotation would select that row again and again.
   */
  isStale(ciphertext: string): boolean {
    return !ciphertext.startsWith(`v1.${this.currentKeyId}.`);
  }
}

export const KEY_FILE_NAME = 'encryption.key';
/**
 * Written by `npm run rotate-key` (key-file mode) while it re-seals values: the old key stays
 * readable here until every value names the new one, then the file is deleted.
 */
export const PREVIOUS_KEY_FILE_NAME = 'encryption.previous.key';

/** The keys in a key file, one per line; none when the file does not exist. */
export function readKeyFile(file: string): Buffer[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map(parseKey);
}

/** Writes keys to a file readable only by its owner, atomically (temp file + rename). */
export function writeKeyFile(file: string, keys: Buffer[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, keys.map((key) => `${key.toString('hex')}\n`).join(''), { mode: 0o600 });
  // `mode` applies only when the file is created: a temp file left by a crash keeps its own.
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/**
 * The key from ENCRYPTION_KEY, or else from `<DATA_DIR>/encryption.key`, generated on first start
 * (and said so in the log: production should set ENCRYPTION_KEY and keep it safe). Older keys
 * that may still have sealed values: ENCRYPTION_PREVIOUS_KEYS, an unfinished rotation's
 * `encryption.previous.key`, and, when ENCRYPTION_KEY is set, a key file left from before.
 */
export function loadSecretBox(options: { encryptionKey?: string; previousKeys?: string[]; dataDir: string; logger: Logger }): SecretBox {
  const previous = (options.previousKeys ?? []).map(parseKey);
  previous.push(...readKeyFile(path.join(options.dataDir, PREVIOUS_KEY_FILE_NAME)));
  const file = path.join(options.dataDir, KEY_FILE_NAME);
  if (options.encryptionKey) {
    const current = parseKey(options.encryptionKey);
    const leftOver = readKeyFile(file).filter((key) => !key.equals(current));
    if (leftOver.length > 0) {
      // Moving from a generated key to ENCRYPTION_KEY must not make stored secrets unreadable.
      options.logger.warn(
        { file },
        'ENCRYPTION_KEY is set and a generated key file is still in the data folder: it is used to read older values. Run `npm run rotate-key`, then delete the file.',
      );
      previous.push(...leftOver);
    }
    return new SecretBox(current, previous);
  }
  if (!existsSync(file)) {
    writeKeyFile(file, [randomBytes(32)]);
    options.logger.warn(
      { file },
      'ENCRYPTION_KEY is not set: generated a new encryption key in the data folder. In production set ENCRYPTION_KEY and keep a copy: without it stored secrets cannot be read.',
    );
  }
  const [current] = readKeyFile(file);
  if (!current) throw new SecretBoxError(`The key file ${file} holds no key`);
  return new SecretBox(current, previous);
}
