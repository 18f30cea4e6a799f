import type { z } from 'zod';
import { fieldNamesAt, unknownFieldMessageOf } from './field-names.js';

/**
 * One error type for every expected failure. Services throw `AppError` with a code from
 * the closed list below (or a service's own list); the gateway turns the code into an
 * HTTP status with `httpStatusOf`. Anything else is a bug and becomes a generic 500.
 */
export const errorCodes = {
  /** The request does not match its contract; `errors` names the fields. */
  validation_failed: { status: 400, title: 'The request is not valid' },
  /** No credentials, or wrong ones (a login, a current password): log in. */
  unauthenticated: { status: 401, title: 'Authentication is required' },
  /** A well-formed access or refresh token past its expiry: refresh, or log in when the refresh token expired. */
  token_expired: { status: 401, title: 'The token has expired' },
  /** A token that is malformed, wrongly signed, revoked, reused or unknown: log in again. */
  token_invalid: { status: 401, title: 'The token is not valid' },
  /** The caller is known but may not do this at all. */
  forbidden: { status: 403, title: 'Not allowed' },
  /** No such path, or no such resource named in the path that the caller may see. */
  not_found: { status: 404, title: 'Not found' },
  /** A wallet named in the path or body is unknown or not the caller's (the two answer alike). */
  wallet_not_found: { status: 404, title: 'Wallet not found' },
  /** The recipient named (user id, user name, email or wallet) is nobody; `errors` names the field. */
  recipient_not_found: { status: 404, title: 'Recipient not found' },
  /** The recipient exists but has no wallet in the currency of the money sent; `errors` names the field. */
  recipient_has_no_wallet: { status: 404, title: 'The recipient has no wallet in this currency' },
  /** No live user has that id, email or user name (or the caller may not see them). */
  user_not_found: { status: 404, title: 'User not found' },
  /** The method is not one the path takes. */
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  /** The body did not arrive in time. */
  request_timeout: { status: 408, title: 'The request did not arrive in time' },
  /** The request conflicts with the current state (a taken name, an expired stored answer). */
  conflict: { status: 409, title: 'Conflict with the current state' },
  /** The hold was already captured, voided or expired: only one of them settles it. */
  hold_already_settled: { status: 409, title: 'The hold is already settled' },
  /** The payment request was already paid, declined, cancelled, or has expired: only one of them ends it. */
  payment_request_closed: { status: 409, title: 'The payment request is closed' },
  /** The same Idempotency-Key is being processed: retry later with the same key. */
  idempotency_in_flight: { status: 409, title: 'A request with this Idempotency-Key is still in flight' },
  /** The body is larger than the limit. */
  payload_too_large: { status: 413, title: 'The request body is too large' },
  /** The body is not JSON. */
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  /** The Idempotency-Key was used before with another request. */
  idempotency_mismatch: { status: 422, title: 'The Idempotency-Key was used with another request' },
  /** A transfer of an all-or-nothing batch that was not posted because another one of the batch failed. */
  batch_failed: { status: 422, title: 'Another transfer of the all-or-nothing batch failed' },
  /** The debited wallet holds less than the amount. */
  insufficient_funds: { status: 422, title: 'Insufficient funds' },
  /** A rule refuses it; `details.limit` names which (min_amount, max_amount, daily_total, daily_count, balance), `details.value` its figure. */
  limit_exceeded: { status: 422, title: 'A transaction limit would be exceeded' },
  /** The wallets or the payment hold different currencies. */
  currency_mismatch: { status: 422, title: 'Currencies do not match' },
  /** A wallet taking part is frozen or closed. */
  wallet_frozen: { status: 422, title: 'The wallet is not active' },
  /** A credit into a wallet with a flat savings plan is not above the flat amount. */
  credit_not_above_savings: {
    status: 422,
    title: "The credit is not larger than the wallet's flat savings amount",
  },
  /** A PayPal webhook whose signature does not verify. */
  webhook_signature_invalid: { status: 400, title: 'The webhook signature does not verify' },
  /** The payment is not approved, or not in a state that captures. */
  payment_not_capturable: { status: 422, title: 'The payment cannot be captured in its state' },
  /** The payment is not captured, or PayPal refuses the refund. */
  payment_not_refundable: { status: 422, title: 'The payment cannot be refunded in its state' },
  /** PayPal declined the payment. */
  payment_declined: { status: 422, title: 'PayPal declined the payment' },
  /** The one-time code is wrong; the challenge allows another try. */
  otp_invalid: { status: 401, title: 'The one-time code is wrong' },
  /** The one-time code challenge is unknown, past its time or used: log in again. */
  otp_expired: { status: 401, title: 'The one-time code has expired or was used' },
  /** Too many wrong codes; the challenge is dead: log in again. */
  otp_exhausted: { status: 401, title: 'Too many wrong one-time codes' },
  /** Too many requests; `Retry-After` says when to try again. */
  rate_limited: { status: 429, title: 'Too many requests' },
  /** The request headers are larger than the limit. */
  headers_too_large: { status: 431, title: 'The request headers are too large' },
  /** A bug; the detail is in the log. */
  internal: { status: 500, title: 'Internal error' },
  /** An upstream provider (PayPal) failed; nothing was changed. */
  bad_gateway: { status: 502, title: 'An upstream provider failed' },
  /** A service or database does not answer; retry later (with the same Idempotency-Key). */
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldError {
  path: string;
  message: string;
}

export interface ErrorDetails {
  errors?: FieldError[];
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** The shape an error takes on the bus. */
  toJSON(): { code: ErrorCode; message: string; details?: ErrorDetails } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}

export function httpStatusOf(code: ErrorCode): number {
  return errorCodes[code].status;
}

export function titleOf(code: ErrorCode): string {
  return errorCodes[code].title;
}

/** A zod issue, as far as field errors read it. */
export interface FieldIssue {
  path: ReadonlyArray<PropertyKey>;
  message: string;
  code?: string;
  /** The names of an `unrecognized_keys` issue. */
  keys?: readonly string[];
}

/**
 * Field errors from a zod issue list, paths joined with dots. An unknown field is an error of
 * its own path, named in its message with the field meant when one is likely (the schema's
 * own field names, when `schema` is given, are what it is matched against); `noun` is what
 * the message calls it (a query string has parameters).
 */
export function fieldErrorsOf(
  issues: ReadonlyArray<FieldIssue>,
  schema?: z.ZodType,
  noun: 'field' | 'parameter' = 'field',
): FieldError[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map((segment) => String(segment));
    if (issue.code === 'unrecognized_keys' && issue.keys !== undefined && issue.keys.length > 0) {
      const known = schema === undefined ? [] : fieldNamesAt(schema, issue.path);
      return issue.keys.map((key) => ({
        path: [...path, key].join('.'),
        message: unknownFieldMessageOf(key, known, noun),
      }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}

/**
 * A message as the API writes it: a sentence, starting with a capital and ending with a full
 * stop. Messages are written as sentences where they are made; this keeps the ones written as a
 * predicate of their field (`must be a UUID`) in the same voice.
 */
export function sentenceOf(message: string): string {
  const trimmed = message.trim();
  if (trimmed.length === 0) return trimmed;
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
