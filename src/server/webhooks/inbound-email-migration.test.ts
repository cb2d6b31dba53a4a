import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUpgradedThrough } from '../../../tests/helpers/migrated-before.js';
import { SecretBox } from '../crypto/secret-box.js';
import { queryRows, type Database } from '../db/database.js';
import { signInboundEmail } from '../integrations/webhook-signatures.js';
import { receiveInboundWebhook } from './inbound-email.service.js';
import { rotateWebhookSecret, webhookSecretInClear } from './webhook-endpoints.service.js';

/**
 * The inbound-email secrets moved from `inbound_webhook_secrets` into `webhook_endpoints`: a
 * database migrated up to the step before, holding a workspace's secret in the old table, is
 * migrated the rest of the way — and the secret its admin pasted into their forwarder still
 * verifies, at the same URL, with nothing re-pasted.
 */
const secretBox = new SecretBox(randomBytes(32));
const LEGACY_SECRET = `whsec_${randomBytes(24).toString('base64url')}`;
let database: Database;
let workspaceId: string;
let legacyKeyId: string;
let cleanup: () => Promise<void> = async () => {};

beforeAll(async () => {
  const sealed = secretBox.seal(LEGACY_SECRET);
  legacyKeyId = sealed.keyId;
  ({ database, cleanup } = await databaseUpgradedThrough('_webhook_endpoints_inbound_email', async (run) => {
    const [workspace] = await run<{ id: string }>(sql`insert into workspaces (name) values ('Legacy Co') returning id`);
    workspaceId = workspace!.id;
    await run(sql`insert into inbound_webhook_secrets (workspace_id, secret_ciphertext, key_id) values (${workspaceId}, ${sealed.ciphertext}, ${sealed.keyId})`);
  }));
}, 120_000);
afterAll(() => cleanup());

const mail = (id: string) => JSON.stringify({ from: 'someone@elsewhere.example', to: 'sales@legacy.example', subject: 'Re: hello', text: 'Sounds good', messageId: `<${id}@elsewhere.example>` });
const deliver = (body: string, signature: string | undefined, workspaceHint: string | null) =>
  receiveInboundWebhook({ database, secretBox }, { rawBody: Buffer.from(body), signature, workspaceHint });

describe('moving the inbound-email secrets into webhook_endpoints', () => {
  it('keeps the secret (same sealed value), drops the old table', async () => {
    const rows = await database.asSystem((db) =>
      queryRows<{ workspace_id: string; token: string; key_id: string; secret_ciphertext: string }>(db, sql`select workspace_id, token, key_id, secret_ciphertext from webhook_endpoints where provider = 'inbound_email'`),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ workspace_id: workspaceId, key_id: legacyKeyId });
    expect(rows[0]!.token).toMatch(/^[a-z2-9]{32}$/);
    expect(secretBox.open(rows[0]!.secret_ciphertext)).toBe(LEGACY_SECRET);
    const [gone] = await database.asSystem((db) => queryRows<{ t: string | null }>(db, sql`select to_regclass('public.inbound_webhook_secrets')::text as t`));
    expect(gone!.t).toBeNull();
  });

  it('the settings endpoint answers the same URL and secret as before', async () => {
    const shown = await database.withWorkspace(workspaceId, (db) => webhookSecretInClear(db, secretBox, { workspaceId, origin: 'https://sm.example/', provider: 'inbound_email' }));
    expect(shown).toEqual({ url: `https://sm.example/api/webhooks/inbound-email?workspace=${workspaceId}`, secret: LEGACY_SECRET });
  });

  it('a delivery signed with the old secret is accepted (with or without ?workspace=); a bad or missing signature is refused', async () => {
    const body = mail('moved-1');
    expect(await deliver(body, signInboundEmail(LEGACY_SECRET, body), workspaceId)).toMatchObject({ kind: 'ingested', workspaceId });
    const bare = mail('moved-2');
    expect(await deliver(bare, signInboundEmail(LEGACY_SECRET, bare), null)).toMatchObject({ kind: 'ingested', workspaceId });
    expect(await deliver(body, signInboundEmail('whsec_not-the-secret', body), workspaceId)).toEqual({ kind: 'unauthorized', reason: 'mismatch' });
    expect(await deliver(body, signInboundEmail(LEGACY_SECRET, body + ' '), workspaceId)).toMatchObject({ kind: 'unauthorized' });
    expect(await deliver(body, undefined, workspaceId)).toEqual({ kind: 'unauthorized', reason: 'missing' });
  });

  it('after a rotation only the new secret verifies', async () => {
    const rotated = await database.withWorkspace(workspaceId, (db) => rotateWebhookSecret(db, secretBox, { workspaceId, origin: 'https://sm.example', provider: 'inbound_email', actorUserId: null }));
    expect(rotated.secret).toMatch(/^whsec_/);
    const body = mail('moved-3');
    expect(await deliver(body, signInboundEmail(LEGACY_SECRET, body), workspaceId)).toMatchObject({ kind: 'unauthorized' });
    expect(await deliver(body, signInboundEmail(rotated.secret, body), workspaceId)).toMatchObject({ kind: 'ingested' });
  });
});
