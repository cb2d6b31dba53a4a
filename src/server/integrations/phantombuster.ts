import { z } from 'zod';
import { httpRequest, IntegrationError } from './http.js';
import { createJsonApiClient, joinUrl, type ApiKeyOptions } from './json-api.js';
import { AuthRejectedError, classifyTransportError, httpStatusFailure, PermanentIntegrationError } from './retryable-errors.js';

/**
 * PhantomBuster API v2 (`X-Phantombuster-Key`). The base URL comes from PHANTOMBUSTER_API_URL.
 * Campaigns name the agent to launch; the scraping engine launches it, polls its container and
 * reads the result. The engine's calls throw the classes of `retryable-errors.ts` (a refused key
 * is `PhantomBusterAuthError`), `verify`/`listAgents` keep the settings page's plain messages.
 */
export type PhantomBusterAgent = { id: string; name: string; scriptId?: string | number; lastEndType?: string | null };

/** A scrape of a few thousand profiles with summaries is tens of MB: far above the default answer limit. */
const RESULT_MAX_BYTES = 64 * 1_048_576;

/** Where agents' result files are published (`{orgS3Folder}/{s3Folder}/result.csv`). */
export const PHANTOMBUSTER_S3_URL = 'https://phantombuster.s3.amazonaws.com';

export type PhantomBusterOptions = ApiKeyOptions & {
  /** The result files' host; tests point it at the fake. */
  s3BaseUrl?: string;
  /** Clock for Retry-After dates. */
  now?: () => Date;
};

export class PhantomBusterAuthError extends AuthRejectedError {
  override name = 'PhantomBusterAuthError';
  constructor(status = 401) {
    super('PhantomBuster rejected the API key', 'http', status);
  }
}

/** A result object that is not JSON: `fetchResults` falls back to the result CSV. */
export class UnreadableResultError extends PermanentIntegrationError {
  override name = 'UnreadableResultError';
  constructor() {
    super('PhantomBuster returned a result object that is not valid JSON', 'http');
  }
}

const millis = z.number().nullish().transform((value) => value ?? null);

const containerSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  status: z.string(),
  endType: z.string().nullish().transform((value) => value ?? null),
  exitCode: z.number().nullish().transform((value) => value ?? null),
  createdAt: millis,
  launchedAt: millis,
  endedAt: millis,
  retryNumber: z.number().nullish().transform((value) => value ?? null),
});
export type PhantomBusterContainer = z.infer<typeof containerSchema> & { id: string };

/** The agent's saved argument: PhantomBuster sends it as a JSON string (sometimes as an object). */
const savedArgument = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .nullish()
  .transform((value): Record<string, unknown> | null => {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') return value;
    try {
      const parsed = JSON.parse(value) as unknown;
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  });

const agentSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string().nullish(),
  argument: savedArgument,
  s3Folder: z.string().nullish(),
  orgS3Folder: z.string().nullish(),
  lastEndType: z.string().nullish(),
});
/** `argument` usually holds the user's LinkedIn session cookie: read its key names, never log or store it. */
export type PhantomBusterAgentDetails = z.infer<typeof agentSchema>;

const launchSchema = z.object({ containerId: z.union([z.string().min(1), z.number()]).transform(String) });
const resultObjectSchema = z.object({ resultObject: z.string().nullish() });

export type ContainerOutcome = { state: 'running' } | { state: 'finished' } | { state: 'failed'; message: string };

/**
 * Whether a polled container is still running, finished well, or failed. PhantomBuster says
 * `status: finished` for every ended container; only `endType: finished` with exit code 0 (or none)
 * is a success — `agent timeout`, `killed`, `global timeout`… with any exit code are failures.
 */
export function containerOutcome(container: Pick<PhantomBusterContainer, 'status' | 'endType' | 'exitCode'>): ContainerOutcome {
  if (container.status !== 'finished') return { state: 'running' };
  const endType = container.endType ?? 'unknown';
  if (endType === 'finished' && (container.exitCode === null || container.exitCode === 0)) return { state: 'finished' };
  const code = container.exitCode === null ? '' : ` (exit code ${container.exitCode})`;
  return { state: 'failed', message: `The PhantomBuster agent ended with "${endType}"${code}` };
}

export type PhantomBusterResult = { source: 'resultObject'; data: unknown } | { source: 'csv'; csv: string };

export type LaunchOptions = {
  /**
   * `bonusArgument` (default): merged into the agent's saved argument for this launch only, so the
   * LinkedIn session cookie the user saved in the agent stays. `argument` replaces the saved
   * argument for this launch: the agent then runs without the cookie unless it is passed here.
   */
  as?: 'bonusArgument' | 'argument';
};

// S3 folder names are opaque ids; anything else could walk out of the agent's folder.
const S3_FOLDER = /^[A-Za-z0-9_-]{1,200}$/;

export function createPhantomBusterClient(options: PhantomBusterOptions) {
  const api = createJsonApiClient({ baseUrl: options.baseUrl, headers: { 'X-Phantombuster-Key': options.apiKey }, secrets: [options.apiKey], timeoutMs: options.timeoutMs });
  const now = options.now ?? (() => new Date());
  const host = new URL(options.baseUrl).host;

  /** One call of the engine's: 2xx JSON validated by `schema`, anything else a typed error. */
  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    params: { query?: Record<string, string>; body?: unknown; maxResponseBytes?: number } = {},
  ): Promise<T> {
    const search = params.query ? `?${new URLSearchParams(params.query).toString()}` : '';
    const headers: Record<string, string> = { 'X-Phantombuster-Key': options.apiKey, accept: 'application/json' };
    if (params.body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await httpRequest({
        method,
        url: joinUrl(options.baseUrl, path) + search,
        headers,
        body: params.body === undefined ? undefined : JSON.stringify(params.body),
        timeoutMs: options.timeoutMs,
        maxResponseBytes: params.maxResponseBytes,
        allowPrivate: true,
      });
    } catch (error) {
      throw error instanceof IntegrationError ? classifyTransportError(error) : error;
    }
    if (response.status === 401) throw new PhantomBusterAuthError();
    if (response.status < 200 || response.status >= 300) throw httpStatusFailure(response, host, [options.apiKey], now());
    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch {
      throw new PermanentIntegrationError(`${host} did not answer with JSON: check the PhantomBuster base URL`, 'http', response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new PermanentIntegrationError(`PhantomBuster answered ${path} in an unexpected shape`, 'http', response.status);
    return parsed.data;
  }

  async function fetchAgent(agentId: string): Promise<PhantomBusterAgentDetails> {
    return call('GET', '/agents/fetch', agentSchema, { query: { id: agentId } });
  }

  /**
   * The agent's published result.csv (PhantomBuster keeps one per agent, accumulated over its
   * launches, so it may hold earlier runs' rows too). Null when there is none. Fetched without the
   * API key: the file is public and the key must not travel to another host.
   */
  async function fetchResultCsv(agentId: string): Promise<string | null> {
    const agent = await fetchAgent(agentId);
    const { s3Folder, orgS3Folder } = agent;
    if (!s3Folder || !orgS3Folder) return null;
    if (!S3_FOLDER.test(s3Folder) || !S3_FOLDER.test(orgS3Folder)) {
      throw new PermanentIntegrationError('PhantomBuster answered with an unusable result folder', 'http');
    }
    const base = options.s3BaseUrl ?? PHANTOMBUSTER_S3_URL;
    const url = joinUrl(base, `${orgS3Folder}/${s3Folder}/result.csv`);
    let response;
    try {
      response = await httpRequest({ url, headers: { accept: 'text/csv' }, timeoutMs: options.timeoutMs, maxResponseBytes: RESULT_MAX_BYTES, allowPrivate: true });
    } catch (error) {
      throw error instanceof IntegrationError ? classifyTransportError(error) : error;
    }
    // S3 answers 403 (not 404) for a missing key in a bucket that does not allow listing.
    if (response.status === 404 || response.status === 403) return null;
    if (response.status < 200 || response.status >= 300) throw httpStatusFailure(response, new URL(base).host, [], now());
    return response.text.trim() === '' ? null : response.text;
  }

  /** The container's result object, parsed (PhantomBuster sends it as a JSON string); null when there is none. */
  async function fetchResultObject(containerId: string): Promise<unknown> {
    const { resultObject } = await call('GET', '/containers/fetch-result-object', resultObjectSchema, {
      query: { id: containerId },
      maxResponseBytes: RESULT_MAX_BYTES,
    });
    if (resultObject === null || resultObject === undefined || resultObject.trim() === '') return null;
    try {
      return JSON.parse(resultObject) as unknown;
    } catch {
      throw new UnreadableResultError();
    }
  }

  return {
    ...api,
    listAgents: () => api.get<PhantomBusterAgent[]>('/agents/fetch-all'),
    /** The cheap call behind "Test connection": lists the account's agents. */
    async verify(): Promise<{ account: string | null }> {
      const agents = await api.get<unknown>('/agents/fetch-all');
      const count = Array.isArray(agents) ? agents.length : 0;
      return { account: `${count} agent${count === 1 ? '' : 's'}` };
    },

    /** Queues a launch of the agent; resolves with the new container's id. */
    async launchAgent(agentId: string, argument: Record<string, unknown>, launch: LaunchOptions = {}): Promise<string> {
      const { containerId } = await call('POST', '/agents/launch', launchSchema, { body: { id: agentId, [launch.as ?? 'bonusArgument']: argument } });
      return containerId;
    },

    async fetchContainer(containerId: string): Promise<PhantomBusterContainer> {
      const container = await call('GET', '/containers/fetch', containerSchema, { query: { id: containerId } });
      return { ...container, id: container.id ?? containerId };
    },

    fetchAgent,
    fetchResultObject,
    fetchResultCsv,

    /**
     * What a finished container produced: its result object, else (none, or not JSON) the agent's
     * result.csv. Throws PermanentIntegrationError when there is neither.
     */
    async fetchResults(containerId: string, agentId: string): Promise<PhantomBusterResult> {
      let unreadable: UnreadableResultError | null = null;
      try {
        const data = await fetchResultObject(containerId);
        if (data !== null) return { source: 'resultObject', data };
      } catch (error) {
        if (!(error instanceof UnreadableResultError)) throw error;
        unreadable = error;
      }
      const csv = await fetchResultCsv(agentId);
      if (csv !== null) return { source: 'csv', csv };
      throw unreadable ?? new PermanentIntegrationError('The PhantomBuster agent finished without a result (no result object, no result.csv)', 'http');
    },
  };
}

export type PhantomBusterClient = ReturnType<typeof createPhantomBusterClient>;
