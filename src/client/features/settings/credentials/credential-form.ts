import { CREDENTIAL_FIELDS, type CredentialField } from '../../../../shared/credential-fields.js';
import type { CredentialService } from '../../../../shared/enums.js';
import type { BadgeTone } from '../../../components/ui/Badge.js';
import type { MessageKey, Translate } from '../../../i18n/index.js';
import type { RouterInputs, RouterOutputs } from '../../../lib/trpc.js';

export type CredentialView = RouterOutputs['credentials']['list'][number];
export type SaveBody = RouterInputs['credentials']['save'];

/** A secret field: kept as stored, being (re)typed, or marked for removal on save. */
export type SecretState = { mode: 'stored' | 'editing' | 'removing'; draft: string };

export type FormState = {
  values: Record<string, string>;
  secrets: Record<string, SecretState>;
  isActive: boolean;
};

export const fieldsOf = (service: CredentialService): CredentialField[] => CREDENTIAL_FIELDS[service];

export const fieldLabelKey = (service: CredentialService, field: string) => `credentials.field.${service}.${field}` as MessageKey;
export const fieldHintKey = (service: CredentialService, field: string) => `credentials.field.${service}.${field}.hint` as MessageKey;
export const serviceNameKey = (service: CredentialService) => `credentials.service.${service}` as MessageKey;
export const serviceDescriptionKey = (service: CredentialService) => `credentials.service.${service}.description` as MessageKey;

/** Shown values as stored, where the API names them (the webhook URL is secret: never here). */
function storedValue(credential: CredentialView | undefined, name: string): string {
  const value = (credential as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

export function initialForm(service: CredentialService, credential: CredentialView | undefined): FormState {
  const values: Record<string, string> = {};
  const secrets: Record<string, SecretState> = {};
  for (const field of fieldsOf(service)) {
    if (field.secret) secrets[field.name] = { mode: credential?.storedSecrets.includes(field.name) ? 'stored' : 'editing', draft: '' };
    else values[field.name] = storedValue(credential, field.name);
  }
  return { values, secrets, isActive: credential?.isActive ?? true };
}

/** Only what changed: an untouched stored secret is omitted, so the server keeps it. */
export function saveBody(service: CredentialService, credential: CredentialView | undefined, form: FormState): SaveBody {
  const body: SaveBody = { service };
  const set = (field: CredentialField, value: string | null) => {
    if (field.wire === 'top') (body as Record<string, unknown>)[field.name] = value;
    else body.extra = { ...body.extra, [field.name]: value };
  };
  for (const field of fieldsOf(service)) {
    if (field.secret) {
      const state = form.secrets[field.name]!;
      if (state.mode === 'editing' && state.draft.trim() !== '') set(field, state.draft.trim());
      if (state.mode === 'removing') set(field, null);
    } else {
      const value = form.values[field.name]!.trim();
      if (value !== storedValue(credential, field.name)) set(field, value === '' ? null : value);
    }
  }
  if (credential && form.isActive !== credential.isActive) body.isActive = form.isActive;
  return body;
}

export function hasChanges(body: SaveBody): boolean {
  return Object.keys(body).length > 1;
}

/** The issue key the API uses for a field (`apiKey`, `extra.bookingUrl`). */
export const issueKey = (field: CredentialField) => (field.wire === 'top' ? field.name : `extra.${field.name}`);

export function statusOf(credential: CredentialView | undefined): { tone: BadgeTone; label: MessageKey } {
  if (!credential) return { tone: 'neutral', label: 'credentials.status.notConfigured' };
  if (!credential.isActive) return { tone: 'neutral', label: 'credentials.status.off' };
  if (credential.lastVerifyOk === true) return { tone: 'success', label: 'credentials.status.ok' };
  if (credential.lastVerifyOk === false) return { tone: 'danger', label: 'credentials.status.error' };
  return { tone: 'warning', label: 'credentials.status.untested' };
}

/**
 * The server records test failures in English (API clients read them too); the common ones are
 * shown in the reader's language, anything else as recorded.
 */
export function localizedVerifyError(message: string, t: Translate): string {
  let match: RegExpExecArray | null;
  if (message === 'The API key was refused') return t('credentials.error.refused');
  if ((match = /^Could not connect to (\S+)$/.exec(message))) return t('credentials.error.connect', { host: match[1]! });
  if ((match = /^(\S+) did not answer (?:within .+|in time)$/.exec(message))) return t('credentials.error.timeout', { host: match[1]! });
  if ((match = /^(\S+) answered "not found" \(HTTP 404\)/.exec(message))) return t('credentials.error.notFound', { host: match[1]! });
  if ((match = /^The model "(.+)" is not available at (\S+) \(available: (.*)\)$/.exec(message))) {
    return t('credentials.error.model', { model: match[1]!, host: match[2]!, available: match[3]! });
  }
  if ((match = /^The webhook at (\S+) answered HTTP (\d+)$/.exec(message))) return t('credentials.error.webhook', { host: match[1]!, status: match[2]! });
  if (/private network/.test(message)) return t('credentials.error.private');
  if (/cannot be decrypted/.test(message)) return t('credentials.error.undecryptable');
  return message;
}
