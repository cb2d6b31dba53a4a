import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinWorkspace } from '../../../tests/helpers/members.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { addProspect, allPages, signedIn, type ErrorBody } from './prospects.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

describe('bulk delete of prospects', () => {
  it('is admin-only over REST and tRPC: a member deleting everything by an empty filter gets 403 and nothing goes', async () => {
    const { client: admin } = await signedIn(t);
    for (let i = 0; i < 3; i++) await addProspect(admin, { email: `keep${i}@example.com` });
    const { client: member } = await joinWorkspace(t, admin);

    const rest = await member.request<ErrorBody>('POST', '/api/admin/prospects/bulk', { json: { filter: {}, action: 'delete' } });
    expect(rest.status).toBe(403);
    expect(rest.body.error.reason).toBe('auth.admin_only');
    const ids = (await allPages(admin, '')).items.map((p) => p.id);
    await expect(member.trpc().prospects.bulk.mutate({ ids, action: 'delete' })).rejects.toMatchObject({ data: { code: 'FORBIDDEN', reason: 'auth.admin_only' } });
    expect((await allPages(admin, '')).items).toHaveLength(3);

    // Tagging stays open to members.
    const tagged = await member.request<{ affected: number }>('POST', '/api/admin/prospects/bulk', { json: { filter: {}, action: 'tag', tag: 'seen' } });
    expect(tagged.body.affected).toBe(3);
    // The admin may delete.
    expect((await admin.request<{ affected: number }>('POST', '/api/admin/prospects/bulk', { json: { filter: {}, action: 'delete' } })).body.affected).toBe(3);
  });

  it('deletes exactly the count the user confirmed: a selection that grew meanwhile is refused (409) and kept', async () => {
    const { client: admin } = await signedIn(t);
    for (let i = 0; i < 2; i++) await addProspect(admin, { email: `c${i}@example.com`, company: 'Gone' });
    // Confirmed "Delete 2 prospects", then a third one matching the filter arrives.
    await addProspect(admin, { email: 'late@example.com', company: 'Gone' });
    const res = await admin.request<ErrorBody>('POST', '/api/admin/prospects/bulk', { json: { filter: { q: 'gone' }, action: 'delete', expectedCount: 2 } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ reason: 'prospect.bulk_count_changed', params: { expected: 2, actual: 3 } });
    expect((await allPages(admin, '')).items).toHaveLength(3);
    const ok = await admin.request<{ affected: number }>('POST', '/api/admin/prospects/bulk', { json: { filter: { q: 'gone' }, action: 'delete', expectedCount: 3 } });
    expect(ok.body.affected).toBe(3);
  });
});
