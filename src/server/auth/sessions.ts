import { eq, lt } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { sessions, users } from '../db/schema/index.js';
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
  const [row] = await db
    .select({
      sessionId: sessions.id,
      secretHash: sessions.secretHash,
      lastVerifiedAt: sessions.lastVerifiedAt,
      activeWorkspaceId: sessions.activeWorkspaceId,
      user: { id: users.id, email: users.email, name: users.name, language: users.language },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, parsed.id))
    .limit(1);
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
