import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'csv-stringify/sync';
import type { ProfileRow } from './linkedin-profiles.js';

/**
 * A local PhantomBuster API v2 over a real socket, with agents whose behaviour a test scripts:
 * a launch queues a container that answers `running` for `runningPolls` polls of
 * /containers/fetch, then ends — with a result object of the agent's profiles, or failed
 * (`endType`/`exitCode`), or with its result only in the agent's result.csv (served under
 * `s3BaseUrl`, like phantombuster.s3.amazonaws.com). A wrong key gets 401; `rateLimit(n)` makes
 * the next n API calls answer 429 with Retry-After; `failNext(n)` makes them answer 500.
 *
 *   PHANTOMBUSTER_API_URL = fake.baseUrl      (…/api/v2)
 *   result files          = fake.s3BaseUrl    (…/s3)
 *
 * Launch arguments follow PhantomBuster: `argument` replaces the agent's saved argument for the
 * launch, `bonusArgument` is merged into it. An agent with `requiresSessionCookie` fails (exit 1)
 * when the effective argument has no `sessionCookie`, as the real Search Export phantoms do.
 */

export type FakeAgentOutcome =
  | { kind: 'profiles'; rows: ProfileRow[] }
  | { kind: 'fails'; endType: string; exitCode: number; output?: string };

export type FakeAgent = {
  id: string;
  name?: string;
  /** Polls answering `running` before the container ends (default 2). */
  runningPolls?: number;
  outcome: FakeAgentOutcome;
  /** Where the result is published: the container's result object and result.csv (default), only the CSV, or nowhere. */
  resultIn?: 'object' | 'csvOnly' | 'nowhere' | 'brokenObject';
  savedArgument?: Record<string, unknown>;
  requiresSessionCookie?: boolean;
};

export type FakeContainer = {
  id: string;
  agentId: string;
  polls: number;
  effectiveArgument: Record<string, unknown>;
  createdAt: number;
  ended: boolean;
};

export type FakeCall = { method: string; path: string; query: Record<string, string>; headers: IncomingHttpHeaders; body: unknown };

export type FakePhantomBuster = {
  url: string;
  baseUrl: string;
  s3BaseUrl: string;
  apiKey: string;
  /** Every request, oldest first (API and S3). */
  calls: FakeCall[];
  containers: Map<string, FakeContainer>;
  addAgent(agent: FakeAgent): void;
  /** The next `times` API calls answer 429 with this Retry-After value (seconds or an HTTP date). */
  rateLimit(times: number, retryAfter: string): void;
  /** The next `times` API calls answer 500. */
  failNext(times: number): void;
  close(): Promise<void>;
};

export const FAKE_PHANTOMBUSTER_KEY = 'pb-fake-key-0001';
const ORG_FOLDER = 'org0fake0folder';

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** PhantomBuster's CSV: one column per key seen, in first-seen order. */
function toCsv(rows: ProfileRow[]): string {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return stringify(rows, { header: true, columns });
}

export async function startFakePhantomBuster(options: { agents?: FakeAgent[]; apiKey?: string; clock?: () => number } = {}): Promise<FakePhantomBuster> {
  const apiKey = options.apiKey ?? FAKE_PHANTOMBUSTER_KEY;
  const clock = options.clock ?? (() => 1_772_000_000_000);
  const agents = new Map<string, FakeAgent>((options.agents ?? []).map((agent) => [agent.id, agent]));
  const containers = new Map<string, FakeContainer>();
  const published = new Map<string, ProfileRow[]>(); // agent id → accumulated result.csv rows
  const calls: FakeCall[] = [];
  let rateLimited = { times: 0, retryAfter: '1' };
  let failing = 0;
  let nextContainer = 7_000_000_000_000_001n;

  const folderOf = (agentId: string) => `agent${agentId}`;

  function isSuccess(agent: FakeAgent, container: FakeContainer): boolean {
    if (agent.outcome.kind !== 'profiles') return false;
    return !agent.requiresSessionCookie || typeof container.effectiveArgument.sessionCookie === 'string';
  }

  function containerJson(container: FakeContainer) {
    const agent = agents.get(container.agentId)!;
    const running = container.polls <= (agent.runningPolls ?? 2);
    const base = { id: container.id, agentId: container.agentId, createdAt: container.createdAt, launchedAt: container.createdAt + 1000, retryNumber: 0 };
    if (running) return { ...base, status: 'running' };
    if (!container.ended) {
      container.ended = true;
      if (isSuccess(agent, container) && agent.outcome.kind === 'profiles' && agent.resultIn !== 'nowhere') {
        published.set(agent.id, [...(published.get(agent.id) ?? []), ...agent.outcome.rows]);
      }
    }
    const endedAt = container.createdAt + 60_000;
    if (isSuccess(agent, container)) return { ...base, status: 'finished', endType: 'finished', exitCode: 0, endedAt };
    if (agent.outcome.kind === 'fails') return { ...base, status: 'finished', endType: agent.outcome.endType, exitCode: agent.outcome.exitCode, endedAt };
    return { ...base, status: 'finished', endType: 'finished', exitCode: 1, endedAt };
  }

  function api(method: string, path: string, query: Record<string, string>, body: unknown, res: http.ServerResponse) {
    if (path === '/agents/fetch-all' && method === 'GET') {
      return send(res, 200, [...agents.values()].map((agent) => ({ id: agent.id, name: agent.name ?? `Agent ${agent.id}`, scriptId: 7, lastEndType: null })));
    }
    if (path === '/agents/fetch' && method === 'GET') {
      const agent = agents.get(query.id ?? '');
      if (!agent) return send(res, 404, { status: 'error', error: 'Agent not found' });
      return send(res, 200, { id: agent.id, name: agent.name ?? `Agent ${agent.id}`, scriptId: 7, argument: JSON.stringify(agent.savedArgument ?? {}), s3Folder: folderOf(agent.id), orgS3Folder: ORG_FOLDER, lastEndType: null });
    }
    if (path === '/agents/launch' && method === 'POST') {
      const launch = (body ?? {}) as { id?: unknown; argument?: unknown; bonusArgument?: unknown };
      const agent = typeof launch.id === 'string' ? agents.get(launch.id) : undefined;
      if (!agent) return send(res, 404, { status: 'error', error: 'Agent not found' });
      // Both may be an object or a JSON string.
      const asObject = (value: unknown): Record<string, unknown> | null | 'invalid' => {
        if (typeof value !== 'string') return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
        try {
          return JSON.parse(value) as Record<string, unknown>;
        } catch {
          return 'invalid';
        }
      };
      const argument = asObject(launch.argument);
      const bonus = asObject(launch.bonusArgument);
      if (argument === 'invalid' || bonus === 'invalid') return send(res, 400, { status: 'error', error: 'argument is not valid JSON' });
      const effectiveArgument = { ...(argument ?? agent.savedArgument ?? {}), ...(bonus ?? {}) };
      const id = String(nextContainer++);
      containers.set(id, { id, agentId: agent.id, polls: 0, effectiveArgument, createdAt: clock(), ended: false });
      return send(res, 200, { containerId: id });
    }
    const container = containers.get(query.id ?? '');
    if (path.startsWith('/containers/') && !container) return send(res, 404, { status: 'error', error: 'No container exists with the provided id.' });
    if (path === '/containers/fetch' && method === 'GET' && container) {
      container.polls++;
      return send(res, 200, containerJson(container));
    }
    if (path === '/containers/fetch-result-object' && method === 'GET' && container) {
      const agent = agents.get(container.agentId)!;
      const done = container.ended && isSuccess(agent, container) && agent.outcome.kind === 'profiles';
      if (!done || agent.resultIn === 'csvOnly' || agent.resultIn === 'nowhere') return send(res, 200, { resultObject: null });
      if (agent.resultIn === 'brokenObject') return send(res, 200, { resultObject: '[{"profileUrl": "https://www.linkedin.com/in/cut-off' });
      return send(res, 200, { resultObject: JSON.stringify(agent.outcome.kind === 'profiles' ? agent.outcome.rows : []) });
    }
    if (path === '/agents/fetch-output' && method === 'GET') {
      const agent = agents.get(query.id ?? '');
      if (!agent) return send(res, 404, { status: 'error', error: 'Agent not found' });
      const latest = [...containers.values()].filter((entry) => entry.agentId === agent.id).at(-1);
      if (!latest) return send(res, 200, { containerId: null, status: 'never launched', output: '', isAgentRunning: false });
      const state = containerJson(latest);
      return send(res, 200, { containerId: latest.id, status: state.status, output: 'Scraping…\n', outputPos: 11, isAgentRunning: state.status === 'running', progress: null });
    }
    return send(res, 404, { status: 'error', error: `fake: no route ${method} ${path}` });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      if (text) {
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          calls.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body: text });
          return send(res, 400, { status: 'error', error: 'Invalid JSON body' });
        }
      }
      const query = Object.fromEntries(url.searchParams);
      calls.push({ method, path: url.pathname, query, headers: req.headers, body });

      const s3 = /^\/s3\/([^/]+)\/([^/]+)\/result\.csv$/.exec(url.pathname);
      if (s3 && method === 'GET') {
        const agentId = s3[1] === ORG_FOLDER ? [...agents.keys()].find((id) => folderOf(id) === s3[2]) : undefined;
        const rows = agentId ? published.get(agentId) : undefined;
        if (!rows) {
          res.writeHead(403, { 'content-type': 'application/xml' });
          return res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
        }
        res.writeHead(200, { 'content-type': 'text/csv' });
        return res.end(toCsv(rows));
      }

      if (!url.pathname.startsWith('/api/v2/')) return send(res, 404, { status: 'error', error: 'Not found' });
      if (req.headers['x-phantombuster-key'] !== apiKey) return send(res, 401, { status: 'error', error: 'Unauthorized' });
      if (rateLimited.times > 0) {
        rateLimited.times--;
        return send(res, 429, { status: 'error', error: 'Too many requests' }, { 'retry-after': rateLimited.retryAfter });
      }
      if (failing > 0) {
        failing--;
        return send(res, 500, { status: 'error', error: 'Internal server error' });
      }
      api(method, url.pathname.slice('/api/v2'.length), query, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrl: `${url}/api/v2`,
    s3BaseUrl: `${url}/s3`,
    apiKey,
    calls,
    containers,
    addAgent: (agent) => void agents.set(agent.id, agent),
    rateLimit: (times, retryAfter) => {
      rateLimited = { times, retryAfter };
    },
    failNext: (times) => {
      failing = times;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
