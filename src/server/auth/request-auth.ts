import type { IncomingMessage } from 'node:http';
import { and, desc, eq } from 'drizzle-orm';
import type { MemberRole } from '../../shared/enums.js';
import type { UserActor } from '../actor.js';
import { AppError } from '../errors.js';
import { validateApiToken } from '../api-tokens/api-token-auth.js';
import type { Database } from '../db/database.js';
import { memberships, users, workspaces } from '../db/schema/index.js';
import { readSessionCookie } from './cookies.js';
import { setActiveWorkspace, validateSessionToken, type SessionUser } from './sessions.js';

export type RequestAuth = {
  via: 'session' | 'apiToken';
  user: SessionUser;
  workspace: { id: string; name: string };
  role: MemberRole;
  sessionId: string | null;
  /** Set when the session's expiry moved and the cookie must be sent again. */
  renewedSession: { token: string; expiresAt: Date } | null;
};

export type AuthOutcome =
  | { kind: 'anonymous' }
  | { kind: 'authenticated'; auth: RequestAuth }
  /** Credentials were presented but are not valid (expired session, revoked token…). */
  | { kind: 'invalid'; via: 'session' | 'apiToken' };

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Who is calling: a Bearer API token wins over the session cookie (and is never CSRF-exposed).
 * The user's role is read inside the workspace scope, so a removed member loses access at once.
 */
export async function authenticateRequest(
  database: Database,
  req: IncomingMessage,
  sessionInactivityMs: number,
): Promise<AuthOutcome> {
  const bearer = bearerToken(req);
  if (bearer !== undefined) {
    const token = await validateApiToken(database, bearer);
    if (!token) return { kind: 'invalid', via: 'apiToken' };
    const member = await loadMember(database, token.workspaceId, token.userId);
    if (!member) return { kind: 'invalid', via: 'apiToken' };
    return {
      kind: 'authenticated',
      auth: { via: 'apiToken', ...member, sessionId: null, renewedSession: null },
    };
  }
  const cookie = readSessionCookie(req);
  if (!cookie) return { kind: 'anonymous' };
  const session = await validateSessionToken(database.db, cookie, sessionInactivityMs);
  if (!session) return { kind: 'invalid', via: 'session' };
  let member: Pick<RequestAuth, 'user' | 'workspace' | 'role'> | null = session.membership
    ? { user: session.user, workspace: { id: session.activeWorkspaceId, name: session.membership.workspaceName }, role: session.membership.role }
    : null;
  if (!member) {
    // Removed from the active workspace: fall back to another one the user still belongs to.
    const fallback = await firstWorkspaceOf(database, session.user.id);
    if (fallback) {
      await setActiveWorkspace(database.db, session.sessionId, fallback);
      member = await loadMember(database, fallback, session.user.id);
    }
  }
  if (!member) return { kind: 'invalid', via: 'session' };
  return {
    kind: 'authenticated',
    auth: {
      via: 'session',
      ...member,
      sessionId: session.sessionId,
      renewedSession: session.renewed ? { token: cookie, expiresAt: session.expiresAt } : null,
    },
  };
}

async function loadMember(
  database: Database,
  workspaceId: string,
  userId: string,
): Promise<Pick<RequestAuth, 'user' | 'workspace' | 'role'> | null> {
  const [row] = await database.withWorkspace(workspaceId, (db) =>
    db
      .select({
        role: memberships.role,
        workspace: { id: workspaces.id, name: workspaces.name },
        user: { id: users.id, email: users.email, name: users.name, language: users.language },
      })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .limit(1),
  );
  return row ?? null;
}

/** The user's most recently joined workspace; a cross-workspace look-up, hence system. */
export async function firstWorkspaceOf(database: Database, userId: string): Promise<string | null> {
  const [row] = await database.asSystem((db) =>
    db
      .select({ workspaceId: memberships.workspaceId })
      .from(memberships)
      .where(eq(memberships.userId, userId))
      .orderBy(desc(memberships.createdAt))
      .limit(1),
  );
  return row?.workspaceId ?? null;
}

/** Every workspace the user belongs to, for the workspace switcher. */
export async function workspacesOf(database: Database, userId: string): Promise<{ id: string; name: string; role: MemberRole }[]> {
  return database.asSystem((db) =>
    db
      .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(eq(memberships.userId, userId))
      .orderBy(workspaces.name),
  );
}

/**
 * Asked again, later, for a long-lived request (the live event stream): does the request that
 * opened it still authenticate as the same person in the same workspace? The refusal says why.
 */
export async function accessRevocation(database: Database, req: IncomingMessage, sessionInactivityMs: number, actor: UserActor): Promise<AppError | null> {
  const outcome = await authenticateRequest(database, req, sessionInactivityMs);
  if (outcome.kind === 'authenticated') {
    const { auth } = outcome;
    if (auth.user.id === actor.userId && auth.workspace.id === actor.workspaceId) return null;
    return new AppError('FORBIDDEN', 'You are not a member of this workspace', { reason: 'auth.not_a_member' });
  }
  if (outcome.kind === 'invalid' && outcome.via === 'apiToken') return new AppError('UNAUTHORIZED', 'This API token is invalid or has been revoked', { reason: 'auth.token_invalid' });
  return new AppError('UNAUTHORIZED', 'Your session has expired: sign in again', { reason: 'auth.session_expired' });
}
