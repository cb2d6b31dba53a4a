import { DEFAULT_LLM_MODEL } from '../../shared/credential-fields.js';
import type { CredentialService } from '../../shared/enums.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AppServices } from '../services.js';
import { createCalcomClient } from '../integrations/calcom.js';
import { createCalendlyClient } from '../integrations/calendly.js';
import { IntegrationError } from '../integrations/http.js';
import { createInstantlyClient } from '../integrations/instantly.js';
import { verifyLlm, type LlmSettings } from '../integrations/llm.js';
import { createPhantomBusterClient } from '../integrations/phantombuster.js';
import { verifyWebhook } from '../integrations/webhook.js';
import { loadCredentialForTest, recordVerification, type CredentialView, type LoadedCredential } from './credentials.service.js';

/**
 * The LLM settings an engine should use for a workspace's `openai` credential: its own base URL
 * (user-provided, so the SSRF guard applies unless private networks are allowed) or the
 * operator's OPENAI_BASE_URL (trusted), its model or the default.
 */
export function resolveLlmSettings(config: Config, credential: LoadedCredential): LlmSettings {
  const own = credential.config.baseUrl;
  return {
    apiKey: credential.secrets.apiKey ?? null,
    baseUrl: own ?? config.apiUrls.openai,
    model: credential.config.model ?? DEFAULT_LLM_MODEL,
    allowPrivate: own ? config.allowPrivateNetworkUrls : true,
  };
}

function requireSecret(credential: LoadedCredential, name: string, label: string): string {
  const value = credential.secrets[name];
  if (!value) throw new IntegrationError(`No ${label} is saved: save one, then test again`, 'invalid');
  return value;
}

/** One cheap, real call to the service with the stored credential. */
export async function testConnection(
  config: Config,
  service: CredentialService,
  credential: LoadedCredential,
  workspaceName: string,
): Promise<{ account: string | null }> {
  switch (service) {
    case 'openai':
      return verifyLlm(resolveLlmSettings(config, credential));
    case 'phantombuster':
      return createPhantomBusterClient({ apiKey: requireSecret(credential, 'apiKey', 'API key'), baseUrl: config.apiUrls.phantombuster }).verify();
    case 'calcom':
      return createCalcomClient({ apiKey: requireSecret(credential, 'apiKey', 'API key'), baseUrl: config.apiUrls.calcom }).verify();
    case 'calendly':
      return createCalendlyClient({ apiKey: requireSecret(credential, 'apiKey', 'access token'), baseUrl: config.apiUrls.calendly }).verify();
    case 'instantly':
      return createInstantlyClient({ apiKey: requireSecret(credential, 'apiKey', 'API key'), baseUrl: config.apiUrls.instantly, timeoutMs: config.instantlyTimeoutMs }).verify();
    case 'webhook':
      return verifyWebhook({
        url: requireSecret(credential, 'url', 'webhook URL'),
        secret: credential.secrets.secret,
        allowPrivate: config.allowPrivateNetworkUrls,
        workspaceName,
      });
  }
}

export type VerifyOutcome = { ok: boolean; error: string | null; account: string | null; credential: CredentialView };

/**
 * "Test connection": read the credential (transaction closed), call the service (no transaction
 * held during network I/O), then record the result in a new transaction.
 */
export async function verifyCredential(
  services: Pick<AppServices, 'config' | 'database' | 'secretBox'>,
  scope: { workspaceId: string; workspaceName: string; log: Logger },
  service: CredentialService,
): Promise<VerifyOutcome> {
  const { database, secretBox, config } = services;
  let result: { ok: true; account: string | null } | { ok: false; error: string };
  try {
    const credential = await database.withWorkspace(scope.workspaceId, (db) => loadCredentialForTest(db, secretBox, service));
    result = { ok: true, ...(await testConnection(config, service, credential, scope.workspaceName)) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw error;
    if (error instanceof IntegrationError || error instanceof AppError) {
      result = { ok: false, error: error.message };
    } else {
      scope.log.error({ err: error, service }, 'connection test failed unexpectedly');
      result = { ok: false, error: 'The test failed unexpectedly: see the server log' };
    }
  }
  const at = new Date();
  const credential = await database.withWorkspace(scope.workspaceId, (db) =>
    recordVerification(db, secretBox, service, { ok: result.ok, error: result.ok ? null : result.error, at }),
  );
  scope.log.info({ service, ok: result.ok }, 'credential connection tested');
  return { ok: result.ok, error: result.ok ? null : result.error, account: result.ok ? result.account : null, credential };
}
