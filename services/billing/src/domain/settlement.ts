/**
 * The ledger's side of a PayPal payment (ARCHITECTURE §6): `fund` credits the payer's
 * wallet from paypal-clearing; `settle` pays the provider from it. A refund reverses them
 * in the other order.
 */
export type LedgerStep = 'fund' | 'settle';

/** `failed` is final: the ledger refused a step for a reason that a retry would meet again. */
export type ReversalStatus = 'reversed' | 'failed' | 'nothing_to_reverse';

/**
 * The ledger's Idempotency-Keys of a payment's movements, in billing's scope: derived from
 * the payment id, so a redelivered event or a second replica never moves money twice.
 */
export function paymentLedgerKeysOf(paymentId: string) {
  return {
    fund: `payment:${paymentId}:fund`,
    settle: `payment:${paymentId}:settle`,
  };
}

/**
 * The keys of one refund's reversal: each refund of a payment (several partial ones, or one
 * in full) moves its own amount back once.
 */
export function refundLedgerKeysOf(paymentId: string, refundId: string) {
  return {
    settle: `payment:${paymentId}:refund:${refundId}:settle`,
    fund: `payment:${paymentId}:refund:${refundId}:fund`,
  };
}

/** A refund of a payment, as payments published it. */
export interface PaymentRefund {
  /** Payments' id of the refund. */
  id: string;
  amount: number;
}

export interface LedgerRefusal {
  step: LedgerStep;
  code: string;
  message: string;
}

/** What the ledger did with a captured payment. */
export interface CaptureOutcome {
  /** paypal-clearing → the payer's wallet; null when the ledger refused the credit. */
  fundTransferId: string | null;
  /** The payer's wallet → the provider's; null without a provider or when refused. */
  settleTransferId: string | null;
  /** The provider's wallet that the settle transfer credited. */
  providerWalletId: string | null;
  refusal: LedgerRefusal | null;
}

/** What the ledger did with a refund's reversal of its capture. */
export interface ReversalOutcome {
  status: ReversalStatus;
  /** The provider's wallet → the payer's. */
  settleTransferId: string | null;
  /** The payer's wallet → paypal-clearing. */
  fundTransferId: string | null;
  failure: LedgerRefusal | null;
}
