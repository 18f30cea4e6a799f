import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { OwnerName } from '../domain/transfer.js';

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

/**
 * Keeps an owner's name as of `updatedAt`, the time identity changed the user: an event that
 * arrives after a newer one changes nothing, so the newest name stays whatever the order.
 */
export async function recordOwnerName(
  db: Executor,
  name: Omit<OwnerName, 'deleted'> & { ownerId: string; updatedAt: Date },
): Promise<void> {
  await db
    .insertInto('owner_names')
    .values({
      owner_id: name.ownerId,
      display_name: name.displayName,
      user_name: name.userName,
      updated_at: name.updatedAt,
    })
    .onConflict((conflict) =>
      conflict
        .column('owner_id')
        .doUpdateSet((eb) => ({
          display_name: eb.ref('excluded.display_name'),
          user_name: eb.ref('excluded.user_name'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where('owner_names.updated_at', '<', (eb) => eb.ref('excluded.updated_at')),
    )
    .execute();
}

/**
 * The names of owners by owner id, as identity last announced them; a deleted owner is
 * marked so even when the ledger never learnt its name, and an owner it never heard of is
 * absent.
 */
export async function findOwnerNames(
  db: Executor,
  ownerIds: readonly (string | null)[],
): Promise<Map<string, OwnerName>> {
  const ids = [...new Set(ownerIds.filter((id): id is string => id !== null))];
  const names = new Map<string, OwnerName>();
  if (ids.length === 0) return names;
  const named = await db.selectFrom('owner_names').selectAll().where('owner_id', 'in', ids).execute();
  const deleted = await db
    .selectFrom('deleted_owners')
    .select('owner_id')
    .where('owner_id', 'in', ids)
    .execute();
  for (const row of named) {
    names.set(row.owner_id, { displayName: row.display_name, userName: row.user_name, deleted: false });
  }
  for (const row of deleted) {
    names.set(row.owner_id, {
      ...(names.get(row.owner_id) ?? { displayName: '', userName: '' }),
      deleted: true,
    });
  }
  return names;
}
