import { type IntegrationError } from './http.js';
import { createLlmClient, describeLlmError, loadOpenAiSdk, type OpenAiSdk } from './llm.js';
import { AuthRejectedError, classifyTransportError, parseRetryAfter, PermanentIntegrationError, RateLimitedError, TransientIntegrationError } from './retryable-errors.js';

/**
 * One structured-output chat completion (`response_format: json_schema`) through the `openai` SDK,
 * for the enrichment engine. The SDK's own retries are off (`maxRetries: 0`): the job engine
 * retries, with `retryAt`, so a 429 never holds a worker while it waits.
 *
 * The answer's content is returned as text, not parsed: not every OpenAI-compatible server honours
 * the schema (Anthropic's compatibility layer ignores `response_format`), so the caller always
 * validates it (src/server/enrichment/answer.ts) and may ask again with the validation error.
 */

export type LlmMessage = { role: 'system' | 'user' | 'assistant'; content: string };

export type StructuredRequest = {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  messages: LlmMessage[];
  schemaName: string;
  jsonSchema: Record<string, unknown>;
  /** OpenAI's strict mode; servers that do not support it may refuse the request (send false there). */
  strict: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
  /** False when the base URL came from a user and private networks are not allowed (SSRF guard). */
  allowPrivate: boolean;
  /** Clock for Retry-After dates. */
  now?: () => Date;
};

export type StructuredCompletion = {
  /** The message text ('' when the model sent none, e.g. a refusal). */
  content: string;
  refusal: string | null;
  finishReason: string | null;
  /** Null when the server reports no usage (some local servers). */
  tokensIn: number | null;
  tokensOut: number | null;
  /** The model that answered, as the server names it (may carry a date suffix). */
  model: string;
};

/** 401/403: the key is missing, wrong, or not allowed this model. */
export class LlmAuthError extends AuthRejectedError {
  override name = 'LlmAuthError';
}

/** 400/404/422: the request itself is refused (unknown model, unsupported schema keyword, …). */
export class LlmBadRequestError extends PermanentIntegrationError {
  override name = 'LlmBadRequestError';
}

function typedError(error: unknown, request: StructuredRequest, timeout: AbortSignal, sdk: OpenAiSdk): IntegrationError {
  const { APIConnectionError, APIError, APIUserAbortError } = sdk;
  const host = new URL(request.baseUrl).host;
  if (error instanceof APIUserAbortError) {
    if (timeout.aborted) {
      const ms = request.timeoutMs;
      return new TransientIntegrationError(`${host} did not answer within ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}`, 'timeout');
    }
    return new TransientIntegrationError(`The request to ${host} was cancelled`, 'network');
  }
  const described = describeLlmError(error, request, sdk);
  if (error instanceof APIConnectionError || !(error instanceof APIError) || typeof error.status !== 'number') {
    // Connection refused, reset, DNS, an unsafe URL (permanent): as for any of our HTTP calls.
    return classifyTransportError(described);
  }
  const status = error.status;
  const now = request.now?.() ?? new Date();
  // The SDK types error.headers loosely; on an HTTP error it is the response's header record.
  const headers = error.headers as Headers | Record<string, string | string[] | undefined> | undefined;
  if (status === 401 || status === 403) return new LlmAuthError(described.message, 'http', status);
  if (status === 429) return new RateLimitedError(described.message, headers ? parseRetryAfter(headers, now) : null);
  if (status === 400 || status === 404 || status === 422) return new LlmBadRequestError(described.message, 'http', status);
  if (status === 408 || status === 409 || status >= 500) {
    return new TransientIntegrationError(described.message, 'http', status, headers ? parseRetryAfter(headers, now) : null);
  }
  return new PermanentIntegrationError(described.message, 'http', status);
}

export async function completeStructured(request: StructuredRequest): Promise<StructuredCompletion> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  const sdk = await loadOpenAiSdk();
  const client = await createLlmClient({
    apiKey: request.apiKey,
    baseUrl: request.baseUrl,
    model: request.model,
    allowPrivate: request.allowPrivate,
    // Our signal enforces `timeoutMs` (and tells a timeout from a cancellation); the SDK's is a backstop.
    timeoutMs: request.timeoutMs + 5000,
    maxRetries: 0,
  });
  try {
    const completion = await client.chat.completions.create(
      {
        model: request.model,
        messages: request.messages,
        response_format: { type: 'json_schema', json_schema: { name: request.schemaName, schema: request.jsonSchema, strict: request.strict } },
      },
      { signal },
    );
    const choice = completion.choices[0];
    return {
      content: choice?.message.content ?? '',
      refusal: choice?.message.refusal ?? null,
      finishReason: choice?.finish_reason ?? null,
      tokensIn: completion.usage?.prompt_tokens ?? null,
      tokensOut: completion.usage?.completion_tokens ?? null,
      model: completion.model || request.model,
    };
  } catch (error) {
    throw typedError(error, request, timeout, sdk);
  }
}
