import { AppError, type ErrorCode, type ErrorDetails } from '@moneypal/kit';

/**
 * Every error code the payments service answers with, and what it means here. Codes and
 * their HTTP statuses are defined once in the kit; this list is the service's closed subset.
 */
export const paymentsErrorCodes = {
  validation_failed:
    'the request does not match its contract, a cursor is malformed, PayPal does not take the currency or amount, a payer pays themselves, or a verified webhook body is not a PayPal event',
  forbidden:
    'the actor may not do this at all: a service creating a payment, a user refunding, someone other than the payer cancelling',
  not_found: 'no payment or payout that the actor may see (others are never revealed)',
  wallet_not_found: "no wallet of the payer's with that id (another's answers alike)",
  recipient_not_found: 'the payee named by `paid_to` is nobody',
  idempotency_in_flight: 'a payment with the same Idempotency-Key is creating its PayPal order right now',
  idempotency_mismatch: 'the Idempotency-Key was used before with another request',
  currency_mismatch: 'the payment currency is not the currency of the wallet',
  wallet_frozen: 'the wallet is frozen or closed',
  insufficient_funds: "a payout is above the wallet's available balance",
  conflict: 'a wallet to release is active or holds nothing, or its balance changed while it was released',
  limit_exceeded: "a payout breaks a withdrawal rule of the wallet's type (amount or daily limits)",
  payment_not_capturable: 'the payment has no PayPal order yet, or the buyer has not approved it at PayPal',
  payment_not_refundable:
    'the payment is not captured, the refund is more than is left of it, or PayPal refuses to refund it (its amount is refundable again)',
  webhook_signature_invalid:
    'the webhook headers are missing or malformed, its certificate is not PayPal’s, its time is too far from now, or its signature does not verify',
  bad_gateway:
    'PayPal failed, timed out or answered something unexpected; nothing was changed and a retry is safe',
  unavailable:
    'the payments database, the ledger or identity does not answer, or PayPal is failing and its circuit breaker is open (nothing was sent to PayPal)',
} as const satisfies Partial<Record<ErrorCode, string>>;

export type PaymentsErrorCode = keyof typeof paymentsErrorCodes;

/** An `AppError` whose code is one this service is documented to answer with. */
export function paymentsError(code: PaymentsErrorCode, message: string, details?: ErrorDetails): AppError {
  return new AppError(code, message, details);
}
