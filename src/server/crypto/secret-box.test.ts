import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { TEST_TMP } from '../../../tests/helpers/test-db.js';
import { KEY_FILE_NAME, keyIdOf, loadSecretBox, PREVIOUS_KEY_FILE_NAME, SecretBox, SecretBoxError } from './secret-box.js';

const keyA = randomBytes(32);
const keyB = randomBytes(32);

/** Flips one bit of the byte at `index` of a base64url segment. */
function flip(segment: string, index: number): string {
  const bytes = Buffer.from(segment, 'base64url');
  bytes[index] = bytes[index]! ^ 0x01;
  return bytes.toString('base64url');
}

function capturingLogger() {
  const lines: { msg: string; level: number }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as { msg: string; level: number }) });
  return { logger, lines };
}

describe('SecretBox', () => {
  it('round-trips text, including unicode, with a fresh nonce each time', () => {
    const box = new SecretBox(keyA);
    const secret = 'sk-live-ÀÉÎ-🔑-1234';
    const first = box.seal(secret);
    const second = box.seal(secret);
    expect(box.open(first.ciphertext)).toBe(secret);
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(first.keyId).toBe(keyIdOf(keyA));
    expect(first.ciphertext.startsWith(`v1.${keyIdOf(keyA)}.`)).toBe(true);
    expect(first.ciphertext).not.toContain(secret);
  });

  it('rejects a ciphertext with a flipped bit in the nonce, the body or the tag', () => {
    const box = new SecretBox(keyA);
    const [version, keyId, nonce, body] = box.seal('a secret worth protecting').ciphertext.split('.') as [string, string, string, string];
    const bodyBytes = Buffer.from(body, 'base64url').length;
    const tampered = [
      [version, keyId, flip(nonce, 0), body],
      [version, keyId, nonce, flip(body, 0)],
      [version, keyId, nonce, flip(body, bodyBytes - 1)], // last byte: inside the 16-byte tag
    ];
    for (const parts of tampered) {
      expect(() => box.open(parts.join('.'))).toThrow(/failed authentication/);
    }
  });

  it('rejects a ciphertext naming another key id, an unknown key, or a malformed value', () => {
    const boxA = new SecretBox(keyA);
    const boxB = new SecretBox(keyB);
    const sealed = boxA.seal('secret');
    // Relabelled to a key the box has: the tag does not verify under that key.
    const relabelled = sealed.ciphertext.replace(`.${keyIdOf(keyA)}.`, `.${keyIdOf(keyB)}.`);
    expect(() => boxB.open(relabelled)).toThrow(/failed authentication/);
    expect(() => boxB.open(sealed.ciphertext)).toThrow(`No encryption key with id ${keyIdOf(keyA)} is configured`);
    expect(() => boxA.open('v2.x.y.z')).toThrow(SecretBoxError);
    expect(() => boxA.open(`v1.${keyIdOf(keyA)}.AAAA.AAAA`)).toThrow(/truncated/);
  });

  it('opens values sealed by a previous key, seals with the current one, and says which are stale', () => {
    const old = new SecretBox(keyA).seal('from before');
    const box = new SecretBox(keyB, [keyA]);
    expect(box.open(old.ciphertext)).toBe('from before');
    expect(box.isStale(old.ciphertext)).toBe(true);
    const fresh = box.seal('now');
    expect(fresh.keyId).toBe(keyIdOf(keyB));
    expect(box.isStale(fresh.ciphertext)).toBe(false);
    expect(box.keyIds).toEqual([keyIdOf(keyB), keyIdOf(keyA)]);
  });
});

describe('loadSecretBox', () => {
  const dataDir = () => mkdtempSync(path.join(TEST_TMP, 'keys-'));

  it('generates a key file (owner-only) on first start, says so in the log, and reuses it next time', () => {
    const dir = dataDir();
    const { logger, lines } = capturingLogger();
    const first = loadSecretBox({ dataDir: dir, logger });
    const file = path.join(dir, KEY_FILE_NAME);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(lines.some((line) => line.level === 40 && /generated a new encryption key/.test(line.msg))).toBe(true);
    const sealed = first.seal('kept across restarts');
    const { logger: quiet, lines: none } = capturingLogger();
    const second = loadSecretBox({ dataDir: dir, logger: quiet });
    expect(second.open(sealed.ciphertext)).toBe('kept across restarts');
    expect(none).toEqual([]);
  });

  it('uses ENCRYPTION_KEY (hex or base64) without writing a file, and reads ENCRYPTION_PREVIOUS_KEYS', () => {
    const dir = dataDir();
    const { logger } = capturingLogger();
    const old = new SecretBox(keyA).seal('old value');
    const box = loadSecretBox({ encryptionKey: keyB.toString('base64'), previousKeys: [keyA.toString('hex')], dataDir: dir, logger });
    expect(box.currentKeyId).toBe(keyIdOf(keyB));
    expect(box.open(old.ciphertext)).toBe('old value');
    expect(existsSync(path.join(dir, KEY_FILE_NAME))).toBe(false);
  });

  it('keeps values readable when moving from a generated key file to ENCRYPTION_KEY, with a warning', () => {
    const dir = dataDir();
    const { logger: quiet } = capturingLogger();
    const generated = loadSecretBox({ dataDir: dir, logger: quiet });
    const sealed = generated.seal('sealed by the generated key');
    const { logger, lines } = capturingLogger();
    const box = loadSecretBox({ encryptionKey: keyB.toString('hex'), dataDir: dir, logger });
    expect(box.currentKeyId).toBe(keyIdOf(keyB));
    expect(box.open(sealed.ciphertext)).toBe('sealed by the generated key');
    expect(lines.some((line) => /rotate-key/.test(line.msg))).toBe(true);
  });

  it('reads the previous key of an unfinished rotation', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, KEY_FILE_NAME), `${keyB.toString('hex')}\n`);
    writeFileSync(path.join(dir, PREVIOUS_KEY_FILE_NAME), `${keyA.toString('hex')}\n`);
    const { logger } = capturingLogger();
    const box = loadSecretBox({ dataDir: dir, logger });
    expect(box.currentKeyId).toBe(keyIdOf(keyB));
    expect(box.open(new SecretBox(keyA).seal('mid-rotation').ciphertext)).toBe('mid-rotation');
    expect(readFileSync(path.join(dir, KEY_FILE_NAME), 'utf8').trim()).toBe(keyB.toString('hex'));
  });

  it('refuses a malformed key', () => {
    const { logger } = capturingLogger();
    expect(() => loadSecretBox({ encryptionKey: 'abcd', dataDir: dataDir(), logger })).toThrow(/32 bytes/);
  });
});
