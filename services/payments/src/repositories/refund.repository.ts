import type { Executor } from '../database.js';
import type { RefundRecord, RefundStatus } from '../domain/refund.js';

/** Inserts a refund; a second refund of the same admin's Idempotency-Key violates `refunds_idempotency_key`. */
export async function insertRefund(db: Executor, refund: RefundRecord): Promise<void> {
  await db.insertInto('refunds').values(refund).execute();
}

/** True when a unique violation comes from the (admin, Idempotency-Key) constraint. */
export function isRefundKeyConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'refunds_idempotency_key';
}

export async function findRefund(db: Executor, id: string): Promise<RefundRecord | undefined> {
  return db.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRefundByKey(
  db: Executor,
  requestedBy: string,
  idempotencyKey: string,
): Promise<RefundRecord | undefined> {
  return db
    .selectFrom('refunds')
    .selectAll()
    .where('requested_by', '=', requestedBy)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export async function findRefundByPayPalId(
  db: Executor,
  paypalRefundId: string,
): Promise<RefundRecord | undefined> {
  return db
    .selectFrom('refunds')
    .selectAll()
    .where('paypal_refund_id', '=', paypalRefundId)
    .executeTakeFirst();
}

/** The refunds of each payment, oldest first (ids are UUIDv7), in one query. */
export async function listRefundsOfPayments(
  db: Executor,
  paymentIds: readonly string[],
): Promise<RefundRecord[]> {
  if (paymentIds.length === 0) return [];
  return db
    .selectFrom('refunds')
    .selectAll()
    .where('payment_id', 'in', [...paymentIds])
    .orderBy('payment_id')
    .orderBy('id')
    .execute();
}

/**
 * Takes the right to ask PayPal for a requested refund until `leaseUntil`, unless another
 * request holds an unexpired lease or the refund moved on; returns the refund when taken.
 */
export async function leaseRefund(
  db: Executor,
  id: string,
  now: Date,
  leaseUntil: Date,
): Promise<RefundRecord | undefined> {
  return db
    .updateTable('refunds')
    .set({ lease_until: leaseUntil, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .returningAll()
    .executeTakeFirst();
}

/** Gives up the lease after PayPal could not be reached, so that a retry of the same key may ask at once. */
export async function releaseRefund(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('refunds')
    .set({ lease_until: null })
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .execute();
}

/**
 * Moves a refund into `status` only if it is in one of `from` now: one conditional update,
 * so of the admin's request and PayPal's webhook racing to complete it, exactly one does
 * (the other's update waits for the row lock, then finds the status changed).
 */
export async function transitionRefund(
  db: Executor,
  id: string,
  change: {
    from: readonly RefundStatus[];
    status: RefundStatus;
    paypalRefundId?: string | undefined;
    failureIssue?: string | null;
    now: Date;
  },
): Promise<RefundRecord | undefined> {
  return db
    .updateTable('refunds')
    .set({
      status: change.status,
      lease_until: null,
      updated_at: change.now,
      ...(change.paypalRefundId === undefined ? {} : { paypal_refund_id: change.paypalRefundId }),
      ...(change.failureIssue === undefined ? {} : { failure_issue: change.failureIssue }),
      ...(change.status === 'completed' ? { completed_at: change.now } : {}),
    })
    .where('id', '=', id)
    .where('status', 'in', [...change.from])
    .returningAll()
    .executeTakeFirst();
}
