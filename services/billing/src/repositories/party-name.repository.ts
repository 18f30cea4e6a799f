import type { Executor } from '../database.js';
import type { PartyName } from '../domain/party.js';

/**
 * Keeps a user's name as of `updatedAt`, the time identity changed the user: an event that
 * arrives after a newer one changes nothing, and a deleted user stays deleted.
 */
export async function recordPartyName(
  db: Executor,
  party: { userId: string; displayName: string; userName: string; updatedAt: Date },
): Promise<void> {
  await db
    .insertInto('party_names')
    .values({
      user_id: party.userId,
      display_name: party.displayName,
      user_name: party.userName,
      updated_at: party.updatedAt,
    })
    .onConflict((conflict) =>
      conflict
        .column('user_id')
        .doUpdateSet((eb) => ({
          display_name: eb.ref('excluded.display_name'),
          user_name: eb.ref('excluded.user_name'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where('party_names.updated_at', '<', (eb) => eb.ref('excluded.updated_at')),
    )
    .execute();
}

/** Marks a user deleted, whether or not billing learnt their name before. */
export async function markPartyDeleted(
  db: Executor,
  userId: string,
  userName: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto('party_names')
    .values({ user_id: userId, display_name: '', user_name: userName, updated_at: at, deleted: true })
    .onConflict((conflict) => conflict.column('user_id').doUpdateSet({ deleted: true }))
    .execute();
}

/** The names of users by id; a user billing never heard of is absent. */
export async function findPartyNames(
  db: Executor,
  userIds: readonly string[],
): Promise<Map<string, PartyName>> {
  const ids = [...new Set(userIds)];
  const names = new Map<string, PartyName>();
  if (ids.length === 0) return names;
  const rows = await db.selectFrom('party_names').selectAll().where('user_id', 'in', ids).execute();
  for (const row of rows) {
    names.set(row.user_id, { displayName: row.display_name, userName: row.user_name, deleted: row.deleted });
  }
  return names;
}
