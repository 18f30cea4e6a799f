import { AppError, type ErrorCode, type ErrorDetails } from '@moneypal/kit';

/**
 * Every error code the ledger answers with, and what it means here. Codes and their HTTP
 * statuses are defined once in the kit; this list is the service's closed subset.
 */
export const ledgerErrorCodes = {
  validation_failed:
    'the request does not match its contract, a cursor is malformed, a currency or wallet type is unknown, or a transfer goes to its own wallet',
  forbidden:
    'the actor may not do this at all: admin-only catalogue changes and wallet status changes, deposits from a source not theirs, a payee capturing or a payer voiding a hold',
  not_found: 'no transfer, hold or savings plan that the actor may see (others are never revealed)',
  wallet_not_found:
    "no wallet of that id the actor may see, or no wallet of the owner in the currency asked (another's answers alike)",
  recipient_not_found: 'the recipient user (id, user name or email) or the recipient wallet does not exist',
  recipient_has_no_wallet: 'the recipient user has no wallet in the currency of the paying wallet',
  conflict:
    'the wallet type already exists, an Idempotency-Key that moved money before is reused after its stored answer expired, or a wallet status change breaks a rule (reopening a closed wallet, closing one with money, activating a deleted owner’s)',
  idempotency_in_flight: 'a request with the same Idempotency-Key is being processed right now',
  idempotency_mismatch: 'the Idempotency-Key was used before with another request',
  batch_failed: 'a transfer of an all-or-nothing batch was not posted because another transfer of it failed',
  insufficient_funds: 'the debited account holds less than the amount',
  limit_exceeded:
    'a transaction rule (min, max, daily total, daily count) of the wallet type refuses it, or a balance would pass 2^53-1',
  currency_mismatch: 'the two wallets hold different currencies',
  wallet_frozen: 'a wallet taking part is frozen or closed',
  hold_already_settled: 'the hold was captured, voided or expired already: only one of them settles it',
  credit_not_above_savings:
    'a credit into a wallet with a flat savings plan is not larger than the flat amount',
  unavailable: 'the ledger database, or identity when a recipient is named by user, does not answer',
} as const satisfies Partial<Record<ErrorCode, string>>;

export type LedgerErrorCode = keyof typeof ledgerErrorCodes;

/** An `AppError` whose code is one this service is documented to answer with. */
export function ledgerError(code: LedgerErrorCode, message: string, details?: ErrorDetails): AppError {
  return new AppError(code, message, details);
}
