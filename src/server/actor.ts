import type { MemberRole } from '../shared/enums.js';

/**
 * Who acts, in which workspace, with which role: built once per request (the tRPC context) and
 * passed to services beside the workspace-scoped `db`, so no router assembles it by hand.
 */
export type Actor = {
  workspaceId: string;
  /** Null for work the system does on its own (jobs, webhooks). */
  userId: string | null;
  role: MemberRole | null;
};

/** A person acting through the API: always a user with a role. */
export type UserActor = Actor & { userId: string; role: MemberRole };

/** The system acting in a workspace (a job, a webhook): no user, no role. */
export const systemActor = (workspaceId: string): Actor => ({ workspaceId, userId: null, role: null });
