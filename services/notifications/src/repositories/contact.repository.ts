import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { ContactRecord } from '../domain/contact.js';

/** The stored contacts of these users (those not stored are missing from the answer). */
export async function findContacts(db: Executor, userIds: readonly string[]): Promise<ContactRecord[]> {
  if (userIds.length === 0) return [];
  return db.selectFrom('contacts').selectAll().where('user_id', 'in', userIds).execute();
}

/**
 * Writes a live user's state unless the row holds a later one: an update with a later
 * `updated_at`, or the deletion. Concurrent writers of one user wait for each other on
 * the row (`on conflict`), so the newest state wins whatever the order.
 */
export async function saveContact(db: Executor, contact: ContactRecord): Promise<void> {
  await db
    .insertInto('contacts')
    .values(contact)
    .onConflict((conflict) =>
      conflict
        .column('user_id')
        .doUpdateSet((eb) => ({
          email: eb.ref('excluded.email'),
          phone: eb.ref('excluded.phone'),
          first_name: eb.ref('excluded.first_name'),
          user_name: eb.ref('excluded.user_name'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where('contacts.deleted_at', 'is', null)
        .whereRef('contacts.updated_at', '<', 'excluded.updated_at'),
    )
    .execute();
}

/**
 * Marks a user deleted, known or not: the row stays, so that their late events change
 * nothing. The first deletion time is kept.
 */
export async function markContactDeleted(db: Executor, contact: ContactRecord): Promise<void> {
  await db
    .insertInto('contacts')
    .values(contact)
    .onConflict((conflict) =>
      conflict.column('user_id').doUpdateSet((eb) => ({
        email: eb.ref('excluded.email'),
        phone: null,
        first_name: null,
        user_name: eb.ref('excluded.user_name'),
        deleted_at: eb.fn.coalesce('contacts.deleted_at', 'excluded.deleted_at'),
        updated_at: sql<Date>`greatest(contacts.updated_at, excluded.updated_at)`,
      })),
    )
    .execute();
}
