import type OpenAI from 'openai';
import type * as OpenAiModule from 'openai';
import { DEFAULT_TIMEOUT_MS, guardedFetch, IntegrationError } from './http.js';
import { describeHttpFailure } from './json-api.js';

/**
 * Any OpenAI-compatible server (OpenAI, Ollama, vLLM, LM Studio, OpenRouter…) through the
 * `openai` SDK. The key is optional: a local Ollama/vLLM usually has none, and then no
 * Authorization header is sent at all. Requests go through `guardedFetch`, so a user-provided
 * base URL gets the SSRF guard. The engines take `createLlmClient(...)` and call the SDK.
 */
export type LlmSettings = {
  apiKey: string | null;
  baseUrl: string;
  model: string;
  /** False when the base URL came from a user and private networks are not allowed. */
  allowPrivate: boolean;
  timeoutMs?: number;
  maxRetries?: number;
};

export type OpenAiSdk = typeof OpenAiModule;
let sdkModule: Promise<OpenAiSdk> | undefined;
/** The `openai` SDK, imported the first time an LLM is called (not at start-up: few requests need it). */
export async function loadOpenAiSdk(): Promise<OpenAiSdk> {
  sdkModule ??= import('openai');
  return sdkModule;
}

export async function createLlmClient(settings: LlmSettings): Promise<OpenAI> {
  const { default: OpenAI } = await loadOpenAiSdk();
  return new OpenAI({
    // The SDK insists on some credential; with no key, the header is removed below.
    apiKey: settings.apiKey ?? 'no-key',
    defaultHeaders: settings.apiKey ? undefined : { Authorization: null },
    baseURL: settings.baseUrl,
    // Never pick these up from the server's environment: the workspace's settings decide.
    organization: null,
    project: null,
    timeout: settings.timeoutMs ?? 60_000,
    maxRetries: settings.maxRetries ?? 2,
    fetch: guardedFetch({ allowPrivate: settings.allowPrivate }),
  });
}

/** The SDK's errors as one of ours, with a sentence fit for the settings page. */
export function describeLlmError(error: unknown, settings: Pick<LlmSettings, 'apiKey' | 'baseUrl'>, sdk: OpenAiSdk): IntegrationError {
  const { APIConnectionError, APIConnectionTimeoutError, APIError } = sdk;
  const host = new URL(settings.baseUrl).host;
  if (error instanceof IntegrationError) return error;
  if (error instanceof APIConnectionTimeoutError) return new IntegrationError(`${host} did not answer in time`, 'timeout');
  if (error instanceof APIConnectionError) {
    return error.cause instanceof IntegrationError ? error.cause : new IntegrationError(`Could not connect to ${host}`, 'network');
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const body: unknown = error.error;
    return describeHttpFailure(error.status, host, JSON.stringify({ error: body }), [settings.apiKey ?? undefined]);
  }
  return new IntegrationError(`Unexpected answer from ${host}`, 'http');
}

/**
 * The cheap call behind "Test connection": `GET /models`. When the server lists models and the
 * configured one is not among them, that is the error the user needs to see (Ollama: not pulled).
 */
export async function verifyLlm(settings: LlmSettings): Promise<{ account: string | null }> {
  const sdk = await loadOpenAiSdk();
  const client = await createLlmClient({ ...settings, timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxRetries: 0 });
  let ids: string[];
  try {
    const page = await client.models.list();
    ids = page.data.map((model) => model.id);
  } catch (error) {
    throw describeLlmError(error, settings, sdk);
  }
  const host = new URL(settings.baseUrl).host;
  // Ollama lists `llama3:latest` and accepts `llama3` for it.
  if (ids.length > 0 && !ids.includes(settings.model) && !ids.includes(`${settings.model}:latest`)) {
    const shown = ids.slice(0, 8).join(', ') + (ids.length > 8 ? '…' : '');
    throw new IntegrationError(`The model "${settings.model}" is not available at ${host} (available: ${shown})`, 'invalid');
  }
  return { account: `${host} · ${settings.model}` };
}
