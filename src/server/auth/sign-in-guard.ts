import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { signInAddresses } from '../db/schema/index.js';
import { resetRateLimit } from './rate-limit.js';

/**
 * Wrong passwords slow down the one email + address pair that typed them, instead of locking the
 * account for everyone: the first few are free, then each one doubles the wait (1 s, 2 s, 4 s…
 * up to 15 min). The count lives in `rate_limits` (key, count, time of the last failure) and is
 * forgotten a day after the last failure (auth.cleanup), or at the next right password.
 */
export const FREE_FAILURES = 5;
const MAX_DELAY_SECONDS = 15 * 60;

const pairKey = (email: string, ip: string) => `sign-in:pair:${email}:${ip}`;

export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_FAILURES));
}

/** Seconds this pair must still wait before its next attempt (0 = go ahead). */
export async function pairDelaySeconds(db: Db, email: string, ip: string, now = new Date()): Promise<number> {
  const [row] = await queryRows<{ count: number; window_started_at: string | Date }>(db, sql`select count, window_started_at from rate_limits where key = ${pairKey(email, ip)}`);
  if (!row) return 0;
  const readyAt = new Date(row.window_started_at).getTime() + delayAfter(row.count) * 1000;
  return Math.max(0, Math.ceil((readyAt - now.getTime()) / 1000));
}

export async function recordFailure(db: Db, email: string, ip: string, now = new Date()): Promise<void> {
  await db.execute(
    sql`insert into rate_limits (key, count, window_started_at) values (${pairKey(email, ip)}, 1, ${now.toISOString()})
        on conflict (key) do update set count = rate_limits.count + 1, window_started_at = excluded.window_started_at`,
  );
}

export async function isKnownAddress(db: Db, userId: string, ip: string): Promise<boolean> {
  const [row] = await db
    .select({ ip: signInAddresses.ip })
    .from(signInAddresses)
    .where(and(eq(signInAddresses.userId, userId), eq(signInAddresses.ip, ip)))
    .limit(1);
  return row !== undefined;
}

/** After a right password: the pair starts afresh and the address is remembered. */
export async function recordSuccess(db: Db, email: string, userId: string, ip: string): Promise<void> {
  await resetRateLimit(db, pairKey(email, ip));
  await db
    .insert(signInAddresses)
    .values({ userId, ip })
    .onConflictDoUpdate({ target: [signInAddresses.userId, signInAddresses.ip], set: { lastSignedInAt: sql`now()` } });
}
