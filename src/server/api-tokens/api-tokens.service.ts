import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { createToken } from '../crypto/tokens.js';
import type { Db } from '../db/database.js';
import { apiTokens, users } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import { API_TOKEN_PREFIX } from './api-token-auth.js';

/**
 * API tokens for the REST API (`Authorization: Bearer sm_<id>.<secret>`). Only the SHA-256 of the
 * secret is stored; the token is shown once, at creation. A token acts as its creator, with the
 * creator's current role (see `authenticateRequest`).
 */
export const MAX_ACTIVE_TOKENS = 50;

export type ApiTokenView = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  createdBy: { id: string; name: string; email: string };
};

export async function createApiToken(
  db: Db,
  input: { workspaceId: string; name: string; createdBy: string },
): Promise<{ id: string; token: string; name: string; createdAt: Date }> {
  const [active] = await db.select({ n: count() }).from(apiTokens).where(isNull(apiTokens.revokedAt));
  if ((active?.n ?? 0) >= MAX_ACTIVE_TOKENS) {
    throw new AppError('CONFLICT', `A workspace can have at most ${MAX_ACTIVE_TOKENS} active API tokens: revoke an unused one first`, { reason: 'api_token.limit', params: { max: MAX_ACTIVE_TOKENS } });
  }
  const token = createToken(API_TOKEN_PREFIX);
  const [row] = await db
    .insert(apiTokens)
    .values({ id: token.id, workspaceId: input.workspaceId, name: input.name, secretHash: token.secretHash, createdBy: input.createdBy })
    .returning({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt });
  return { ...row!, token: token.token };
}

/** Active tokens, newest first, with their creator. Revoked tokens are gone from the list. */
export async function listApiTokens(db: Db): Promise<ApiTokenView[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      createdBy: { id: users.id, name: users.name, email: users.email },
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(isNull(apiTokens.revokedAt))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes at once: the next request with the token gets 401. Another workspace's id is not found. */
export async function revokeApiToken(db: Db, id: string, now = new Date()): Promise<void> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (revoked.length === 0) throw new AppError('NOT_FOUND', 'API token not found', { reason: 'api_token.not_found' });
}
