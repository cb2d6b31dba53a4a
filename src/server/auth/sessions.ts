import { eq, lt, sql } from 'drizzle-orm';
import type { MemberRole } from '../../shared/enums.js';
import { queryRows, type Db } from '../db/database.js';
import { sessions } from '../db/schema/index.js';
import { createToken, parseToken, secretMatches } from '../crypto/tokens.js';

/** Renew the session (and its cookie) at most once an hour: sliding expiry without a write per request. */
const RENEWAL_INTERVAL_MS = 60 * 60 * 1000;

export type SessionUser = { id: string; email: string; name: string; language: 'en' | 'fr' | null };
export type ValidatedSession = {
  sessionId: string;
  activeWorkspaceId: string;
  user: SessionUser;
  expiresAt: Date;
  /** True when the expiry moved: the caller re-sends the cookie. */
  renewed: boolean;
  /** The user's membership in the active workspace, read in the same statement; null when removed from it. */
  membership: { role: MemberRole; workspaceName: string } | null;
};

export async function createSession(
  db: Db,
  input: { userId: string; workspaceId: string; ip?: string | null; userAgent?: string | null },
): Promise<{ token: string; sessionId: string }> {
  const { id, token, secretHash } = createToken();
  await db.insert(sessions).values({
    id,
    userId: input.userId,
    activeWorkspaceId: input.workspaceId,
    secretHash,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, sessionId: id };
}

export async function validateSessionToken(
  db: Db,
  token: string,
  inactivityTimeoutMs: number,
  now = new Date(),
): Promise<ValidatedSession | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  // Session, user and membership in one statement (see the sales_machine_session_auth function).
  const [found] = await queryRows<{
    session_id: string;
    secret_hash: Uint8Array;
    last_verified_at: string | Date;
    active_workspace_id: string;
    user_id: string;
    email: string;
    name: string;
    language: 'en' | 'fr' | null;
    role: MemberRole | null;
    workspace_name: string | null;
  }>(db, sql`select * from sales_machine_session_auth(${parsed.id})`);
  const row = found && {
    sessionId: found.session_id,
    secretHash: new Uint8Array(found.secret_hash),
    lastVerifiedAt: new Date(found.last_verified_at),
    activeWorkspaceId: found.active_workspace_id,
    user: { id: found.user_id, email: found.email, name: found.name, language: found.language },
    membership: found.role && found.workspace_name !== null ? { role: found.role, workspaceName: found.workspace_name } : null,
  };
  if (!row) return null;
  if (!secretMatches(parsed.secret, row.secretHash)) return null;
  const idleFor = now.getTime() - row.lastVerifiedAt.getTime();
  if (idleFor >= inactivityTimeoutMs) {
    await db.delete(sessions).where(eq(sessions.id, row.sessionId));
    return null;
  }
  let lastVerifiedAt = row.lastVerifiedAt;
  const renewed = idleFor >= RENEWAL_INTERVAL_MS;
  if (renewed) {
    lastVerifiedAt = now;
    await db.update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, row.sessionId));
  }
  return {
    sessionId: row.sessionId,
    activeWorkspaceId: row.activeWorkspaceId,
    user: row.user,
    expiresAt: new Date(lastVerifiedAt.getTime() + inactivityTimeoutMs),
    renewed,
    membership: row.membership,
  };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function setActiveWorkspace(db: Db, sessionId: string, workspaceId: string): Promise<void> {
  await db.update(sessions).set({ activeWorkspaceId: workspaceId }).where(eq(sessions.id, sessionId));
}

export async function deleteIdleSessions(db: Db, inactivityTimeoutMs: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - inactivityTimeoutMs);
  const deleted = await db.delete(sessions).where(lt(sessions.lastVerifiedAt, cutoff)).returning({ id: sessions.id });
  return deleted.length;
}
