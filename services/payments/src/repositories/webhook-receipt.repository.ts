import type { Executor, WebhookReceiptRow } from '../database.js';

export async function findWebhookReceipt(
  db: Executor,
  eventId: string,
): Promise<WebhookReceiptRow | undefined> {
  return db.selectFrom('webhook_receipts').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

/** Records an event once; returns false when its id was recorded already (a concurrent copy). */
export async function insertWebhookReceipt(db: Executor, receipt: WebhookReceiptRow): Promise<boolean> {
  const inserted = await db
    .insertInto('webhook_receipts')
    .values(receipt)
    .onConflict((conflict) => conflict.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}
