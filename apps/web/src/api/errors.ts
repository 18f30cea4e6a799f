import { ApiError, networkErrorCode } from './client';

/** Plain words for the server's error codes; a screen may say some of them its own way. */
const messages: Record<string, string> = {
  [networkErrorCode]: 'We could not reach MoneyPal. Check your connection and try again.',
  validation_failed: 'Some details need fixing.',
  unauthenticated: 'Your session has ended. Please log in again.',
  token_expired: 'Your session has ended. Please log in again.',
  token_invalid: 'Your session has ended. Please log in again.',
  forbidden: 'You are not allowed to do that.',
  not_found: 'We could not find that.',
  wallet_not_found: 'We could not find that wallet. Reload the page and try again.',
  recipient_not_found: 'No MoneyPal user has that user name or email.',
  recipient_has_no_wallet: 'That user has no wallet in this currency, so they cannot receive it.',
  user_not_found: 'We could not find that user.',
  conflict: 'That clashes with something that changed meanwhile. Please try again.',
  idempotency_in_flight: 'This is still being processed. Wait a moment, then try again.',
  idempotency_mismatch: 'This attempt was already used with other details. Please start again.',
  insufficient_funds: 'Your wallet does not have enough money for this.',
  limit_exceeded: 'This would go over a limit on your wallet. Try a smaller amount, or try again tomorrow.',
  currency_mismatch: 'The two wallets hold different currencies.',
  wallet_frozen: 'The wallet is frozen, so no money can move in or out of it. Please contact support.',
  credit_not_above_savings:
    'The amount must be larger than the flat savings amount of the wallet that receives it.',
  payment_not_capturable: 'This payment cannot be completed in its current state.',
  payment_declined: 'PayPal declined the payment. No money was taken.',
  otp_invalid: 'That code is not right. Check it and try again.',
  otp_expired: 'That code has expired or was already used. Log in again to get a new one.',
  otp_exhausted: 'Too many wrong codes. Log in again to get a new one.',
  rate_limited: 'Too many attempts in a short time. Wait a minute, then try again.',
  bad_gateway: 'PayPal could not be reached. Try again in a moment.',
  unavailable: 'MoneyPal is having trouble right now. Try again in a moment.',
  internal: 'Something went wrong on our side. Try again in a moment.',
};

/** The codes where the server gives specifics worth adding to the plain words. */
const codesWithUsefulDetail = new Set(['limit_exceeded', 'conflict', 'not_found']);

/**
 * What to tell the person about a failed call, in plain words. `overrides` reword codes for
 * a screen (a transfer's `recipient_has_no_wallet` speaks of a transfer).
 */
export function describeError(error: unknown, overrides: Record<string, string> = {}): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  const message = overrides[error.code] ?? messages[error.code];
  if (message === undefined) return error.detail === '' ? 'Something went wrong.' : sentenceOf(error.detail);
  if (overrides[error.code] === undefined && codesWithUsefulDetail.has(error.code) && error.detail !== '') {
    return error.code === 'limit_exceeded'
      ? `${message} (${sentenceOf(error.detail)})`
      : sentenceOf(error.detail);
  }
  return message;
}

/**
 * Whether trying the very same request again may succeed: the request did not arrive, the
 * server was busy, or it is still working on it. Other refusals are answers, and a retry
 * with the same Idempotency-Key would get the same answer.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return (
    error.code === networkErrorCode ||
    error.code === 'rate_limited' ||
    error.code === 'idempotency_in_flight' ||
    error.status >= 500
  );
}

export function codeOf(error: unknown): string | null {
  return error instanceof ApiError ? error.code : null;
}

/** `'the user_name is already taken'` → `'The user_name is already taken.'` */
export function sentenceOf(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capitalised = `${trimmed[0]!.toUpperCase()}${trimmed.slice(1)}`;
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
