import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { PaymentRecord, PaymentStatus } from '../domain/payment.js';

export async function insertPayment(db: Executor, payment: PaymentRecord): Promise<void> {
  await db.insertInto('payments').values(payment).execute();
}

/** True when a unique violation comes from the (payer, Idempotency-Key) constraint. */
export function isIdempotencyKeyConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'payments_idempotency_key';
}

export async function findPayment(db: Executor, id: string): Promise<PaymentRecord | undefined> {
  return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The payment, locked (`for update`) until the transaction ends: its refunds are decided one at a time. */
export async function lockPayment(trx: Executor, id: string): Promise<PaymentRecord | undefined> {
  return trx.selectFrom('payments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findPaymentByKey(
  db: Executor,
  payerId: string,
  idempotencyKey: string,
): Promise<PaymentRecord | undefined> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('payer_id', '=', payerId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export async function findPaymentByOrderId(
  db: Executor,
  orderId: string,
): Promise<PaymentRecord | undefined> {
  return db.selectFrom('payments').selectAll().where('paypal_order_id', '=', orderId).executeTakeFirst();
}

export async function findPaymentByCaptureId(
  db: Executor,
  captureId: string,
): Promise<PaymentRecord | undefined> {
  return db.selectFrom('payments').selectAll().where('paypal_capture_id', '=', captureId).executeTakeFirst();
}

/** Newest first (ids are UUIDv7); `beforeId` continues after the last payment of the previous page. */
export async function listPayments(
  db: Executor,
  filter: {
    payerId: string | undefined;
    status: PaymentStatus | undefined;
    metadata: Record<string, string> | undefined;
  },
  page: { beforeId: string | undefined; limit: number },
): Promise<PaymentRecord[]> {
  let query = db.selectFrom('payments').selectAll();
  if (filter.payerId !== undefined) query = query.where('payer_id', '=', filter.payerId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  // Containment, served by the metadata GIN index: every pair given, exactly.
  if (filter.metadata !== undefined && Object.keys(filter.metadata).length > 0) {
    query = query.where(sql<boolean>`metadata @> ${JSON.stringify(filter.metadata)}::jsonb`);
  }
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  return query.orderBy('id', 'desc').limit(page.limit).execute();
}

/**
 * Takes the right to create the payment's PayPal order until `leaseUntil`, unless the
 * order exists or another request holds an unexpired lease; returns the payment when taken.
 */
export async function leaseOrderCreation(
  db: Executor,
  id: string,
  now: Date,
  leaseUntil: Date,
): Promise<PaymentRecord | undefined> {
  return db
    .updateTable('payments')
    .set({ order_lease_until: leaseUntil, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'created')
    .where('paypal_order_id', 'is', null)
    .where((eb) => eb.or([eb('order_lease_until', 'is', null), eb('order_lease_until', '<=', now)]))
    .returningAll()
    .executeTakeFirst();
}

/** Gives up the lease after a failed attempt, so that a retry of the same key may try at once. */
export async function releaseOrderCreation(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('payments')
    .set({ order_lease_until: null })
    .where('id', '=', id)
    .where('paypal_order_id', 'is', null)
    .execute();
}

/** Records the created order on a payment that still has none; returns the payment when it did. */
export async function recordOrder(
  db: Executor,
  id: string,
  order: { orderId: string; approveUrl: string },
  now: Date,
): Promise<PaymentRecord | undefined> {
  return db
    .updateTable('payments')
    .set({
      paypal_order_id: order.orderId,
      approve_url: order.approveUrl,
      order_lease_until: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'created')
    .where('paypal_order_id', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export type TransitionFields = Partial<
  Pick<PaymentRecord, 'failure_reason' | 'approve_url' | 'paypal_capture_id' | 'captured_at'>
>;

/**
 * Moves a payment into `status` only if it is in one of `from` now: one conditional
 * update, so of two racing paths exactly one changes the row (the other's update waits
 * for the row lock, then finds the status changed). Returns the payment when it changed.
 */
export async function transitionPayment(
  db: Executor,
  id: string,
  change: { from: readonly PaymentStatus[]; status: PaymentStatus; fields: TransitionFields; now: Date },
): Promise<PaymentRecord | undefined> {
  return db
    .updateTable('payments')
    .set({ ...change.fields, status: change.status, updated_at: change.now })
    .where('id', '=', id)
    .where('status', 'in', [...change.from])
    .returningAll()
    .executeTakeFirst();
}

/**
 * Adds a completed refund to the payment: `refunded_amount` grows by it and the status
 * follows (`partially_refunded`, or `refunded` once all is given back). Call it in the
 * transaction that completed the refund row, so a refund is counted once.
 */
export async function addCompletedRefund(
  trx: Executor,
  id: string,
  change: { amount: bigint; status: PaymentStatus; now: Date },
): Promise<PaymentRecord> {
  return trx
    .updateTable('payments')
    .set((eb) => ({
      refunded_amount: eb('refunded_amount', '+', change.amount),
      status: change.status,
      refunded_at: change.now,
      updated_at: change.now,
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
