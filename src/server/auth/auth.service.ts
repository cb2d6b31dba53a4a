import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { MemberRole } from '../../shared/enums.js';
import { AppError } from '../errors.js';
import { isUniqueViolation } from '../db/errors.js';
import { memberships, users, workspaces } from '../db/schema/index.js';
import type { Database } from '../db/database.js';
import { provisionWorkspace } from '../workspaces/provision.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../crypto/passwords.js';
import { consumeRateLimit } from './rate-limit.js';
import { isKnownAddress, pairDelaySeconds, recordFailure, recordSuccess } from './sign-in-guard.js';
import { firstWorkspaceOf } from './request-auth.js';
import { createSession } from './sessions.js';

export type ClientMeta = { ip: string; userAgent: string | null };
export type SignedIn = {
  token: string;
  user: { id: string; email: string; name: string };
  workspace: { id: string; name: string };
  role: MemberRole;
};

const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
const SIGN_IN_LIMIT_PER_IP = 50;
const SIGN_UP_WINDOW_MS = 60 * 60 * 1000;
const INVALID_CREDENTIALS = 'Invalid email or password';

/** Creates the account, its workspace (with defaults) and a session, all in one transaction. */
export async function signUp(
  database: Database,
  input: { email: string; password: string; name: string; workspaceName: string; language?: 'en' | 'fr' },
  meta: ClientMeta,
  limitPerIpPerHour: number,
): Promise<SignedIn> {
  const byIp = await consumeRateLimit(database.db, `sign-up:ip:${meta.ip}`, limitPerIpPerHour, SIGN_UP_WINDOW_MS);
  if (!byIp.allowed) {
    const minutes = Math.ceil(byIp.retryAfterSeconds / 60);
    throw new AppError('TOO_MANY_REQUESTS', `Too many accounts created from this address: try again in ${minutes} minute(s)`, { reason: 'auth.too_many_sign_ups', params: { minutes }, retryAfter: byIp.retryAfterSeconds });
  }
  // Hashed before the look-up: "email taken" costs what a new account costs, so timing tells nothing.
  const passwordHash = await hashPassword(input.password);
  const [existing] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
  if (existing) throw new AppError('CONFLICT', 'An account with this email already exists: sign in instead', { reason: 'auth.email_taken' });
  const workspaceId = randomUUID();
  try {
    return await database.withWorkspace(workspaceId, async (db) => {
      const [user] = await db
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash, language: input.language ?? null })
        .returning({ id: users.id, email: users.email, name: users.name });
      if (!user) throw new Error('user insert returned no row');
      const workspace = await provisionWorkspace(db, {
        workspaceId,
        name: input.workspaceName,
        ownerUserId: user.id,
        ownerName: user.name,
        language: input.language,
      });
      const { token } = await createSession(db, { userId: user.id, workspaceId, ip: meta.ip, userAgent: meta.userAgent });
      return { token, user, workspace, role: 'admin' as const };
    });
  } catch (error) {
    // Two sign-ups racing for one email: the loser gets the same answer as above.
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'An account with this email already exists: sign in instead', { reason: 'auth.email_taken' });
    throw error;
  }
}

/**
 * Checks the password (argon2id) under a per-IP throttle and a growing delay per email + address
 * (sign-in-guard.ts). From an address where this user signed in before, a right password always
 * gets in: strangers' wrong guesses cannot lock the owner out. Unknown email and wrong password
 * get the same message and take the same time.
 */
export async function signIn(database: Database, input: { email: string; password: string }, meta: ClientMeta): Promise<SignedIn> {
  const db = database.db;
  const byIp = await consumeRateLimit(db, `sign-in:ip:${meta.ip}`, SIGN_IN_LIMIT_PER_IP, SIGN_IN_WINDOW_MS);
  const waitSeconds = await pairDelaySeconds(db, input.email, meta.ip);
  const throttled = (): AppError => {
    if (!byIp.allowed) {
      const minutes = Math.ceil(byIp.retryAfterSeconds / 60);
      return new AppError('TOO_MANY_REQUESTS', `Too many sign-in attempts: try again in ${minutes} minute(s)`, { reason: 'auth.too_many_attempts', params: { minutes }, retryAfter: byIp.retryAfterSeconds });
    }
    return new AppError('TOO_MANY_REQUESTS', `Too many wrong passwords: wait ${waitSeconds} second(s) before trying again`, { reason: 'auth.sign_in_delayed', params: { seconds: waitSeconds }, retryAfter: waitSeconds });
  };
  const isThrottled = !byIp.allowed || waitSeconds > 0;
  const [user] = await db.select().from(users).where(eq(users.email, input.email)).limit(1);
  const known = user ? await isKnownAddress(db, user.id, meta.ip) : false;
  // Throttled strangers are refused before any password check: guessing stays slow.
  if (isThrottled && !known) throw throttled();
  if (!user) {
    await burnPasswordCheck(input.password);
    await recordFailure(db, input.email, meta.ip);
    throw new AppError('UNAUTHORIZED', INVALID_CREDENTIALS, { reason: 'auth.invalid_credentials' });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await recordFailure(db, input.email, meta.ip);
    if (isThrottled) throw throttled();
    throw new AppError('UNAUTHORIZED', INVALID_CREDENTIALS, { reason: 'auth.invalid_credentials' });
  }
  await recordSuccess(db, input.email, user.id, meta.ip);
  const workspaceId = await firstWorkspaceOf(database, user.id);
  if (!workspaceId) throw new AppError('FORBIDDEN', 'This account no longer belongs to any workspace: ask an admin for a new invitation', { reason: 'auth.no_workspace' });
  return openSession(database, { id: user.id, email: user.email, name: user.name }, workspaceId, meta);
}

/** A new session for a user already known to belong to `workspaceId`. */
export async function openSession(
  database: Database,
  user: { id: string; email: string; name: string },
  workspaceId: string,
  meta: ClientMeta,
): Promise<SignedIn> {
  return database.withWorkspace(workspaceId, async (db) => {
    const [row] = await db
      .select({ workspace: { id: workspaces.id, name: workspaces.name }, role: memberships.role })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, user.id)));
    if (!row) throw new AppError('FORBIDDEN', 'You are not a member of this workspace', { reason: 'auth.not_a_member' });
    const { token } = await createSession(db, { userId: user.id, workspaceId, ip: meta.ip, userAgent: meta.userAgent });
    return { token, user, workspace: row.workspace, role: row.role };
  });
}
