/**
 * One error type for every expected failure. Services throw `AppError` with a code from
 * the closed list below (or a service's own list); the gateway turns the code into an
 * HTTP status with `httpStatusOf`. Anything else is a bug and becomes a generic 500.
 */
export const errorCodes = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'Not allowed' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  request_timeout: { status: 408, title: 'The request did not arrive in time' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  idempotency_in_flight: { status: 409, title: 'A request with this Idempotency-Key is still in flight' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  idempotency_mismatch: { status: 422, title: 'The Idempotency-Key was used with another request' },
  insufficient_funds: { status: 422, title: 'Insufficient funds' },
  limit_exceeded: { status: 422, title: 'A transaction limit would be exceeded' },
  currency_mismatch: { status: 422, title: 'Currencies do not match' },
  wallet_frozen: { status: 422, title: 'The wallet is not active' },
  credit_not_above_savings: {
    status: 422,
    title: "The credit is not larger than the wallet's flat savings amount",
  },
  webhook_signature_invalid: { status: 400, title: 'The webhook signature does not verify' },
  payment_not_capturable: { status: 422, title: 'The payment cannot be captured in its state' },
  payment_not_refundable: { status: 422, title: 'The payment cannot be refunded in its state' },
  payment_declined: { status: 422, title: 'PayPal declined the payment' },
  otp_invalid: { status: 401, title: 'The one-time code is wrong' },
  otp_expired: { status: 401, title: 'The one-time code has expired or was used' },
  otp_exhausted: { status: 401, title: 'Too many wrong one-time codes' },
  rate_limited: { status: 429, title: 'Too many requests' },
  headers_too_large: { status: 431, title: 'The request headers are too large' },
  internal: { status: 500, title: 'Internal error' },
  bad_gateway: { status: 502, title: 'An upstream provider failed' },
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

/** Field errors from a zod issue list, paths joined with dots. */
export function fieldErrorsOf(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map((segment) => String(segment)).join('.'),
    message: issue.message,
  }));
}
