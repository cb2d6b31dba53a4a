import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client';
import { EventSource } from 'eventsource';
import superjson from 'superjson';
import { createApp, type App } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import type { AppRouter } from '../../src/server/router.js';
import { createTestDatabase, TEST_TMP, type TestDatabase } from './test-db.js';

export type TestApp = {
  app: App;
  url: string;
  config: Config;
  database: TestDatabase;
  /** A browser-like client: keeps cookies, sends our Origin on writes. */
  client(): TestClient;
  stop(): Promise<void>;
};

/** Starts the whole app on a free port against a private database. Jobs run only when a test drains them. */
export async function startTestApp(env: Record<string, string> = {}, options: Pick<NonNullable<Parameters<typeof createApp>[1]>, 'onInstantlyReply' | 'imapIdle'> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    // Every test signs up from 127.0.0.1; the sign-up throttle has its own test.
    SIGN_UP_LIMIT_PER_IP: '100000',
    DATA_DIR: mkdtempSync(path.join(TEST_TMP, 'data-')),
    ...env,
  });
  const app = await createApp(config, { database, ...options });
  const url = await app.start();
  return {
    app,
    url,
    config,
    database,
    client: () => new TestClient(url),
    async stop() {
      await app.stop();
      await database.close();
    },
  };
}

export type TestResponse<T = unknown> = { status: number; headers: Headers; body: T; text: string };

export class TestClient {
  readonly cookies = new Map<string, string>();
  /** Sent as Origin on every request, like a browser on the app's page. */
  origin: string | null;
  bearer: string | null = null;

  constructor(readonly baseUrl: string) {
    this.origin = baseUrl;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  headers(extra: Record<string, string> = {}, method = 'GET'): Record<string, string> {
    const headers: Record<string, string> = { ...extra };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (this.origin && method !== 'GET') headers.origin = this.origin;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    return headers;
  }

  storeCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (/Max-Age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request<T = unknown>(
    method: string,
    pathname: string,
    options: { json?: unknown; body?: string; contentType?: string; headers?: Record<string, string> } = {},
  ): Promise<TestResponse<T>> {
    const headers = this.headers(options.headers, method);
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    if (options.contentType) headers['content-type'] = options.contentType;
    const send = () => fetch(new URL(pathname, this.baseUrl), { method, headers, body, redirect: 'manual' });
    // A kept-alive socket the server closed while the test process was busy (a long seed) resets on
    // reuse; like browsers, retry an idempotent request once on a fresh connection.
    const response = await send().catch((error: unknown) => {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (method === 'GET' && (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')) return send();
      throw error;
    });
    this.storeCookies(response);
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('application/json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  /** Signs up a fresh account (unique email) and keeps its session cookie. */
  async signUp(overrides: Partial<{ email: string; password: string; name: string; workspaceName: string }> = {}) {
    const input = {
      email: `user-${Math.random().toString(36).slice(2, 10)}@example.com`,
      password: 'correct horse battery staple',
      name: 'Test User',
      workspaceName: 'Test Workspace',
      ...overrides,
    };
    const response = await this.request<{ user: { id: string; email: string }; workspace: { id: string; name: string } }>(
      'POST',
      '/api/auth/sign-up',
      { json: input },
    );
    if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${response.text}`);
    return { ...response.body, password: input.password };
  }

  /** A typed tRPC client sharing this client's cookies and origin. */
  trpc(): TRPCClient<AppRouter> {
    const fetchWithCookies: typeof fetch = async (input, init) => {
      const method = init?.method ?? 'GET';
      const headers = { ...(init?.headers as Record<string, string>), ...this.headers({}, method) };
      const response = await fetch(input, { ...init, headers });
      this.storeCookies(response);
      return response;
    };
    const url = `${this.baseUrl}/trpc`;
    return createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: httpSubscriptionLink({
            url,
            transformer: superjson,
            EventSource,
            eventSourceOptions: () => ({
              fetch: (input: string | URL | Request, init?: RequestInit) =>
                fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...this.headers() } }),
            }),
          }),
          false: httpBatchLink({ url, transformer: superjson, fetch: fetchWithCookies }),
        }),
      ],
    });
  }
}
