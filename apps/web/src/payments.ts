import type { Payment } from './api/types';
import { i18n } from './i18n';

const t = i18n.getFixedT(null, 'payments');

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

/** A payment's phase in a word or two ("Completed"), as a badge shows it. */
export function phaseName(phase: PaymentPhase): string {
  return t(`phases.${phase}`);
}

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
