import type { PaymentStatus, Refund, refundStatuses } from '@moneypal/contracts';
import { toSafeNumber } from '@moneypal/kit';

export type RefundStatus = (typeof refundStatuses)[number];

/** A refund as stored. */
export interface RefundRecord {
  id: string;
  payment_id: string;
  amount: bigint;
  reason: string | null;
  status: RefundStatus;
  paypal_refund_id: string | null;
  failure_issue: string | null;
  /** The admin who asked, or null for a refund made at PayPal outside MoneyPal. */
  requested_by: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  lease_until: Date | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

export function toPublicRefund(record: RefundRecord): Refund {
  return {
    id: record.id,
    amount: toSafeNumber(record.amount),
    status: record.status,
    reason: record.reason,
    paypal_refund_id: record.paypal_refund_id,
    created_at: record.created_at.toISOString(),
    completed_at: record.completed_at?.toISOString() ?? null,
  };
}

/**
 * What an admin's refund of `requestedMinor` (none: all that is left) may be, given the
 * payment's amount and its refunds that hold money (every one but the failed): the amount to
 * refund, or why it cannot be. `leftMinor` is what is left to refund.
 */
export function refundAmountOf(
  paymentAmountMinor: bigint,
  refunds: readonly Pick<RefundRecord, 'amount' | 'status'>[],
  requestedMinor: bigint | null,
): { amountMinor: bigint } | { refusal: 'nothing_left' | 'above_what_is_left'; leftMinor: bigint } {
  const reservedMinor = refunds
    .filter((refund) => refund.status !== 'failed')
    .reduce((sum, refund) => sum + refund.amount, 0n);
  const leftMinor = paymentAmountMinor - reservedMinor;
  if (leftMinor <= 0n) return { refusal: 'nothing_left', leftMinor: 0n };
  if (requestedMinor === null) return { amountMinor: leftMinor };
  if (requestedMinor > leftMinor) return { refusal: 'above_what_is_left', leftMinor };
  return { amountMinor: requestedMinor };
}

/** The payment's status once its completed refunds sum to `refundedMinor`. */
export function statusAfterRefunds(paymentAmountMinor: bigint, refundedMinor: bigint): PaymentStatus {
  return refundedMinor >= paymentAmountMinor ? 'refunded' : 'partially_refunded';
}

/** Our status of a refund PayPal holds in `paypalStatus`; null for a status PayPal adds later. */
export function refundStatusOfPayPal(paypalStatus: string): RefundStatus | null {
  switch (paypalStatus) {
    case 'COMPLETED':
      return 'completed';
    case 'PENDING':
      return 'pending';
    case 'FAILED':
    case 'CANCELLED':
      return 'failed';
    default:
      return null;
  }
}
