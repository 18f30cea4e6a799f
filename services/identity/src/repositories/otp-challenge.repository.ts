import type { Executor } from '../database.js';
import type { OtpChallengeRecord } from '../domain/otp.js';

export async function insertOtpChallenge(db: Executor, challenge: OtpChallengeRecord): Promise<void> {
  await db.insertInto('otp_challenges').values(challenge).execute();
}

/** Locks the challenge until the transaction ends, so concurrent tries are counted one at a time. */
export function lockOtpChallenge(db: Executor, id: string): Promise<OtpChallengeRecord | undefined> {
  return db.selectFrom('otp_challenges').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setOtpAttempts(db: Executor, id: string, attempts: number): Promise<void> {
  await db.updateTable('otp_challenges').set({ attempts }).where('id', '=', id).execute();
}

export async function consumeOtpChallenge(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('otp_challenges').set({ consumed_at: now }).where('id', '=', id).execute();
}

/** Ends the user's open challenges, so that only the newest code (if any) still works. */
export async function consumeOpenOtpChallengesOfUser(db: Executor, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('otp_challenges')
    .set({ consumed_at: now })
    .where('user_id', '=', userId)
    .where('consumed_at', 'is', null)
    .execute();
}
