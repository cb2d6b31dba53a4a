import { and, eq, ne } from 'drizzle-orm';
import type { UiLanguage } from '../../shared/enums.js';
import { hashPassword, verifyPassword } from '../crypto/passwords.js';
import type { Database } from '../db/database.js';
import { memberships, sessions, users, workspaces } from '../db/schema/index.js';
import { AppError, fieldIssue } from '../errors.js';
import { setActiveWorkspace } from './sessions.js';

/**
 * What a signed-in person changes about their own account. Users are global (not workspace rows),
 * so these run on the bare handle; each statement names the user it changes.
 */

export async function switchActiveWorkspace(
  database: Database,
  input: { sessionId: string; userId: string; workspaceId: string },
): Promise<{ id: string; name: string }> {
  const [row] = await database.withWorkspace(input.workspaceId, (db) =>
    db
      .select({ id: workspaces.id, name: workspaces.name })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(and(eq(memberships.workspaceId, input.workspaceId), eq(memberships.userId, input.userId))),
  );
  if (!row) throw new AppError('NOT_FOUND', 'Workspace not found', { reason: 'workspace.not_found' });
  await setActiveWorkspace(database.db, input.sessionId, row.id);
  return row;
}

export async function setUserLanguage(database: Database, userId: string, language: UiLanguage): Promise<void> {
  await database.db.update(users).set({ language }).where(eq(users.id, userId));
}

export async function updateProfile(database: Database, userId: string, input: { name: string }): Promise<{ name: string }> {
  const [row] = await database.db.update(users).set({ name: input.name }).where(eq(users.id, userId)).returning({ name: users.name });
  if (!row) throw new AppError('NOT_FOUND', 'Account not found', { reason: 'account.not_found' });
  return row;
}

/**
 * Needs the current password (a stolen session alone cannot lock the owner out), then signs out
 * every other session of the account: whoever else held one loses it.
 */
export async function changePassword(
  database: Database,
  input: { userId: string; sessionId: string | null; currentPassword: string; newPassword: string },
): Promise<{ otherSessionsRevoked: number }> {
  const [user] = await database.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
  if (!user) throw new AppError('NOT_FOUND', 'Account not found', { reason: 'account.not_found' });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const message = 'Current password is not correct';
    throw new AppError('BAD_REQUEST', message, { reason: 'auth.wrong_current_password', issues: [fieldIssue(['currentPassword'], 'password.current_wrong', message)] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return database.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, input.userId));
    const others = input.sessionId
      ? and(eq(sessions.userId, input.userId), ne(sessions.id, input.sessionId))
      : eq(sessions.userId, input.userId);
    const revoked = await tx.delete(sessions).where(others).returning({ id: sessions.id });
    return { otherSessionsRevoked: revoked.length };
  });
}
