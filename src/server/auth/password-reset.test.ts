import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../../tests/fakes/smtp-server.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { loadConfig } from '../config.js';
import { passwordResets } from '../db/schema/index.js';

type ErrorBody = { error: { reason: string } };
const NEW_PASSWORD = 'a brand new passphrase';

let smtp: FakeSmtpServer;
let mailed: TestApp;
let logged: TestApp;
beforeAll(async () => {
  smtp = await startFakeSmtpServer();
  mailed = await startTestApp({ SMTP_URL: `smtp://${smtp.host}:${smtp.port}`, MAIL_FROM: 'Sales Machine <robot@sm.example>', APP_URL: 'https://sm.example' });
  logged = await startTestApp();
});
afterAll(async () => {
  await mailed?.stop();
  await logged?.stop();
  await smtp?.stop();
});

/** A browser on APP_URL's origin (the CSRF check compares Origin with APP_URL). */
function onAppUrl(t: TestApp) {
  const client = t.client();
  client.origin = 'https://sm.example';
  return client;
}

const linkIn = (text: string) => /https:\/\/sm\.example\/reset-password#(\S+)/.exec(text)?.[1];

async function askForLink(t: TestApp, email: string) {
  const arrived = smtp.nextMessage();
  const asked = await onAppUrl(t).request('POST', '/api/auth/password-reset', { json: { email } });
  expect(asked).toMatchObject({ status: 202, body: { delivery: 'email' } });
  const message = await arrived;
  expect(message).toMatchObject({ to: email, from: 'robot@sm.example' });
  const token = linkIn(message.text);
  expect(token).toBeTruthy();
  return token!;
}

describe('forgot password', () => {
  it('emails a one-time link that sets a new password and signs out every session', async () => {
    const owner = onAppUrl(mailed);
    const account = await owner.signUp();
    const token = await askForLink(mailed, account.user.email);

    const confirmed = await onAppUrl(mailed).request('POST', '/api/auth/password-reset/confirm', { json: { token, password: NEW_PASSWORD } });
    expect(confirmed.status).toBe(204);
    expect((await owner.request('GET', '/api/me')).status).toBe(401);
    const signIn = (password: string) => onAppUrl(mailed).request('POST', '/api/auth/sign-in', { json: { email: account.user.email, password } });
    expect((await signIn(account.password)).status).toBe(401);
    expect((await signIn(NEW_PASSWORD)).status).toBe(200);

    // The link works once, and only its hash is stored.
    const again = await onAppUrl(mailed).request<ErrorBody>('POST', '/api/auth/password-reset/confirm', { json: { token, password: 'yet another passphrase' } });
    expect(again).toMatchObject({ status: 400, body: { error: { reason: 'auth.reset_link_invalid' } } });
    const [row] = await mailed.database.db.select().from(passwordResets).where(eq(passwordResets.id, token.split('.')[0]!));
    expect(Buffer.from(row!.secretHash).toString('utf8')).not.toContain(token.split('.')[1]!);
  });

  it('answers 202 the same way, in similar time, for an address with no account, and sends nothing', async () => {
    const account = await onAppUrl(mailed).signUp();
    const time = async (email: string) => {
      const started = performance.now();
      const response = await onAppUrl(mailed).request('POST', '/api/auth/password-reset', { json: { email } });
      return { status: response.status, body: response.body, ms: performance.now() - started };
    };
    const before = smtp.messages.length;
    const arrived = smtp.nextMessage();
    const unknown = await time('nobody-here@example.com');
    const known = await time(account.user.email);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(Math.abs(unknown.ms - known.ms)).toBeLessThan(150);
    await arrived;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.messages.slice(before).map((message) => message.to)).toEqual([account.user.email]);
  });

  it('refuses an expired, unknown or malformed link with 400, and a weak new password', async () => {
    const account = await onAppUrl(mailed).signUp();
    const token = await askForLink(mailed, account.user.email);
    const confirm = (body: unknown) => onAppUrl(mailed).request<ErrorBody>('POST', '/api/auth/password-reset/confirm', { json: body });
    expect((await confirm({ token, password: 'short' })).status).toBe(400);

    await mailed.database.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.id, token.split('.')[0]!));
    for (const bad of [token, `${token.split('.')[0]}.${'x'.repeat(43)}`, 'not-a-token']) {
      expect(await confirm({ token: bad, password: NEW_PASSWORD })).toMatchObject({ status: 400, body: { error: { reason: 'auth.reset_link_invalid' } } });
    }
    expect((await onAppUrl(mailed).request('POST', '/api/auth/sign-in', { json: { email: account.user.email, password: account.password } })).status).toBe(200);
  });

  it('throttles requests per address (silently) and per IP (429)', async () => {
    const account = await onAppUrl(mailed).signUp();
    const before = smtp.messages.length;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await onAppUrl(mailed).request('POST', '/api/auth/password-reset', { json: { email: i < 5 ? account.user.email : `x${i}@example.com` } })).status);
    // Earlier tests in this file used part of the per-IP budget: the 429 comes at the latest on the 11th.
    expect(statuses.slice(0, 5).every((status) => status === 202)).toBe(true);
    expect(statuses).toContain(429);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.slice(before).filter((message) => message.to === account.user.email)).toHaveLength(3);
  });

  it('writes the link to the log when no SMTP_URL is set, and says so', async () => {
    const account = await logged.client().signUp();
    const warn = vi.spyOn(logged.app.services.logger, 'warn');
    try {
      const asked = await logged.client().request('POST', '/api/auth/password-reset', { json: { email: account.user.email } });
      expect(asked).toMatchObject({ status: 202, body: { delivery: 'log' } });
      const [fields] = warn.mock.calls.find(([, message]) => String(message).includes('password reset link')) as [{ resetLink: string }, string];
      expect(fields.resetLink).toMatch(new RegExp(`^${logged.url}/reset-password#[a-z2-9]+\\.[\\w-]+$`));
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses SMTP_URL without APP_URL (the link must not take its host from the request)', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example:587' })).toThrow(/SMTP_URL: needs APP_URL/);
  });
});
