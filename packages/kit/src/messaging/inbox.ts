import type { Kysely, Transaction } from 'kysely';
import type { CloudEvent } from '../bus/types.js';
import type { MessagingTables } from './tables.js';

/**
 * Applies an event's effect once per consumer: the inbox row and the effect commit in one
 * transaction, so a redelivered or re-published event finds its id already there and
 * changes nothing. Returns false when the event had been applied before.
 */
export async function applyOnce<Schema extends MessagingTables>(
  db: Kysely<Schema>,
  consumer: string,
  event: CloudEvent,
  apply: (trx: Transaction<Schema>) => Promise<void>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inbox = trx as unknown as Transaction<MessagingTables>;
    const claimed = await inbox
      .insertInto('inbox')
      .values({ consumer, event_id: event.id, event_type: event.type })
      .onConflict((conflict) => conflict.columns(['consumer', 'event_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!claimed) return false;
    await apply(trx);
    return true;
  });
}

/**
 * Claims many events for one consumer in one statement, inside the transaction that
 * applies their effects: true for each event to apply now, false for one applied before
 * (or met earlier in the same list). Use it to apply a batch of events in one transaction;
 * `applyOnce` is the same for one event.
 */
export async function claimEvents<Schema extends MessagingTables>(
  trx: Transaction<Schema>,
  consumer: string,
  events: readonly CloudEvent[],
): Promise<boolean[]> {
  if (events.length === 0) return [];
  const inbox = trx as unknown as Transaction<MessagingTables>;
  const claimed = new Set(
    (
      await inbox
        .insertInto('inbox')
        .values(events.map((event) => ({ consumer, event_id: event.id, event_type: event.type })))
        .onConflict((conflict) => conflict.columns(['consumer', 'event_id']).doNothing())
        .returning('event_id')
        .execute()
    ).map((row) => canonicalUuid(row.event_id)),
  );
  // A copy of an event later in the list is not applied twice.
  return events.map((event) => claimed.delete(canonicalUuid(event.id)));
}

/** A UUID as PostgreSQL compares it: any case, with or without hyphens and braces. */
function canonicalUuid(id: string): string {
  return id.toLowerCase().replace(/[{}-]/g, '');
}
