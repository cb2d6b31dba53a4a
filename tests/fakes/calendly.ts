import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Calendly API (v2) for webhook subscriptions, over a real socket: `GET /users/me`,
 * `POST|GET /webhook_subscriptions`, `DELETE /webhook_subscriptions/{uuid}`, with Calendly's
 * answers: 401 for an unknown token, 403 on a free plan (any scope) or for organization scope
 * without admin rights, 409 when a subscription already has the URL at that scope.
 * Point CALENDLY_API_URL at `url`.
 */
export type FakeCalendlySubscription = {
  uri: string;
  callback_url: string;
  created_at: string;
  updated_at: string;
  state: 'active';
  events: string[];
  scope: 'organization' | 'user';
  organization: string;
  user: string | null;
  creator: string;
  /** Write-only on the real API (never listed); kept here so tests can check what was sent. */
  signingKey: string;
};

export type FakeCalendly = {
  url: string;
  token: string;
  /** False: the token's user is not an organization admin (organization scope → 403). */
  orgAdmin: boolean;
  /** False: the free plan, where every subscription is refused with 403. */
  paidPlan: boolean;
  subscriptions: FakeCalendlySubscription[];
  requests: { method: string; path: string; body: string }[];
  readonly userUri: string;
  readonly organizationUri: string;
  close(): Promise<void>;
};

const API = 'https://api.calendly.com';

export async function startFakeCalendly(options: { token?: string } = {}): Promise<FakeCalendly> {
  const userUri = `${API}/users/${randomUUID()}`;
  const organizationUri = `${API}/organizations/${randomUUID()}`;
  const state = { token: options.token ?? 'calendly-pat-good-0001', orgAdmin: true, paidPlan: true, subscriptions: [] as FakeCalendlySubscription[], requests: [] as FakeCalendly['requests'] };

  const send = (res: http.ServerResponse, status: number, body?: unknown) => {
    res.statusCode = status;
    if (body === undefined) return res.end();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
  const listed = (subscription: FakeCalendlySubscription) => {
    const { signingKey: _writeOnly, ...visible } = subscription;
    return visible;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = Buffer.concat(chunks).toString('utf8');
      state.requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, body });
      if (req.headers.authorization !== `Bearer ${state.token}`) {
        return send(res, 401, { title: 'Unauthenticated', message: 'The access token is invalid' });
      }
      if (url.pathname === '/users/me' && req.method === 'GET') {
        return send(res, 200, { resource: { uri: userUri, name: 'Alex Sender', email: 'alex@sender.example', current_organization: organizationUri } });
      }
      if (url.pathname === '/webhook_subscriptions' && req.method === 'POST') {
        const input = JSON.parse(body) as { url?: string; events?: string[]; organization?: string; user?: string; scope?: 'organization' | 'user'; signing_key?: string };
        if (!input.url || !input.events?.length || input.organization !== organizationUri || !input.scope) {
          return send(res, 400, { title: 'Invalid Argument', message: 'The supplied parameters are invalid.' });
        }
        if (input.scope === 'user' && input.user !== userUri) return send(res, 400, { title: 'Invalid Argument', message: 'user is required for user scope' });
        if (!state.paidPlan) return send(res, 403, { title: 'Permission Denied', message: 'Please upgrade your Calendly account to Standard' });
        if (input.scope === 'organization' && !state.orgAdmin) return send(res, 403, { title: 'Permission Denied', message: 'You do not have permission to access this resource.' });
        if (state.subscriptions.some((existing) => existing.callback_url === input.url && existing.scope === input.scope)) {
          return send(res, 409, { title: 'Already Exists', message: 'Hook with this url already exists' });
        }
        const now = new Date().toISOString();
        const subscription: FakeCalendlySubscription = {
          uri: `${API}/webhook_subscriptions/${randomUUID()}`,
          callback_url: input.url,
          created_at: now,
          updated_at: now,
          state: 'active',
          events: input.events,
          scope: input.scope,
          organization: organizationUri,
          user: input.scope === 'user' ? userUri : null,
          creator: userUri,
          signingKey: input.signing_key ?? '',
        };
        state.subscriptions.push(subscription);
        return send(res, 201, { resource: listed(subscription) });
      }
      if (url.pathname === '/webhook_subscriptions' && req.method === 'GET') {
        const scope = url.searchParams.get('scope');
        if (url.searchParams.get('organization') !== organizationUri || !scope) return send(res, 400, { title: 'Invalid Argument', message: 'organization and scope are required' });
        if (scope === 'user' && url.searchParams.get('user') !== userUri) return send(res, 400, { title: 'Invalid Argument', message: 'user is required for user scope' });
        const collection = state.subscriptions.filter((subscription) => subscription.scope === scope).map(listed);
        return send(res, 200, { collection, pagination: { count: collection.length, next_page: null, previous_page: null, next_page_token: null, previous_page_token: null } });
      }
      const uuid = /^\/webhook_subscriptions\/([^/]+)$/.exec(url.pathname)?.[1];
      if (uuid && req.method === 'DELETE') {
        const index = state.subscriptions.findIndex((subscription) => subscription.uri.endsWith(`/${uuid}`));
        if (index < 0) return send(res, 404, { title: 'Resource Not Found', message: 'The server could not find the requested resource.' });
        state.subscriptions.splice(index, 1);
        return send(res, 204);
      }
      return send(res, 404, { title: 'Resource Not Found', message: 'The server could not find the requested resource.' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    userUri,
    organizationUri,
    // Idempotent: a test may close it early to see Calendly unreachable.
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
