import type { TestApp, TestClient } from '../../../tests/helpers/test-app.js';
import type { MemberRole } from '../../shared/enums.js';

/**
 * Test helper: a second person joins the admin's workspace through a real invitation link and
 * gets their own signed-in client.
 */
export async function joinAs(t: TestApp, admin: TestClient, role: MemberRole, name = 'Second Person') {
  const invitation = await admin.trpc().invitations.create.mutate({ role });
  const token = invitation.url.split('/invite/')[1]!;
  const client = t.client();
  const email = `${role}-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const accepted = await client.trpc().invitations.accept.mutate({ token, account: { email, name, password: 'correct horse battery staple' } });
  return { client, user: accepted.user };
}
