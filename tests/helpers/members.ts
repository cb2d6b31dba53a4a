import type { MemberRole } from '../../src/shared/enums.js';
import type { TestApp, TestClient } from './test-app.js';

/**
 * A second person joins the inviter's workspace with `role` through a real invitation link, and
 * gets their own signed-in client.
 */
export async function joinWorkspace(
  app: TestApp,
  inviter: TestClient,
  role: MemberRole = 'member',
  name = `Test ${role}`,
): Promise<{ client: TestClient; user: { id: string; email: string; name: string } }> {
  const invitation = await inviter.trpc().invitations.create.mutate({ role });
  const token = invitation.url.split('/invite/')[1]!;
  const client = app.client();
  const email = `${role}-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const accepted = await client.trpc().invitations.accept.mutate({ token, account: { email, name, password: 'correct horse battery staple' } });
  return { client, user: accepted.user };
}
