import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_TMP, type TestDatabase } from '../../../tests/helpers/test-db.js';
import { queryRows } from '../db/database.js';
import { apiCredentials, mailboxes, sendingDomains, users, webhookEndpoints } from '../db/schema/index.js';
import { provisionWorkspace } from '../workspaces/provision.js';
import { scanSealedValues } from './reseal.js';
import { rotateEncryptionKey } from './rotate-key.js';
import { KEY_FILE_NAME, keyIdOf, loadSecretBox, PREVIOUS_KEY_FILE_NAME, readKeyFile, SecretBox, writeKeyFile } from './secret-box.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

type SealedRow = { table: string; id: string; column: string; keyId: string | null; value: string };

/** Every sealed value in the database, read raw with system access. */
async function allSealed(): Promise<SealedRow[]> {
  return database.asSystem(async (db) => {
    const credentials = await queryRows<{ id: string; v: string; k: string | null }>(db, sql`select id::text, secret_ciphertext as v, key_id as k from api_credentials where secret_ciphertext is not null`);
    const boxes = await queryRows<{ id: string; s: string | null; i: string | null; k: string | null }>(
      db,
      sql`select id::text, smtp_password_ciphertext as s, imap_password_ciphertext as i, key_id as k from mailboxes where smtp_password_ciphertext is not null or imap_password_ciphertext is not null`,
    );
    const domains = await queryRows<{ id: string; v: string; k: string | null }>(db, sql`select id::text, dkim_private_key_ciphertext as v, dkim_key_id as k from sending_domains where dkim_private_key_ciphertext is not null`);
    const hooks = await queryRows<{ id: string; v: string; k: string | null }>(db, sql`select id::text, secret_ciphertext as v, key_id as k from webhook_endpoints`);
    return [
      ...credentials.map((r) => ({ table: 'api_credentials', id: r.id, column: 'secret_ciphertext', keyId: r.k, value: r.v })),
      ...boxes.flatMap((r) => [
        ...(r.s ? [{ table: 'mailboxes', id: r.id, column: 'smtp', keyId: r.k, value: r.s }] : []),
        ...(r.i ? [{ table: 'mailboxes', id: r.id, column: 'imap', keyId: r.k, value: r.i }] : []),
      ]),
      ...domains.map((r) => ({ table: 'sending_domains', id: r.id, column: 'dkim', keyId: r.k, value: r.v })),
      ...hooks.map((r) => ({ table: 'webhook_endpoints', id: r.id, column: 'secret_ciphertext', keyId: r.k, value: r.v })),
    ];
  });
}

/** Two workspaces, each with a credential, an SMTP mailbox (two passwords) and a DKIM key, sealed by `box`. */
async function seed(box: SecretBox): Promise<Map<string, string>> {
  const plaintexts = new Map<string, string>();
  for (const name of ['Alpha', 'Beta']) {
    const workspaceId = randomUUID();
    const tag = `${name}-${workspaceId.slice(0, 6)}`;
    const secret = (label: string) => {
      const value = `${label}-${tag}-${randomBytes(6).toString('hex')}`;
      const sealed = box.seal(value);
      plaintexts.set(sealed.ciphertext, value);
      return sealed;
    };
    await database.withWorkspace(workspaceId, async (db) => {
      const [user] = await db.insert(users).values({ email: `${tag}@example.com`, name, passwordHash: 'x' }).returning();
      await provisionWorkspace(db, { workspaceId, name, ownerUserId: user!.id, ownerName: name });
      const credential = secret(JSON.stringify({ apiKey: 'k' }));
      await db.insert(apiCredentials).values({ workspaceId, service: 'phantombuster', secretCiphertext: credential.ciphertext, keyId: credential.keyId, last4: '1234' });
      const smtp = secret('smtp-pass');
      const imap = secret('imap-pass');
      await db.insert(mailboxes).values({
        workspaceId,
        fromName: name,
        fromEmail: `sales@${tag.toLowerCase()}.example`,
        smtpHost: 'smtp.example',
        smtpPasswordCiphertext: smtp.ciphertext,
        imapHost: 'imap.example',
        imapPasswordCiphertext: imap.ciphertext,
        keyId: smtp.keyId,
      });
      const dkim = secret('-----BEGIN PRIVATE KEY-----');
      await db.insert(sendingDomains).values({ workspaceId, domain: `${tag.toLowerCase()}.example`, dkimSelector: 'sm1', dkimPrivateKeyCiphertext: dkim.ciphertext, dkimKeyId: dkim.keyId });
      const hook = secret('calcom-webhook-secret');
      await db.insert(webhookEndpoints).values({ workspaceId, provider: 'calcom', token: randomBytes(16).toString('hex'), secretCiphertext: hook.ciphertext, keyId: hook.keyId });
    });
  }
  return plaintexts;
}

/** Maps each current ciphertext back to its original plaintext through the rotation. */
async function expectAllSealedWith(box: SecretBox, before: Map<string, SealedRow & { plain: string }>) {
  const rows = await allSealed();
  expect(rows.length).toBe(before.size);
  for (const row of rows) {
    expect(row.value.startsWith(`v1.${box.currentKeyId}.`)).toBe(true);
    expect(row.keyId).toBe(box.currentKeyId);
    const original = before.get(`${row.table}/${row.id}/${row.column}`)!;
    expect(box.open(row.value)).toBe(original.plain);
  }
}

async function snapshot(box: SecretBox): Promise<Map<string, SealedRow & { plain: string }>> {
  const map = new Map<string, SealedRow & { plain: string }>();
  for (const row of await allSealed()) map.set(`${row.table}/${row.id}/${row.column}`, { ...row, plain: box.open(row.value) });
  return map;
}

async function clear() {
  await database.asSystem(async (db) => {
    await db.execute(sql`delete from workspaces`);
    await db.execute(sql`delete from users`);
  });
}

const hex = (key: Buffer) => key.toString('hex');
const silent = pino({ level: 'silent' });

describe('npm run rotate-key', () => {
  beforeEach(clear);

  it('with ENCRYPTION_KEY: re-seals every value of every workspace with the new key; the old key is then not needed', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const oldBox = new SecretBox(oldKey);
    await seed(oldBox);
    const before = await snapshot(oldBox);
    expect(before.size).toBe(10); // 2 × (credential + 2 passwords + webhook secret + DKIM)
    const lines: string[] = [];

    const result = await rotateEncryptionKey({
      database,
      dataDir: mkdtempSync(path.join(TEST_TMP, 'rotate-')),
      encryptionKey: hex(newKey),
      previousKeys: [hex(oldKey)],
      batchSize: 3,
      print: (line) => lines.push(line),
    });

    expect(result).toMatchObject({ status: 'rotated', keyId: keyIdOf(newKey), previousKeyIds: [keyIdOf(oldKey)], values: 10 });
    if (result.status !== 'rotated') throw new Error('not rotated');
    expect(result.resealed).toEqual({ api_credentials: 2, mailboxes: 4, sending_domains: 2, webhook_endpoints: 2 });
    expect(lines.join('\n')).toContain('Sealed values: 10');
    // Only the new key: everything still opens, to the same plaintexts.
    await expectAllSealedWith(new SecretBox(newKey), before);

    // Idempotent: a second run finds nothing to do.
    const again = await rotateEncryptionKey({ database, dataDir: mkdtempSync(path.join(TEST_TMP, 'rotate-')), encryptionKey: hex(newKey), previousKeys: [hex(oldKey)] });
    expect(again).toMatchObject({ status: 'rotated', resealed: { api_credentials: 0, mailboxes: 0, sending_domains: 0, webhook_endpoints: 0 } });
  });

  it('without ENCRYPTION_KEY: generates a new key file, keeps the old key aside until done, then deletes it', async () => {
    const dataDir = mkdtempSync(path.join(TEST_TMP, 'rotate-'));
    const original = loadSecretBox({ dataDir, logger: silent });
    await seed(original);
    const before = await snapshot(original);

    const result = await rotateEncryptionKey({ database, dataDir });

    expect(result.status).toBe('rotated');
    const [newKey] = readKeyFile(path.join(dataDir, KEY_FILE_NAME));
    expect(keyIdOf(newKey!)).not.toBe(original.currentKeyId);
    expect(existsSync(path.join(dataDir, PREVIOUS_KEY_FILE_NAME))).toBe(false);
    // What the app loads on its next start opens everything, with no previous key at all.
    const restarted = loadSecretBox({ dataDir, logger: silent });
    expect(restarted.keyIds).toEqual([keyIdOf(newKey!)]);
    await expectAllSealedWith(restarted, before);
  });

  it('finishes a rotation that was cut short (old key still aside, some values still old)', async () => {
    const dataDir = mkdtempSync(path.join(TEST_TMP, 'rotate-'));
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    await seed(new SecretBox(oldKey));
    const before = await snapshot(new SecretBox(oldKey));
    // State after a crash: both key files written, nothing re-sealed yet.
    writeKeyFile(path.join(dataDir, PREVIOUS_KEY_FILE_NAME), [oldKey]);
    writeKeyFile(path.join(dataDir, KEY_FILE_NAME), [newKey]);
    const lines: string[] = [];

    const result = await rotateEncryptionKey({ database, dataDir, print: (line) => lines.push(line) });

    expect(result).toMatchObject({ status: 'rotated', keyId: keyIdOf(newKey) });
    expect(lines[0]).toMatch(/Resuming/);
    expect(readFileSync(path.join(dataDir, KEY_FILE_NAME), 'utf8').trim()).toBe(hex(newKey));
    expect(existsSync(path.join(dataDir, PREVIOUS_KEY_FILE_NAME))).toBe(false);
    await expectAllSealedWith(new SecretBox(newKey), before);
  });

  it('refuses, changing nothing, when some value cannot be decrypted with any known key, and says how many', async () => {
    const dataDir = mkdtempSync(path.join(TEST_TMP, 'rotate-'));
    const known = loadSecretBox({ dataDir, logger: silent });
    await seed(known);
    // One credential sealed by a key nobody has any more, one mailbox password tampered with.
    await database.asSystem(async (db) => {
      const lost = new SecretBox(randomBytes(32)).seal('{"apiKey":"lost"}');
      await db.execute(sql`update api_credentials set secret_ciphertext = ${lost.ciphertext} where id = (select id from api_credentials order by id limit 1)`);
      await db.execute(sql`update mailboxes set smtp_password_ciphertext = smtp_password_ciphertext || 'AA' where id = (select id from mailboxes where smtp_password_ciphertext is not null order by id limit 1)`);
    });
    const rawBefore = await allSealed();
    const keyFileBefore = readFileSync(path.join(dataDir, KEY_FILE_NAME), 'utf8');

    const result = await rotateEncryptionKey({ database, dataDir });

    expect(result.status).toBe('refused');
    if (result.status !== 'refused') throw new Error('not refused');
    expect(result.reason).toMatch(/^2 values cannot be decrypted with any known key \(api_credentials: 1, mailboxes: 1, sending_domains: 0, webhook_endpoints: 0\)/);
    expect(await allSealed()).toEqual(rawBefore);
    expect(readFileSync(path.join(dataDir, KEY_FILE_NAME), 'utf8')).toBe(keyFileBefore);
    expect(existsSync(path.join(dataDir, PREVIOUS_KEY_FILE_NAME))).toBe(false);
  });

  it('--dry-run reports what would be re-sealed and changes nothing', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    await seed(new SecretBox(oldKey));
    const rawBefore = await allSealed();
    const result = await rotateEncryptionKey({ database, dataDir: mkdtempSync(path.join(TEST_TMP, 'rotate-')), encryptionKey: hex(newKey), previousKeys: [hex(oldKey)], dryRun: true });
    expect(result.status).toBe('checked');
    if (result.status !== 'checked') throw new Error('not checked');
    expect(result.scan.stale).toEqual({ api_credentials: 2, mailboxes: 4, sending_domains: 2, webhook_endpoints: 2 });
    expect(await allSealed()).toEqual(rawBefore);
    const scan = await scanSealedValues(database, new SecretBox(newKey));
    expect(scan.unreadable).toEqual({ api_credentials: 2, mailboxes: 4, sending_domains: 2, webhook_endpoints: 2 });
  });
});
