import type { Executor } from '../database.js';
import type { PaymentRequestRecord, StoredPaymentRequestStatus } from '../domain/payment-request.js';

export async function insertPaymentRequest(db: Executor, request: PaymentRequestRecord): Promise<void> {
  await db.insertInto('payment_requests').values(request).execute();
}

export async function findPaymentRequest(
  db: Executor,
  id: string,
): Promise<PaymentRequestRecord | undefined> {
  return db.selectFrom('payment_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Locks the request until the transaction ends, so that its pay, decline and cancel run one at
 * a time: the first to take the lock decides, the others read what it decided.
 */
export async function lockPaymentRequest(
  db: Executor,
  id: string,
): Promise<PaymentRequestRecord | undefined> {
  return db.selectFrom('payment_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The request a payer paid with this Idempotency-Key, if any. */
export async function findPaidWithKey(
  db: Executor,
  payerId: string,
  idempotencyKey: string,
): Promise<PaymentRequestRecord | undefined> {
  return db
    .selectFrom('payment_requests')
    .selectAll()
    .where('payer_id', '=', payerId)
    .where('pay_idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export type PaymentRequestUpdate = Partial<
  Pick<
    PaymentRequestRecord,
    | 'status'
    | 'updated_at'
    | 'from_wallet_id'
    | 'transfer_id'
    | 'paid_at'
    | 'pay_idempotency_key'
    | 'pay_request_hash'
    | 'closed_at'
    | 'decline_reason'
  >
>;

export async function updatePaymentRequest(
  db: Executor,
  id: string,
  changes: PaymentRequestUpdate,
): Promise<PaymentRequestRecord> {
  return db
    .updateTable('payment_requests')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A pay the ledger refused: counted on the request, and kept under the payer's key. */
export interface PayRefusal {
  payerId: string;
  idempotencyKey: string;
  paymentRequestId: string;
  requestHash: string;
  code: string;
  message: string;
  details: Record<string, unknown> | null;
  refusedAt: Date;
}

/** Counts a refused attempt on the request (whose lock the caller holds) and keeps the refusal. */
export async function recordRefusal(db: Executor, refusal: PayRefusal): Promise<void> {
  await db
    .updateTable('payment_requests')
    .set((eb) => ({ refused_attempts: eb('refused_attempts', '+', 1) }))
    .where('id', '=', refusal.paymentRequestId)
    .execute();
  await db
    .insertInto('payment_request_refusals')
    .values({
      payer_id: refusal.payerId,
      idempotency_key: refusal.idempotencyKey,
      payment_request_id: refusal.paymentRequestId,
      request_hash: refusal.requestHash,
      code: refusal.code,
      message: refusal.message,
      details: refusal.details === null ? null : JSON.stringify(refusal.details),
      refused_at: refusal.refusedAt,
    })
    .onConflict((conflict) => conflict.columns(['payer_id', 'idempotency_key']).doNothing())
    .execute();
}

export async function findRefusal(
  db: Executor,
  payerId: string,
  idempotencyKey: string,
): Promise<PaymentRequestRefusalRow | undefined> {
  return db
    .selectFrom('payment_request_refusals')
    .selectAll()
    .where('payer_id', '=', payerId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export interface PaymentRequestRefusalRow {
  payer_id: string;
  idempotency_key: string;
  payment_request_id: string;
  request_hash: string;
  code: string;
  message: string;
  details: unknown;
  refused_at: Date;
}

export interface PaymentRequestListFilters {
  /** Requests this user is asked to pay, made, or either; undefined for every request. */
  userId?: string | undefined;
  direction?: 'incoming' | 'outgoing' | undefined;
  status?: StoredPaymentRequestStatus | 'expired' | undefined;
  /** The time that decides which pending requests have expired. */
  now: Date;
}

/** Newest first (ids are time-ordered), after the cursor's id. */
export async function listPaymentRequests(
  db: Executor,
  filters: PaymentRequestListFilters,
  page: { afterId?: string | undefined; limit: number },
): Promise<PaymentRequestRecord[]> {
  let query = db.selectFrom('payment_requests').selectAll();
  const { userId, direction, status, now } = filters;
  if (userId !== undefined) {
    if (direction === 'incoming') query = query.where('payer_id', '=', userId);
    else if (direction === 'outgoing') query = query.where('requester_id', '=', userId);
    else query = query.where((eb) => eb.or([eb('payer_id', '=', userId), eb('requester_id', '=', userId)]));
  }
  if (status === 'expired') {
    query = query.where('status', '=', 'pending').where('expires_at', '<=', now);
  } else if (status === 'pending') {
    query = query.where('status', '=', 'pending').where('expires_at', '>', now);
  } else if (status !== undefined) {
    query = query.where('status', '=', status);
  }
  if (page.afterId !== undefined) query = query.where('id', '<', page.afterId);
  return query.orderBy('id', 'desc').limit(page.limit).execute();
}
