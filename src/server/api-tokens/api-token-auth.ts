import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { apiTokens } from '../db/schema/index.js';
import { parseToken, secretMatches } from '../crypto/tokens.js';

export const API_TOKEN_PREFIX = 'sm_';
// Record use at most once a minute: `last used` stays useful without a write per request.
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves `Authorization: Bearer sm_<id>.<secret>`. The workspace is unknown until the token is
 * found, so the look-up runs as the system; everything after it is workspace-scoped.
 */
export async function validateApiToken(
  database: Database,
  token: string,
  now = new Date(),
): Promise<{ tokenId: string; workspaceId: string; userId: string } | null> {
  const parsed = parseToken(token, API_TOKEN_PREFIX);
  if (!parsed) return null;
  return database.asSystem(async (db) => {
    const [row] = await db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, parsed.id), isNull(apiTokens.revokedAt)))
      .limit(1);
    if (!row || !secretMatches(parsed.secret, row.secretHash)) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
    }
    return { tokenId: row.id, workspaceId: row.workspaceId, userId: row.createdBy };
  });
}
