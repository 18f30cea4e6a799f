import type { CaptureRow, Executor, RefundReversalRow } from '../database.js';

export async function findCapture(db: Executor, paymentId: string): Promise<CaptureRow | undefined> {
  return db.selectFrom('captures').selectAll().where('payment_id', '=', paymentId).executeTakeFirst();
}

/** Records a capture's outcome unless one is recorded; true when this call recorded it. */
export async function insertCapture(db: Executor, capture: CaptureRow): Promise<boolean> {
  const inserted = await db
    .insertInto('captures')
    .values(capture)
    .onConflict((conflict) => conflict.column('payment_id').doNothing())
    .returning('payment_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findRefundReversal(
  db: Executor,
  refundId: string,
): Promise<RefundReversalRow | undefined> {
  return db.selectFrom('refund_reversals').selectAll().where('refund_id', '=', refundId).executeTakeFirst();
}

/** Records a refund's reversal unless one is recorded; true when this call recorded it. */
export async function insertRefundReversal(db: Executor, reversal: RefundReversalRow): Promise<boolean> {
  const inserted = await db
    .insertInto('refund_reversals')
    .values(reversal)
    .onConflict((conflict) => conflict.column('refund_id').doNothing())
    .returning('refund_id')
    .executeTakeFirst();
  return inserted !== undefined;
}
