import type { CredentialService } from './enums.js';

/**
 * The fields each third-party credential holds. `secret` fields are sealed together (AES-256-GCM)
 * in `api_credentials.secret_ciphertext` and never leave the server; the others live in `config`
 * and are shown. Both the API (validation) and the settings UI (the card's inputs) read this.
 *
 * On the wire (`PUT /admin/settings/credentials/{service}`) `apiKey`, `baseUrl` and `model` are
 * top-level; every other field travels in `extra`.
 */
export type CredentialField = {
  name: string;
  /** Sealed, never shown; otherwise stored in `config` and shown. */
  secret: boolean;
  /** Must be an http(s) URL (checked against private addresses when user-provided). */
  url: boolean;
  /** The server itself calls this URL, so it passes the private-network (SSRF) check. */
  fetched: boolean;
  required: boolean;
  /** Where the field travels in the PUT body. */
  wire: 'top' | 'extra';
};

const TOP_LEVEL = new Set(['apiKey', 'baseUrl', 'model']);
const field = (name: string, options: { secret?: boolean; url?: boolean; fetched?: boolean; required?: boolean } = {}): CredentialField => ({
  name,
  secret: options.secret ?? false,
  url: options.url ?? false,
  fetched: options.fetched ?? false,
  required: options.required ?? false,
  wire: TOP_LEVEL.has(name) ? 'top' : 'extra',
});

export const CREDENTIAL_FIELDS: Record<CredentialService, CredentialField[]> = {
  // No key is needed for a local Ollama/vLLM server; the base URL then points at it.
  openai: [field('apiKey', { secret: true }), field('baseUrl', { url: true, fetched: true }), field('model')],
  phantombuster: [field('apiKey', { secret: true, required: true })],
  // The inbound webhook secrets of Cal.com, Calendly and Instantly are not typed here: the app
  // generates them per workspace (Settings → API keys → Webhooks, webhook_endpoints).
  calcom: [field('apiKey', { secret: true, required: true }), field('bookingUrl', { url: true })],
  calendly: [field('apiKey', { secret: true, required: true }), field('schedulingUrl', { url: true })],
  instantly: [field('apiKey', { secret: true, required: true })],
  // A Slack/Zapier/n8n webhook URL is itself a credential (whoever has it can post): sealed, and
  // only its host is kept in `config` for display. `secret`, when set, signs each delivery.
  webhook: [field('url', { secret: true, url: true, fetched: true, required: true }), field('secret', { secret: true })],
};

/** The model used when the LLM credential names none. */
export const DEFAULT_LLM_MODEL = 'gpt-4o-mini';

export function credentialField(service: CredentialService, name: string): CredentialField | undefined {
  return CREDENTIAL_FIELDS[service].find((candidate) => candidate.name === name);
}

/** The secret whose last 4 characters are shown ("•••• 1234"). */
export function primarySecretOf(service: CredentialService): string {
  return CREDENTIAL_FIELDS[service].find((candidate) => candidate.secret)!.name;
}
