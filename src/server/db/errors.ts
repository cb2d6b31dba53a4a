/** Postgres error codes the services act on. */
const UNIQUE_VIOLATION = '23505';

/** A unique index refused the row (Postgres 23505), under Drizzle's query wrapper or not. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
  }
  return false;
}
