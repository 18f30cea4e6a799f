import type { Executor } from '../database.js';
import type { PasswordResetRecord } from '../domain/password-reset.js';

export async function insertPasswordReset(db: Executor, reset: PasswordResetRecord): Promise<void> {
  await db.insertInto('password_resets').values(reset).execute();
}

/** Reset codes created for the user at or after `since` (the rate limit counts them). */
export async function countPasswordResetsSince(db: Executor, userId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('password_resets')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Locks the user's newest reset code until the transaction ends, so concurrent tries count one by one. */
export function lockLatestPasswordReset(
  db: Executor,
  userId: string,
): Promise<PasswordResetRecord | undefined> {
  return db
    .selectFrom('password_resets')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function setPasswordResetAttempts(db: Executor, id: string, attempts: number): Promise<void> {
  await db.updateTable('password_resets').set({ attempts }).where('id', '=', id).execute();
}

/** Ends the user's open reset codes: the one just used, or older ones when a new one is sent. */
export async function consumeOpenPasswordResetsOfUser(
  db: Executor,
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ consumed_at: now })
    .where('user_id', '=', userId)
    .where('consumed_at', 'is', null)
    .execute();
}
