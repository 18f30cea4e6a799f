import { AppError, type ErrorCode, type ErrorDetails } from '@moneypal/kit';

/**
 * Every error code billing answers with, and what it means here. Codes and their HTTP
 * statuses are defined once in the kit; this list is the service's closed subset. The
 * ledger's refusals of a bill's transfer are answered as the ledger gave them.
 */
export const billingErrorCodes = {
  validation_failed:
    'the request does not match its contract, a cursor is malformed, a report range is reversed or too long, a bill pays its own payer, a payment request asks its own requester or expires in the past',
  forbidden:
    "a service asked for what only a user does (pay a bill, read a report), or a party did the other party's part of a payment request (pay, decline, cancel)",
  not_found: 'no invoice or payment request the actor may see (others are never revealed)',
  wallet_not_found:
    "no paying wallet of the payer's, or no receiving wallet of the requester's (another's answers alike)",
  recipient_not_found: 'no provider of the name or email in `to_user`, or no payer of the one in `from_user`',
  recipient_has_no_wallet: 'the provider has no wallet in the currency of the paying wallet',
  conflict:
    "the bill's Idempotency-Key moved money before and the ledger's stored answer has expired, or an unfinished pay of the payment request came from another wallet",
  payment_request_closed: 'the payment request was already paid, declined or cancelled, or has expired',
  idempotency_in_flight: 'a bill with the same Idempotency-Key is being processed right now',
  idempotency_mismatch: 'the Idempotency-Key was used before with another bill',
  insufficient_funds: 'the paying wallet holds less than the amount',
  limit_exceeded: 'a transaction rule of the paying wallet refuses the payment',
  currency_mismatch: 'the paying and the receiving wallet hold different currencies',
  wallet_frozen: 'the paying or the receiving wallet is frozen or closed',
  credit_not_above_savings: "the amount is not above the flat savings amount of the provider's wallet",
  unavailable: 'the billing database, the ledger or identity does not answer',
} as const satisfies Partial<Record<ErrorCode, string>>;

export type BillingErrorCode = keyof typeof billingErrorCodes;

/** An `AppError` whose code is one this service is documented to answer with. */
export function billingError(code: BillingErrorCode, message: string, details?: ErrorDetails): AppError {
  return new AppError(code, message, details);
}
