import type { Payout, PayoutStatus, payoutFailureReasons } from '@moneypal/contracts';
import { toSafeNumber } from '@moneypal/kit';

export type { PayoutStatus } from '@moneypal/contracts';
export type PayoutFailureReason = (typeof payoutFailureReasons)[number];

/** A payout as stored. */
export interface PayoutRecord {
  id: string;
  user_id: string;
  wallet_id: string;
  amount: bigint;
  currency: string;
  receiver: string;
  metadata: Record<string, string>;
  status: PayoutStatus;
  failure_reason: PayoutFailureReason | null;
  transfer_id: string | null;
  paypal_batch_id: string | null;
  paypal_item_id: string | null;
  idempotency_key: string;
  request_hash: string;
  next_attempt_at: Date | null;
  ledger_done_at: Date | null;
  released_by: string | null;
  release_reason: string | null;
  sandbox: boolean;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

/** Final statuses: nothing PayPal says afterwards changes a payout, so its money moves once. */
export const finalPayoutStatuses: readonly PayoutStatus[] = ['succeeded', 'failed', 'returned'];

/** The statuses a payout waits in for PayPal's word. */
export const openPayoutStatuses: readonly PayoutStatus[] = ['pending', 'processing', 'unclaimed'];

export function isFinal(status: PayoutStatus): boolean {
  return finalPayoutStatuses.includes(status);
}

/** What a PayPal item status makes of a payout still open; null: nothing changes. */
export type PayoutChange =
  | { status: 'processing' | 'unclaimed' }
  | { status: 'succeeded' }
  | { status: 'failed' | 'returned'; reason: PayoutFailureReason };

/**
 * The change a PayPal item's `transaction_status` brings to a payout in `current`. Final
 * payouts never change (a late UNCLAIMED after SUCCESS, a FAILED after RETURNED); an
 * unclaimed payout may still be paid, fail or be returned; a status PayPal adds later
 * changes nothing until it is understood.
 */
export function payoutChangeOf(current: PayoutStatus, itemStatus: string): PayoutChange | null {
  if (isFinal(current)) return null;
  switch (itemStatus) {
    case 'SUCCESS':
      return { status: 'succeeded' };
    case 'FAILED':
    case 'DENIED':
      return { status: 'failed', reason: 'failed' };
    case 'BLOCKED':
      return { status: 'failed', reason: 'blocked' };
    case 'RETURNED':
    case 'REFUNDED':
    case 'REVERSED':
      return { status: 'returned', reason: 'returned' };
    case 'UNCLAIMED':
      return current === 'unclaimed' ? null : { status: 'unclaimed' };
    case 'PENDING':
    case 'ONHOLD':
      return current === 'pending' ? { status: 'processing' } : null;
    default:
      return null;
  }
}

export function toPublicPayout(payout: PayoutRecord): Payout {
  return {
    id: payout.id,
    user_id: payout.user_id,
    wallet_id: payout.wallet_id,
    amount: toSafeNumber(payout.amount),
    currency: payout.currency,
    receiver: payout.receiver,
    metadata: payout.metadata,
    status: payout.status,
    failure_reason: payout.failure_reason,
    paypal_batch_id: payout.paypal_batch_id,
    paypal_item_id: payout.paypal_item_id,
    transfer_id: payout.transfer_id,
    sandbox: payout.sandbox,
    created_at: payout.created_at.toISOString(),
    updated_at: payout.updated_at.toISOString(),
    completed_at: payout.completed_at?.toISOString() ?? null,
    released_by: payout.released_by,
    release_reason: payout.release_reason,
  };
}
