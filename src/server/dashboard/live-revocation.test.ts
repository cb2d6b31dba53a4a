import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinWorkspace } from '../../../tests/helpers/members.js';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { recordEvent } from '../events/events.service.js';
import { AUTH_RECHECK_MS } from './live.js';

/** The live stream re-checks who is listening: losing access ends it, and nothing more goes out. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

type Outcome = { types: string[]; error: unknown; ended: Promise<unknown> };

function listen(client: TestClient): { outcome: Outcome; started: Promise<void>; close: () => void } {
  let resolveStarted!: () => void;
  let resolveEnded!: (error: unknown) => void;
  const started = new Promise<void>((resolve) => (resolveStarted = resolve));
  const outcome: Outcome = { types: [], error: undefined, ended: new Promise((resolve) => (resolveEnded = resolve)) };
  const subscription = client.trpc().dashboard.live.subscribe(
    {},
    {
      onStarted: () => resolveStarted(),
      onData: (value) => outcome.types.push(value.data.type),
      onError: (error) => {
        outcome.error = error;
        resolveStarted();
        resolveEnded(error);
      },
      onComplete: () => resolveEnded(undefined),
    },
  );
  return { outcome, started, close: () => subscription.unsubscribe() };
}

const emit = (workspaceId: string, type: string) => t.database.withWorkspace(workspaceId, (db) => recordEvent(db, { workspaceId, type }));

async function deliveredFirst(outcome: Outcome, type: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!outcome.types.includes(type)) {
    if (Date.now() > deadline) throw new Error(`never received ${type}: ${JSON.stringify(outcome.types)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'still open'> {
  return Promise.race([promise, new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), ms))]);
}

describe('dashboard.live after access is lost', () => {
  it('a removed member’s stream ends and gets no event of the workspace after the removal', async () => {
    const admin = t.client();
    const { workspace } = await admin.signUp();
    const { client: member, user } = await joinWorkspace(t, admin);
    const live = listen(member);
    await live.started;
    await emit(workspace.id, 'before.removal');
    await deliveredFirst(live.outcome, 'before.removal');

    expect((await admin.request('DELETE', `/api/admin/members/${user.id}`)).status).toBe(200);
    await emit(workspace.id, 'after.removal');
    const ended = await withTimeout(live.outcome.ended, AUTH_RECHECK_MS + 3_000);
    live.close();
    expect(ended).not.toBe('still open');
    expect(live.outcome.types).not.toContain('after.removal');
    expect(live.outcome.error).toMatchObject({ data: { code: expect.stringMatching(/FORBIDDEN|UNAUTHORIZED/) } });
  }, 20_000);

  it('a signed-out session’s stream ends, even with no event to send (timer)', async () => {
    const client = t.client();
    const { workspace } = await client.signUp();
    const live = listen(client);
    await live.started;
    // The same browser signs out in another tab: same cookie, session gone.
    const cookie = client.cookieHeader();
    const out = await fetch(`${t.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie, origin: t.url } });
    expect(out.status).toBe(204);
    const ended = await withTimeout(live.outcome.ended, AUTH_RECHECK_MS + 3_000);
    await emit(workspace.id, 'after.sign_out');
    await new Promise((resolve) => setTimeout(resolve, 300));
    live.close();
    expect(ended).not.toBe('still open');
    expect(live.outcome.types).not.toContain('after.sign_out');
    expect(live.outcome.error).toMatchObject({ data: { code: 'UNAUTHORIZED', reason: 'auth.session_expired' } });
  }, 20_000);

  it('a stream opened with an API token ends once the token is revoked', async () => {
    const admin = t.client();
    const { workspace } = await admin.signUp();
    const created = await admin.request<{ id: string; token: string }>('POST', '/api/admin/api-tokens', { json: { name: 'live' } });
    const script = t.client();
    script.bearer = created.body.token;
    const live = listen(script);
    await live.started;
    await emit(workspace.id, 'before.revoke');
    await deliveredFirst(live.outcome, 'before.revoke');

    expect((await admin.request('DELETE', `/api/admin/api-tokens/${created.body.id}`)).status).toBe(204);
    await emit(workspace.id, 'after.revoke');
    const ended = await withTimeout(live.outcome.ended, AUTH_RECHECK_MS + 3_000);
    live.close();
    expect(ended).not.toBe('still open');
    expect(live.outcome.types).not.toContain('after.revoke');
    expect(live.outcome.error).toMatchObject({ data: { code: 'UNAUTHORIZED', reason: 'auth.token_invalid' } });
  }, 20_000);
});
