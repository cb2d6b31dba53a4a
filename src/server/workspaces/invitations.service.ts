import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { MemberRole } from '../../shared/enums.js';
import type { Database, Db } from '../db/database.js';
import { invitations, memberships, users, workspaces } from '../db/schema/index.js';
import type { ErrorReason } from '../../shared/error-reasons.js';
import { AppError, fieldIssue } from '../errors.js';
import { hashPassword } from '../crypto/passwords.js';
import { createToken, parseToken, secretMatches } from '../crypto/tokens.js';
import { isUniqueViolation } from '../db/errors.js';
import { addMember } from './provision.js';

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export type InvitationStatus = 'valid' | 'expired' | 'used' | 'revoked';

export async function createInvitation(
  db: Db,
  input: { workspaceId: string; invitedBy: string; role: MemberRole; email: string | null },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const { id, token, secretHash } = createToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  await db.insert(invitations).values({
    id,
    workspaceId: input.workspaceId,
    email: input.email,
    role: input.role,
    secretHash,
    invitedBy: input.invitedBy,
    expiresAt,
  });
  return { id, token, expiresAt };
}

export function listInvitations(db: Db) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      createdAt: invitations.createdAt,
      invitedByName: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .orderBy(desc(invitations.createdAt))
    .limit(200);
}

export async function revokeInvitation(db: Db, id: string): Promise<void> {
  const revoked = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  if (revoked.length === 0) throw new AppError('NOT_FOUND', 'Invitation not found or no longer pending', { reason: 'invitation.not_pending' });
}

type FoundInvitation = typeof invitations.$inferSelect & { workspaceName: string };

/** The invitation named by a link; the workspace is not known yet, hence the system look-up. */
async function findByToken(database: Database, token: string): Promise<FoundInvitation | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const [row] = await database.asSystem((db) =>
    db
      .select({ invitation: invitations, workspaceName: workspaces.name })
      .from(invitations)
      .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
      .where(eq(invitations.id, parsed.id))
      .limit(1),
  );
  if (!row || !secretMatches(parsed.secret, row.invitation.secretHash)) return null;
  return { ...row.invitation, workspaceName: row.workspaceName };
}

function statusOf(invitation: FoundInvitation, now = new Date()): InvitationStatus {
  if (invitation.revokedAt) return 'revoked';
  if (invitation.acceptedAt) return 'used';
  if (invitation.expiresAt <= now) return 'expired';
  return 'valid';
}

const STATUS_REFUSALS = {
  expired: { message: 'This invitation has expired: ask for a new one', reason: 'invitation.expired' },
  used: { message: 'This invitation has already been used', reason: 'invitation.used' },
  revoked: { message: 'This invitation was revoked', reason: 'invitation.revoked' },
} as const satisfies Record<Exclude<InvitationStatus, 'valid'>, { message: string; reason: ErrorReason }>;
const refusedInvitation = (status: Exclude<InvitationStatus, 'valid'>) =>
  new AppError('CONFLICT', STATUS_REFUSALS[status].message, { reason: STATUS_REFUSALS[status].reason });

export async function inspectInvitation(database: Database, token: string) {
  const invitation = await findByToken(database, token);
  if (!invitation) throw new AppError('NOT_FOUND', 'Invitation not found', { reason: 'invitation.not_found' });
  return {
    workspaceName: invitation.workspaceName,
    email: invitation.email,
    role: invitation.role,
    status: statusOf(invitation),
    expiresAt: invitation.expiresAt,
  };
}

/**
 * Joins the invitation's workspace: as the signed-in user, or as a new account created from
 * `account`. The link works once: the accepted_at guard inside the transaction settles races.
 */
export async function acceptInvitation(
  database: Database,
  token: string,
  actor: { signedInUser: { id: string; email: string; name: string } | null; account?: { email?: string; name: string; password: string } },
): Promise<{ user: { id: string; email: string; name: string }; workspace: { id: string; name: string }; role: MemberRole }> {
  const invitation = await findByToken(database, token);
  if (!invitation) throw new AppError('NOT_FOUND', 'Invitation not found', { reason: 'invitation.not_found' });
  const status = statusOf(invitation);
  if (status !== 'valid') throw refusedInvitation(status);

  let user = actor.signedInUser;
  let newAccount: { email: string; name: string; passwordHash: string } | null = null;
  if (!user) {
    if (!actor.account) throw new AppError('UNAUTHORIZED', 'Sign in, or give a name and password to create your account', { reason: 'invitation.account_needed' });
    const email = invitation.email ?? actor.account.email;
    if (!email) throw new AppError('BAD_REQUEST', 'Email is required', { reason: 'input.invalid', issues: [fieldIssue(['account', 'email'], 'required', 'Email is required')] });
    const [existing] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (existing) throw new AppError('CONFLICT', 'An account with this email already exists: sign in first, then open the link again', { reason: 'invitation.account_exists' });
    newAccount = { email, name: actor.account.name, passwordHash: await hashPassword(actor.account.password) };
  } else if (invitation.email && invitation.email !== user.email) {
    throw new AppError('FORBIDDEN', `This invitation is for ${invitation.email}`, { reason: 'invitation.other_email', params: { email: invitation.email } });
  }

  try {
    return await database.withWorkspace(invitation.workspaceId, async (db) => {
      const claimed = await db
        .update(invitations)
        .set({ acceptedAt: sql`now()` })
        .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
        .returning({ id: invitations.id });
      if (claimed.length === 0) throw refusedInvitation('used');
      if (newAccount) {
        const [created] = await db.insert(users).values(newAccount).returning({ id: users.id, email: users.email, name: users.name });
        if (!created) throw new Error('user insert returned no row');
        user = created;
      }
      const member = user!;
      const [already] = await db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, invitation.workspaceId), eq(memberships.userId, member.id)));
      if (already) throw new AppError('CONFLICT', 'You are already a member of this workspace', { reason: 'invitation.already_member' });
      await addMember(db, invitation.workspaceId, member.id, invitation.role);
      await db.update(invitations).set({ acceptedBy: member.id }).where(eq(invitations.id, invitation.id));
      return { user: member, workspace: { id: invitation.workspaceId, name: invitation.workspaceName }, role: invitation.role };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'An account with this email already exists: sign in first, then open the link again', { reason: 'invitation.account_exists' });
    throw error;
  }
}
