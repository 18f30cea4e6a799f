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
