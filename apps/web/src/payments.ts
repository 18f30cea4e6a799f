import type { Payment } from './api/types';

export type PaymentPhase =
  | 'awaiting-approval'
  | 'processing'
  | 'pending'
  | 'captured'
  | 'declined'
  | 'cancelled'
  | 'expired'
  | 'partially-refunded'
  | 'refunded';

/** Where a payment stands, in the terms the person acts on. */
export function phaseOf(payment: Pick<Payment, 'status' | 'failure_reason'>): PaymentPhase {
  switch (payment.status) {
    case 'created':
      return 'awaiting-approval';
    case 'approved':
      return 'processing';
    case 'pending':
      return 'pending';
    case 'captured':
      return 'captured';
    case 'partially_refunded':
      return 'partially-refunded';
    case 'refunded':
      return 'refunded';
    case 'failed':
      if (payment.failure_reason === 'cancelled') return 'cancelled';
      if (payment.failure_reason === 'expired') return 'expired';
      return 'declined';
  }
}

/** Whether the payment may still change without the person doing anything. */
export function isSettling(phase: PaymentPhase): boolean {
  return phase === 'processing' || phase === 'pending';
}

export const phaseNames: Readonly<Record<PaymentPhase, string>> = {
  'awaiting-approval': 'Waiting for approval',
  processing: 'Completing',
  pending: 'Pending',
  captured: 'Completed',
  declined: 'Declined',
  cancelled: 'Cancelled',
  expired: 'Expired',
  'partially-refunded': 'Partly refunded',
  refunded: 'Refunded',
};

export const phaseTones: Readonly<Record<PaymentPhase, 'success' | 'warning' | 'error' | 'neutral'>> = {
  'awaiting-approval': 'neutral',
  processing: 'neutral',
  pending: 'warning',
  captured: 'success',
  declined: 'error',
  cancelled: 'neutral',
  expired: 'neutral',
  'partially-refunded': 'neutral',
  refunded: 'neutral',
};
