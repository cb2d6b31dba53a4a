import type { TestApp, TestClient } from './test-app.js';

/** A second user joining the inviter's workspace with `role`, through a real invitation link. */
export async function joinWorkspace(app: TestApp, inviter: TestClient, role: 'member' | 'admin' = 'member'): Promise<TestClient> {
  const invitation = await inviter.trpc().invitations.create.mutate({ role });
  const token = invitation.url.split('/invite/')[1]!;
  const client = app.client();
  await client.trpc().invitations.accept.mutate({
    token,
    account: { email: `${role}-${Math.random().toString(36).slice(2, 9)}@example.com`, name: `Test ${role}`, password: 'correct horse battery staple' },
  });
  return client;
}
