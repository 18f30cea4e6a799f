import type { Payment, PaymentStatus } from '@moneypal/contracts';
import { toSafeNumber } from '@moneypal/kit';
import { type RefundRecord, toPublicRefund } from './refund.js';

export type { PaymentStatus } from '@moneypal/contracts';
export type FailureReason = 'declined' | 'cancelled' | 'expired';

/** A payment as stored. */
export interface PaymentRecord {
  id: string;
  payer_id: string;
  wallet_id: string;
  paid_to: string | null;
  amount: bigint;
  currency: string;
  description: string | null;
  status: PaymentStatus;
  failure_reason: FailureReason | null;
  approve_url: string | null;
  paypal_order_id: string | null;
  paypal_capture_id: string | null;
  idempotency_key: string;
  request_hash: string;
  order_lease_until: Date | null;
  sandbox: boolean;
  created_at: Date;
  updated_at: Date;
  captured_at: Date | null;
  refunded_at: Date | null;
  /** The sum of its completed refunds. */
  refunded_amount: bigint;
  metadata: Record<string, string>;
}

/** A new payment, before its PayPal order exists; `orderLeaseUntil` reserves creating it. */
export function createPaymentRecord(
  input: {
    id: string;
    payerId: string;
    walletId: string;
    paidTo: string | null;
    amount: bigint;
    currency: string;
    description: string | null;
    metadata: Record<string, string>;
    idempotencyKey: string;
    requestHash: string;
    sandbox: boolean;
    orderLeaseUntil: Date;
  },
  now: Date,
): PaymentRecord {
  return {
    id: input.id,
    payer_id: input.payerId,
    wallet_id: input.walletId,
    paid_to: input.paidTo,
    amount: input.amount,
    currency: input.currency,
    description: input.description,
    status: 'created',
    failure_reason: null,
    approve_url: null,
    paypal_order_id: null,
    paypal_capture_id: null,
    idempotency_key: input.idempotencyKey,
    request_hash: input.requestHash,
    order_lease_until: input.orderLeaseUntil,
    sandbox: input.sandbox,
    created_at: now,
    updated_at: now,
    captured_at: null,
    refunded_at: null,
    refunded_amount: 0n,
    metadata: input.metadata,
  };
}

/** A payment as answered and published, with its refunds (oldest first). */
export function toPublicPayment(record: PaymentRecord, refunds: readonly RefundRecord[]): Payment {
  return {
    id: record.id,
    payer_id: record.payer_id,
    wallet_id: record.wallet_id,
    paid_to: record.paid_to,
    amount: toSafeNumber(record.amount),
    currency: record.currency,
    description: record.description,
    status: record.status,
    failure_reason: record.failure_reason,
    approve_url: record.approve_url,
    paypal_order_id: record.paypal_order_id,
    paypal_capture_id: record.paypal_capture_id,
    sandbox: record.sandbox,
    created_at: record.created_at.toISOString(),
    updated_at: record.updated_at.toISOString(),
    captured_at: record.captured_at?.toISOString() ?? null,
    refunded_at: record.refunded_at?.toISOString() ?? null,
    refunded_amount: toSafeNumber(record.refunded_amount),
    refunds: refunds.map(toPublicRefund),
    metadata: record.metadata,
  };
}

/** The statuses a payment may still be captured from (by the buyer's return or by webhook). */
export const capturableStatuses: readonly PaymentStatus[] = ['created', 'approved'];

/** The statuses a payment may be refunded from: captured, and not refunded in full. */
export const refundableStatuses: readonly PaymentStatus[] = ['captured', 'partially_refunded'];
