import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { hashPassword } from '../crypto/passwords.js';
import { delayAfter, FREE_FAILURES } from './sign-in-guard.js';

type ErrorBody = { error: { reason: string; params?: Record<string, unknown> } };

/** Requests arrive through one trusted proxy, so each test picks the client's address. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'true', SIGN_UP_LIMIT_PER_IP: '3' });
});
afterAll(() => t.stop());

const PASSWORD = 'correct horse battery staple';

function from(ip: string) {
  return {
    signIn: (email: string, password: string) => t.client().request<ErrorBody>('POST', '/api/auth/sign-in', { json: { email, password }, headers: { 'x-forwarded-for': ip } }),
    signUp: (email: string) =>
      t.client().request<ErrorBody>('POST', '/api/auth/sign-up', { json: { email, password: PASSWORD, name: 'N', workspaceName: 'W' }, headers: { 'x-forwarded-for': ip } }),
  };
}

const uniqueEmail = () => `th-${Math.random().toString(36).slice(2, 10)}@example.com`;

describe('sign-in: a growing delay per email + address, never a lock-out of the owner', () => {
  it('the delay doubles after the free failures, up to 15 minutes', () => {
    expect(delayAfter(FREE_FAILURES - 1)).toBe(0);
    expect([delayAfter(FREE_FAILURES), delayAfter(FREE_FAILURES + 1), delayAfter(FREE_FAILURES + 3)]).toEqual([1, 2, 8]);
    expect(delayAfter(100)).toBe(900);
  });

  it('a stranger’s wrong guesses from elsewhere never stop the owner’s right password', async () => {
    const email = uniqueEmail();
    expect((await from('198.51.100.10').signUp(email)).status).toBe(201);
    expect((await from('198.51.100.10').signIn(email, PASSWORD)).status).toBe(200);
    // On main: 10 wrong passwords locked the account for 15 minutes, from everywhere.
    for (let i = 0; i < 12; i++) await from(`203.0.113.${i}`).signIn(email, `guess-${i}`);
    const owner = await from('198.51.100.10').signIn(email, PASSWORD);
    expect(owner.status).toBe(200);
  });

  it('from an address where the owner signed in before, the right password gets in even while that address is delayed', async () => {
    const email = uniqueEmail();
    const office = from('198.51.100.20');
    expect((await office.signUp(email)).status).toBe(201);
    expect((await office.signIn(email, PASSWORD)).status).toBe(200);
    // Someone behind the same NAT keeps guessing.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await office.signIn(email, `guess-${i}`)).status);
    expect(statuses).toContain(429);
    expect((await office.signIn(email, PASSWORD)).status).toBe(200);
  });

  it('a new address that guessed wrong waits, with the seconds to wait, and even its right password is delayed', async () => {
    const email = uniqueEmail();
    expect((await from('198.51.100.30').signUp(email)).status).toBe(201);
    const stranger = from('192.0.2.44');
    for (let i = 0; i < FREE_FAILURES; i++) expect((await stranger.signIn(email, `guess-${i}`)).status).toBe(401);
    const delayed = await stranger.signIn(email, 'another guess');
    expect(delayed.status).toBe(429);
    expect(delayed.body.error).toMatchObject({ reason: 'auth.sign_in_delayed', params: { seconds: 1 } });
    expect(Number(delayed.headers.get('retry-after'))).toBe(1);
    expect((await stranger.signIn(email, PASSWORD)).status).toBe(429);
    // Waited out: the right password gets in.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await stranger.signIn(email, PASSWORD)).status).toBe(200);
  });
});

describe('sign-up', () => {
  it('is throttled per address (SIGN_UP_LIMIT_PER_IP per hour)', async () => {
    const ip = from('198.51.100.77');
    for (let i = 0; i < 3; i++) expect((await ip.signUp(uniqueEmail())).status).toBe(201);
    const fourth = await ip.signUp(uniqueEmail());
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.reason).toBe('auth.too_many_sign_ups');
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await from('198.51.100.78').signUp(uniqueEmail())).status).toBe(201);
  });

  it('answers 409 for a taken email only after the same password hashing a new account costs', async () => {
    const email = uniqueEmail();
    expect((await from('198.51.100.90').signUp(email)).status).toBe(201);
    const timed = async (ip: string, address: string) => {
      const started = performance.now();
      const res = await from(ip).signUp(address);
      return { status: res.status, ms: performance.now() - started };
    };
    const taken: number[] = [];
    const hashes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await timed(`198.51.101.${i}`, email);
      expect(a.status).toBe(409);
      taken.push(a.ms);
      const started = performance.now();
      await hashPassword('a-password-of-sign-up-length');
      hashes.push(performance.now() - started);
    }
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[1]!;
    // On main the 409 came back in about 1 ms; it now costs at least the argon2id hash a new account
    // costs (tens of milliseconds). Compared with a hash timed here, in the same conditions, rather
    // than with a whole sign-up, whose extra writes make the ratio depend on the machine's load.
    expect(median(taken)).toBeGreaterThan(median(hashes) * 0.5);
    expect((await timed('198.51.102.1', uniqueEmail())).status).toBe(201);
  });
});
