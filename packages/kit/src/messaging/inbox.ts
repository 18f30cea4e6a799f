import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
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
 * Applies a batch of events once per consumer, in one transaction: the inbox rows of all
 * of them in one statement, then `apply` with the items whose event was not applied before
 * (nor met earlier in the same batch), in order. Their effects commit with their inbox
 * rows, so a batch redelivered in whole or in part changes nothing twice. Returns how many
 * items were applied now.
 */
export async function applyBatchOnce<Schema extends MessagingTables, Item extends { event: CloudEvent }>(
  db: Kysely<Schema>,
  consumer: string,
  items: readonly Item[],
  apply: (trx: Transaction<Schema>, fresh: readonly Item[]) => Promise<void>,
): Promise<number> {
  if (items.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const claimed = await claimEvents(
      trx,
      consumer,
      items.map(({ event }) => event),
    );
    const fresh = items.filter((_, index) => claimed[index]);
    if (fresh.length > 0) await apply(trx, fresh);
    return fresh.length;
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

/**
 * The inbox claim of `claimEvents` as a statement of its own, for a writer that applies a
 * batch in one statement: used as a CTE, it returns the `event_id` of each event to apply
 * now, and the effects the statement writes for those events only commit with their inbox
 * rows (one statement is one transaction), with no BEGIN and COMMIT round trips. An event
 * met twice in `events` is claimed once. `events` must not be empty.
 */
export function inboxClaimOf(
  consumer: string,
  events: readonly CloudEvent[],
): RawBuilder<{ event_id: string }> {
  return sql<{ event_id: string }>`
    insert into inbox (consumer, event_id, event_type)
    select ${consumer}, event_id, event_type
    from unnest(${events.map((event) => event.id)}::uuid[], ${events.map((event) => event.type)}::text[])
      as claimed(event_id, event_type)
    on conflict (consumer, event_id) do nothing
    returning event_id`;
}

/** A UUID as PostgreSQL compares it: any case, with or without hyphens and braces. */
function canonicalUuid(id: string): string {
  return id.toLowerCase().replace(/[{}-]/g, '');
}
