import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

type ErrorBody = { error: { code: string; message: string; issues?: { path: string[]; message: string }[] } };
const NEW_PASSWORD = 'a brand new passphrase';

describe('my account', () => {
  it('changes my own name, and refuses an empty or over-long one', async () => {
    const client = t.client();
    await client.signUp({ name: 'Old Name' });
    const renamed = await client.request('PATCH', '/api/me', { json: { name: '  Ada Lovelace ' } });
    expect(renamed).toMatchObject({ status: 200, body: { name: 'Ada Lovelace' } });
    expect((await client.request<{ user: { name: string } }>('GET', '/api/me')).body.user.name).toBe('Ada Lovelace');
    for (const name of ['   ', 'x'.repeat(101)]) {
      const refused = await client.request<ErrorBody>('PATCH', '/api/me', { json: { name } });
      expect(refused.status).toBe(400);
      expect(refused.body.error.issues?.[0]?.path).toEqual(['name']);
    }
    expect((await client.request<{ user: { name: string } }>('GET', '/api/me')).body.user.name).toBe('Ada Lovelace');
  });

  it('changes the password with the current one, keeps this session and signs out the others', async () => {
    const here = t.client();
    const account = await here.signUp();
    const elsewhere = t.client();
    expect((await elsewhere.request('POST', '/api/auth/sign-in', { json: { email: account.user.email, password: account.password } })).status).toBe(200);

    const changed = await here.request('POST', '/api/me/password', { json: { currentPassword: account.password, newPassword: NEW_PASSWORD } });
    expect(changed).toMatchObject({ status: 200, body: { otherSessionsRevoked: 1 } });
    expect((await here.request('GET', '/api/me')).status).toBe(200);
    expect((await elsewhere.request('GET', '/api/me')).status).toBe(401);

    const oldPassword = await t.client().request('POST', '/api/auth/sign-in', { json: { email: account.user.email, password: account.password } });
    expect(oldPassword.status).toBe(401);
    const newPassword = await t.client().request('POST', '/api/auth/sign-in', { json: { email: account.user.email, password: NEW_PASSWORD } });
    expect(newPassword.status).toBe(200);
  });

  it('refuses a wrong current password or a weak new one, and changes nothing', async () => {
    const client = t.client();
    const account = await client.signUp();
    const wrong = await client.request<ErrorBody>('POST', '/api/me/password', { json: { currentPassword: 'not my password', newPassword: NEW_PASSWORD } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues?.[0]?.path).toEqual(['currentPassword']);
    const weak = await client.request<ErrorBody>('POST', '/api/me/password', { json: { currentPassword: account.password, newPassword: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.issues?.[0]?.path).toEqual(['newPassword']);
    const stillOld = await t.client().request('POST', '/api/auth/sign-in', { json: { email: account.user.email, password: account.password } });
    expect(stillOld.status).toBe(200);
  });
});
