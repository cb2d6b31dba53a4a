import { asc, eq } from 'drizzle-orm';
import { CREDENTIAL_FIELDS, credentialField, primarySecretOf, type CredentialField } from '../../shared/credential-fields.js';
import type { CredentialService } from '../../shared/enums.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import { apiCredentials } from '../db/schema/index.js';
import type { RuleWithoutParams, RuleWithParams } from '../../shared/issue-rules.js';
import { AppError, fieldIssue, type ErrorIssue } from '../errors.js';
import { linkProblem, urlProblem } from '../integrations/url-guard.js';

/**
 * Third-party credentials: one row per service per workspace. Secret fields are sealed together as
 * one JSON object; the rest sits in `config`. What leaves this module for the browser is a
 * `CredentialView`: never a secret, never a ciphertext — only which secrets are stored and the
 * last 4 characters of the main one.
 */
type CredentialRow = typeof apiCredentials.$inferSelect;

export type CredentialView = {
  service: CredentialService;
  isActive: boolean;
  last4: string | null;
  /** Names of the secret fields that hold a value (e.g. ["apiKey", "webhookSecret"]). */
  storedSecrets: string[];
  /** False when the stored secrets no longer decrypt (the key that sealed them is gone). */
  readable: boolean;
  lastVerifiedAt: Date | null;
  lastVerifyOk: boolean | null;
  lastVerifyError: string | null;
  updatedAt: Date;
} & Partial<Record<'baseUrl' | 'model' | 'bookingUrl' | 'schedulingUrl' | 'urlHost', string>>;

export type LoadedCredential = { secrets: Record<string, string>; config: Record<string, string> };

/** A field change: a value sets it, null (or a blank string) clears it, absent keeps it. */
export type CredentialChanges = {
  apiKey?: string | null;
  baseUrl?: string | null;
  model?: string | null;
  extra?: Record<string, string | null>;
  isActive?: boolean;
};

function openSecrets(secretBox: SecretBox, row: CredentialRow): { secrets: Record<string, string>; readable: boolean } {
  if (!row.secretCiphertext) return { secrets: {}, readable: true };
  try {
    return { secrets: JSON.parse(secretBox.open(row.secretCiphertext)) as Record<string, string>, readable: true };
  } catch {
    return { secrets: {}, readable: false };
  }
}

function present(row: CredentialRow, secretBox: SecretBox): CredentialView {
  const { secrets, readable } = openSecrets(secretBox, row);
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(row.config)) {
    const field = credentialField(row.service, name);
    // Only known, non-secret fields (and the derived webhook host) are shown.
    if ((field && !field.secret) || name === 'urlHost') shown[name] = value;
  }
  return {
    service: row.service,
    isActive: row.isActive,
    last4: row.last4,
    storedSecrets: CREDENTIAL_FIELDS[row.service].filter((field) => field.secret && secrets[field.name]).map((field) => field.name),
    readable,
    lastVerifiedAt: row.lastVerifiedAt,
    lastVerifyOk: row.lastVerifyOk,
    lastVerifyError: row.lastVerifyError,
    updatedAt: row.updatedAt,
    ...shown,
  };
}

async function findRow(db: Db, service: CredentialService): Promise<CredentialRow | undefined> {
  const [row] = await db.select().from(apiCredentials).where(eq(apiCredentials.service, service)).limit(1);
  return row;
}

export async function listCredentials(db: Db, secretBox: SecretBox): Promise<CredentialView[]> {
  // Enum order: the order of the services on the settings page.
  const rows = await db.select().from(apiCredentials).orderBy(asc(apiCredentials.service));
  return rows.map((row) => present(row, secretBox));
}

export async function getCredentialView(db: Db, secretBox: SecretBox, service: CredentialService): Promise<CredentialView> {
  const row = await findRow(db, service);
  if (!row) throw new AppError('NOT_FOUND', `No ${service} credential is saved`, { reason: 'credential.not_saved', params: { service } });
  return present(row, secretBox);
}

/** Only the last 4 characters of a long enough secret are shown: on a short one they say too much. */
export function last4Of(secret: string | undefined): string | null {
  return secret && secret.length >= 8 ? secret.slice(-4) : null;
}

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

type FieldProblem = { rule: RuleWithoutParams | RuleWithParams; message: string };

/**
 * Which rule a URL the guard refused broke. Past the shape checks, all the guard refuses is where
 * the URL points (a private or reserved address), whatever its exact wording.
 */
function urlRuleOf(value: string): RuleWithoutParams | RuleWithParams {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'url.invalid';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url.http';
  if (!url.hostname) return 'url.invalid';
  return { rule: 'url.private', host: url.hostname };
}

function fieldProblem(field: CredentialField, value: string, allowPrivate: boolean): FieldProblem | null {
  if (CONTROL_CHARACTERS.test(value)) return { rule: 'text.control', message: 'must not contain control characters or line breaks' };
  if (!field.url) return null;
  const problem = field.fetched ? urlProblem(value, { allowPrivate }) : linkProblem(value);
  if (problem) return { rule: urlRuleOf(value), message: problem };
  // A shown URL must not carry a password; a sealed one (the webhook URL) may.
  const { username, password } = new URL(value);
  if (!field.secret && (username || password)) return { rule: 'url.credentials', message: 'must not contain a user name or password' };
  return null;
}

/** The changes as `name → value|null`, checked against the service's fields; throws 400 with every issue. */
function normalizeChanges(service: CredentialService, changes: CredentialChanges, allowPrivate: boolean): Map<string, string | null> {
  const issues: ErrorIssue[] = [];
  const out = new Map<string, string | null>();
  const consider = (name: string, raw: string | null | undefined, path: (string | number)[]) => {
    if (raw === undefined) return;
    const field = credentialField(service, name);
    if (!field) return issues.push(fieldIssue(path, { rule: 'credential.unknown_field', service }, `is not a field of the ${service} credential`));
    if (field.wire === 'top' && path[0] === 'extra') return issues.push(fieldIssue(path, { rule: 'credential.top_level', name }, `send ${name} at the top level of the body`));
    const value = raw === null ? null : raw.trim() === '' ? null : raw.trim();
    const problem = value === null ? null : fieldProblem(field, value, allowPrivate);
    if (problem) return issues.push(fieldIssue(path, problem.rule, problem.message));
    out.set(name, value);
  };
  consider('apiKey', changes.apiKey, ['apiKey']);
  consider('baseUrl', changes.baseUrl, ['baseUrl']);
  consider('model', changes.model, ['model']);
  for (const [name, value] of Object.entries(changes.extra ?? {})) consider(name, value, ['extra', name]);
  if (issues.length) throw new AppError('BAD_REQUEST', issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), { reason: 'input.invalid', issues });
  return out;
}

/**
 * Creates or updates a service's credential. Omitted fields keep their stored value (so the model
 * can change without retyping the key). Any change to what is stored forgets the last test result.
 */
export async function saveCredential(
  db: Db,
  secretBox: SecretBox,
  input: { workspaceId: string; service: CredentialService; changes: CredentialChanges; allowPrivate: boolean },
): Promise<CredentialView> {
  const { service } = input;
  const changes = normalizeChanges(service, input.changes, input.allowPrivate);
  const existing = await findRow(db, service);
  const previous = existing ? openSecrets(secretBox, existing) : null;
  const secrets: Record<string, string> = { ...previous?.secrets };
  const config: Record<string, string> = existing ? { ...existing.config } : {};
  for (const [name, value] of changes) {
    const target = credentialField(service, name)!.secret ? secrets : config;
    if (value === null) delete target[name];
    else target[name] = value;
  }
  const missing = CREDENTIAL_FIELDS[service].filter((field) => field.required && !(field.secret ? secrets : config)[field.name]);
  if (missing.length) {
    const issues = missing.map((field) => fieldIssue(field.wire === 'top' ? [field.name] : ['extra', field.name], 'required', 'is required'));
    throw new AppError('BAD_REQUEST', issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), { reason: 'input.invalid', issues });
  }
  if (service === 'webhook' && secrets.url) config.urlHost = new URL(secrets.url).host;

  const hasSecrets = Object.keys(secrets).length > 0;
  const sealed = hasSecrets ? secretBox.seal(JSON.stringify(secrets)) : null;
  const unchanged =
    existing &&
    previous?.readable &&
    JSON.stringify(sortKeys(previous.secrets)) === JSON.stringify(sortKeys(secrets)) &&
    JSON.stringify(sortKeys(existing.config)) === JSON.stringify(sortKeys(config));
  const values = {
    secretCiphertext: sealed?.ciphertext ?? null,
    keyId: sealed?.keyId ?? null,
    config,
    last4: last4Of(secrets[primarySecretOf(service)]),
    isActive: input.changes.isActive ?? existing?.isActive ?? true,
    ...(unchanged ? {} : { lastVerifiedAt: null, lastVerifyOk: null, lastVerifyError: null }),
  };
  const [row] = existing
    ? await db.update(apiCredentials).set(values).where(eq(apiCredentials.id, existing.id)).returning()
    : await db
        .insert(apiCredentials)
        .values({ workspaceId: input.workspaceId, service, ...values })
        .onConflictDoUpdate({ target: [apiCredentials.workspaceId, apiCredentials.service], set: values })
        .returning();
  return present(row!, secretBox);
}

function sortKeys(record: Record<string, string>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

export async function deleteCredential(db: Db, service: CredentialService): Promise<void> {
  const deleted = await db.delete(apiCredentials).where(eq(apiCredentials.service, service)).returning({ id: apiCredentials.id });
  if (deleted.length === 0) throw new AppError('NOT_FOUND', `No ${service} credential is saved`, { reason: 'credential.not_saved', params: { service } });
}

/**
 * For the engines: the decrypted secrets and the config of an active credential, or null when the
 * service is not configured or switched off. Runs on the workspace-scoped `db`.
 */
export async function loadCredential(db: Db, secretBox: SecretBox, service: CredentialService): Promise<LoadedCredential | null> {
  const row = await findRow(db, service);
  if (!row || !row.isActive) return null;
  return openCredential(secretBox, row);
}

function openCredential(secretBox: SecretBox, row: CredentialRow): LoadedCredential {
  const { secrets, readable } = openSecrets(secretBox, row);
  if (!readable) {
    throw new AppError('UNPROCESSABLE_CONTENT', `The stored ${row.service} credential cannot be decrypted with the current encryption key: enter it again`, { reason: 'credential.unreadable', params: { service: row.service } });
  }
  return { secrets, config: { ...row.config } };
}

/** Like `loadCredential` but also for a switched-off credential ("Test connection" works on both). */
export async function loadCredentialForTest(db: Db, secretBox: SecretBox, service: CredentialService): Promise<LoadedCredential> {
  const row = await findRow(db, service);
  if (!row) throw new AppError('NOT_FOUND', `No ${service} credential is saved`, { reason: 'credential.not_saved', params: { service } });
  return openCredential(secretBox, row);
}

export async function recordVerification(
  db: Db,
  secretBox: SecretBox,
  service: CredentialService,
  outcome: { ok: boolean; error: string | null; at: Date },
): Promise<CredentialView> {
  const [row] = await db
    .update(apiCredentials)
    .set({ lastVerifiedAt: outcome.at, lastVerifyOk: outcome.ok, lastVerifyError: outcome.error?.slice(0, 500) ?? null })
    .where(eq(apiCredentials.service, service))
    .returning();
  // Deleted while the test ran: nothing to record.
  if (!row) throw new AppError('NOT_FOUND', `No ${service} credential is saved`, { reason: 'credential.not_saved', params: { service } });
  return present(row, secretBox);
}
