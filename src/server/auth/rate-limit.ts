import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';

export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * A fixed-window counter in Postgres, so every instance on one database shares it. One statement:
 * starts a new window when the old one has passed, otherwise increments.
 */
export async function consumeRateLimit(
  db: Db,
  key: string,
  limit: number,
  windowMs: number,
  now = new Date(),
): Promise<RateLimitResult> {
  const windowStart = new Date(now.getTime() - windowMs).toISOString();
  const [row] = await queryRows<{ count: number; window_started_at: string | Date }>(
    db,
    sql`insert into rate_limits (key, count, window_started_at) values (${key}, 1, ${now.toISOString()})
        on conflict (key) do update set
          count = case when rate_limits.window_started_at <= ${windowStart} then 1 else rate_limits.count + 1 end,
          window_started_at = case when rate_limits.window_started_at <= ${windowStart} then excluded.window_started_at else rate_limits.window_started_at end
        returning count, window_started_at`,
  );
  const count = row?.count ?? 1;
  const startedAt = new Date(row?.window_started_at ?? now).getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((startedAt + windowMs - now.getTime()) / 1000));
  return { allowed: count <= limit, remaining: Math.max(0, limit - count), retryAfterSeconds };
}

export async function resetRateLimit(db: Db, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}
