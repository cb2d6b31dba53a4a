import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { MemberRole } from '../../shared/enums.js';
import type { Db } from '../db/database.js';
import { apiTokens, memberships, users } from '../db/schema/index.js';
import { AppError, notFound } from '../errors.js';

export type MemberView = { userId: string; name: string; email: string; role: MemberRole; joinedAt: Date; activeApiTokens: number };

export async function listMembers(db: Db): Promise<MemberView[]> {
  const rows = await db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .orderBy(asc(memberships.createdAt), asc(users.email));
  const tokens = await db
    .select({ userId: apiTokens.createdBy, n: count() })
    .from(apiTokens)
    .where(isNull(apiTokens.revokedAt))
    .groupBy(apiTokens.createdBy);
  const tokensByUser = new Map(tokens.map((row) => [row.userId, Number(row.n)]));
  return rows.map((row) => ({ ...row, activeApiTokens: tokensByUser.get(row.userId) ?? 0 }));
}

/**
 * Locks the admins' membership rows for the rest of the transaction: two admins demoting each
 * other at the same moment are serialised, so the workspace can never end up without an admin.
 */
async function lockAdmins(db: Db): Promise<string[]> {
  const rows = await db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.role, 'admin')).for('update');
  return rows.map((row) => row.userId);
}

async function findMember(db: Db, userId: string) {
  const [member] = await db
    .select({ role: memberships.role, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.userId, userId));
  if (!member) throw notFound('Member');
  return member;
}

function refuseLastAdmin(admins: string[], userId: string, action: 'demote' | 'remove'): void {
  if (admins.length === 1 && admins[0] === userId) {
    const reason = action === 'demote' ? 'member.last_admin_demote' : 'member.last_admin_remove';
    throw new AppError('CONFLICT', `The workspace needs at least one admin: make someone else an admin before you ${action} this one`, { reason });
  }
}

export async function setMemberRole(db: Db, userId: string, role: MemberRole): Promise<MemberView> {
  const admins = await lockAdmins(db);
  const member = await findMember(db, userId);
  if (member.role === 'admin' && role !== 'admin') refuseLastAdmin(admins, userId, 'demote');
  await db.update(memberships).set({ role }).where(eq(memberships.userId, userId));
  const updated = (await listMembers(db)).find((row) => row.userId === userId);
  if (!updated) throw notFound('Member');
  return updated;
}

/**
 * Removes a member. Their API tokens for this workspace are revoked in the same transaction; their
 * sessions lose access on the next request, because request auth reads the membership every time.
 */
export async function removeMember(db: Db, userId: string): Promise<{ revokedApiTokens: number }> {
  const admins = await lockAdmins(db);
  const member = await findMember(db, userId);
  if (member.role === 'admin') refuseLastAdmin(admins, userId, 'remove');
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.createdBy, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  await db.delete(memberships).where(eq(memberships.userId, userId));
  return { revokedApiTokens: revoked.length };
}
