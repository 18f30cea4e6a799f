import { sql } from 'kysely';
import type { Executor } from '../database.js';

/**
 * Serialises, until the transaction ends, everything that decides whether an owner may hold
 * wallets: opening one and retiring them all when the owner is deleted. An advisory lock,
 * because the wallet a concurrent opening would insert has no row to lock yet.
 */
export async function lockOwner(db: Executor, ownerId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`owner:${ownerId}`}, 0))`.execute(db);
}

export async function isOwnerDeleted(db: Executor, ownerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('deleted_owners')
    .select('owner_id')
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records that identity deleted the owner; a second record of it changes nothing. */
export async function markOwnerDeleted(db: Executor, ownerId: string, deletedAt: Date): Promise<void> {
  await db
    .insertInto('deleted_owners')
    .values({ owner_id: ownerId, deleted_at: deletedAt })
    .onConflict((conflict) => conflict.column('owner_id').doNothing())
    .execute();
}
