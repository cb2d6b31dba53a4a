import { and, eq, gt, isNull } from 'drizzle-orm';
import { hashPassword } from '../crypto/passwords.js';
import { createToken, parseToken, secretMatches } from '../crypto/tokens.js';
import type { Database } from '../db/database.js';
import { passwordResets, sessions, users } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import { sendSystemMail } from '../integrations/system-mail.js';
import type { Logger } from '../logger.js';
import type { ClientMeta } from './auth.service.js';
import { consumeRateLimit } from './rate-limit.js';

/**
 * "Forgot password": a one-time link (`/reset-password#<id>.<secret>`, SHA-256 of the secret
 * stored) valid for an hour. The request answers the same, in about the same time, whether or
 * not the address has an account: the mail goes out after the answer, and every answer waits
 * for the same floor.
 */
export const RESET_LINK_TTL_MS = 60 * 60 * 1000;
const ANSWER_FLOOR_MS = 400;
const WINDOW_MS = 15 * 60 * 1000;
const LIMIT_PER_IP = 10;
// Per address, silently: a 429 here would tell which addresses were asked for.
const LIMIT_PER_EMAIL = 3;

export type ResetDelivery = 'email' | 'log';
export type ResetMailDeps = { smtpUrl: string | undefined; from: string; origin: string; logger: Logger };

const invalidLink = () => new AppError('BAD_REQUEST', 'This reset link is not valid (used, expired or unknown): ask for a new one', { reason: 'auth.reset_link_invalid' });

function resetMail(link: string) {
  return {
    subject: 'Reset your Sales Machine password',
    text: `Someone (hopefully you) asked to reset the password of this Sales Machine account.\n\nChoose a new password here (the link works once, for one hour):\n${link}\n\nIf you did not ask for this, ignore this email: your password stays as it is.`,
  };
}

function deliver(deps: ResetMailDeps, to: string, link: string): void {
  if (!deps.smtpUrl) {
    // No system SMTP: the operator reads the link in the log (the UI says so).
    deps.logger.warn({ resetLink: link, email: to }, 'password reset link (SMTP_URL is not set, so it was not emailed)');
    return;
  }
  const mail = resetMail(link);
  sendSystemMail({ smtpUrl: deps.smtpUrl, from: deps.from }, { to, ...mail }).then(
    () => deps.logger.info({ email: to }, 'password reset link emailed'),
    (error: unknown) => deps.logger.error({ err: error, email: to }, 'password reset email failed'),
  );
}

export async function requestPasswordReset(database: Database, input: { email: string }, meta: ClientMeta, deps: ResetMailDeps): Promise<{ delivery: ResetDelivery }> {
  const started = Date.now();
  const byIp = await consumeRateLimit(database.db, `password-reset:ip:${meta.ip}`, LIMIT_PER_IP, WINDOW_MS);
  if (!byIp.allowed) {
    const minutes = Math.ceil(byIp.retryAfterSeconds / 60);
    throw new AppError('TOO_MANY_REQUESTS', `Too many reset requests: try again in ${minutes} minute(s)`, { reason: 'auth.too_many_reset_requests', params: { minutes }, retryAfter: byIp.retryAfterSeconds });
  }
  const byEmail = await consumeRateLimit(database.db, `password-reset:email:${input.email}`, LIMIT_PER_EMAIL, WINDOW_MS);
  const [user] = await database.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, input.email)).limit(1);
  const { id, token, secretHash } = createToken();
  if (user && byEmail.allowed) {
    await database.db.insert(passwordResets).values({ id, userId: user.id, secretHash, expiresAt: new Date(Date.now() + RESET_LINK_TTL_MS) });
    // In the fragment: never sent to a server, so it stays out of access logs and Referer headers.
    deliver(deps, user.email, `${deps.origin}/reset-password#${token}`);
  }
  const wait = ANSWER_FLOOR_MS - (Date.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return { delivery: deps.smtpUrl ? 'email' : 'log' };
}

/** Sets the new password, spends the link (and any other of the account's), signs out every session. */
export async function confirmPasswordReset(database: Database, input: { token: string; password: string }): Promise<void> {
  const parsed = parseToken(input.token);
  if (!parsed) throw invalidLink();
  const now = new Date();
  const [row] = await database.db.select().from(passwordResets).where(eq(passwordResets.id, parsed.id)).limit(1);
  if (!row || !secretMatches(parsed.secret, row.secretHash) || row.usedAt || row.expiresAt <= now) throw invalidLink();
  const passwordHash = await hashPassword(input.password);
  await database.db.transaction(async (tx) => {
    // Spent in the same statement that checks it: two clicks racing use the link once.
    const [spent] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.id, row.id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ id: passwordResets.id });
    if (!spent) throw invalidLink();
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId));
    await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, row.userId), isNull(passwordResets.usedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, row.userId));
  });
}
