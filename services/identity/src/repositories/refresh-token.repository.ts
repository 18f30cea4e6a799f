import type { Executor } from '../database.js';
import type { RefreshTokenRecord } from '../domain/refresh-token.js';

export async function insertRefreshToken(db: Executor, token: RefreshTokenRecord): Promise<void> {
  await db.insertInto('refresh_tokens').values(token).execute();
}

export function findRefreshTokenByHash(
  db: Executor,
  tokenHash: string,
): Promise<RefreshTokenRecord | undefined> {
  return db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * Marks a token replaced only if nobody replaced or revoked it first; false when another
 * refresh won. The row lock taken by the update makes a concurrent caller wait, then see
 * `replaced_by` set and match nothing.
 */
export async function markRefreshTokenReplaced(
  db: Executor,
  id: string,
  replacedBy: string,
): Promise<boolean> {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ replaced_by: replacedBy })
    .where('id', '=', id)
    .where('replaced_by', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Revokes every live token of one session; with `userId`, only if the session is that user's. */
export async function revokeRefreshTokenFamily(
  db: Executor,
  familyId: string,
  now: Date,
  userId?: string,
): Promise<void> {
  let query = db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null);
  if (userId !== undefined) query = query.where('user_id', '=', userId);
  await query.execute();
}

/** Revokes every live token of every session of the user. */
export async function revokeRefreshTokensOfUser(db: Executor, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Sessions with a token revoked at or after `since`, each once with its latest revocation,
 * oldest first, at most `limit` of them (an index on `revoked_at` serves it).
 */
export async function listRevokedSessions(
  db: Executor,
  since: Date,
  limit: number,
): Promise<{ sessionId: string; revokedAt: Date }[]> {
  const rows = await db
    .selectFrom('refresh_tokens')
    .select(['family_id', (eb) => eb.fn.max('revoked_at').as('revoked_at')])
    .where('revoked_at', '>=', since)
    .groupBy('family_id')
    .orderBy('revoked_at')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ sessionId: row.family_id, revokedAt: row.revoked_at as Date }));
}
