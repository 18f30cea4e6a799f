/**
 * PayPal's REST error shape (`name`, `message`, `debug_id`, `details[]`, `links[]`), the
 * one every 4xx and 5xx of the Orders, Payments and Notifications APIs answers with. The
 * OAuth token endpoint has its own shape (`error`, `error_description`); see tokens.ts.
 */

export interface PayPalLink {
  href: string;
  rel: string;
  method?: 'GET' | 'POST' | 'PATCH';
}

export interface PayPalErrorDetail {
  /** The code clients branch on. */
  issue: string;
  description: string;
  /** A JSON pointer into the body, or the name of a path/query parameter or header. */
  field?: string;
  value?: string;
  location?: 'body' | 'path' | 'query' | 'header';
}

export interface PayPalErrorBody {
  name: string;
  message: string;
  debug_id: string;
  details: PayPalErrorDetail[];
  links: PayPalLink[];
}

/** Which API's documentation the `information_link` of an error points to. */
export type PayPalApi = 'orders' | 'payments' | 'notifications' | 'payouts';

const documentation: Record<PayPalApi, string> = {
  orders: 'https://developer.paypal.com/docs/api/orders/v2/',
  payments: 'https://developer.paypal.com/docs/api/payments/v2/',
  notifications: 'https://developer.paypal.com/docs/api/webhooks/v1/',
  payouts: 'https://developer.paypal.com/docs/api/payments.payouts-batch/v1/',
};

/** PayPal's descriptions of the issues the simulator can answer with. */
const issueDescriptions: Readonly<Record<string, string>> = {
  MALFORMED_REQUEST_JSON: 'The request JSON is not well formed.',
  MISSING_REQUIRED_PARAMETER: 'A required field / parameter is missing.',
  INVALID_PARAMETER_VALUE: 'The value of a field is invalid.',
  INVALID_PARAMETER_SYNTAX: 'The value of a field does not conform to the expected format.',
  INVALID_STRING_LENGTH: 'The value of a field is either too short or too long.',
  INVALID_ARRAY_MIN_ITEMS: 'The number of items in an array parameter is too small.',
  INVALID_ARRAY_MAX_ITEMS: 'The number of items in an array parameter is too large.',
  INVALID_RESOURCE_ID: 'Specified resource ID does not exist. Please check the resource ID and try again.',
  DECIMAL_PRECISION: 'If the currency supports decimals, only two decimal place precision is supported.',
  DECIMALS_NOT_SUPPORTED: 'Currency does not support decimals.',
  CURRENCY_NOT_SUPPORTED:
    'Currency code is not currently supported. Please refer https://developer.paypal.com/docs/api/reference/currency-codes/ for list of supported currency codes.',
  CANNOT_BE_ZERO_OR_NEGATIVE:
    'Must be greater than zero. If the currency supports decimals, only two decimal place precision is supported.',
  MULTI_CURRENCY_ORDER: 'Multiple differing values of currency_code are not supported.',
  DUPLICATE_REFERENCE_ID: '`reference_id` must be unique if multiple `purchase_unit` are provided.',
  REFERENCE_ID_REQUIRED:
    "'reference_id' is required for each 'purchase_unit' if multiple 'purchase_unit' are provided.",
  ORDER_NOT_APPROVED:
    "Payer has not yet approved the Order for payment. Please redirect the payer to the 'rel':'approve' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.",
  ORDER_ALREADY_CAPTURED: "Order already captured.If 'intent=CAPTURE' only one capture per order is allowed.",
  INSTRUMENT_DECLINED:
    "The instrument presented  was either declined by the processor or bank, or it can't be used for this payment.",
  TRANSACTION_REFUSED: 'The request was refused.',
  PAYER_ACTION_REQUIRED: 'Transaction cannot complete successfully, instruct the buyer to return to PayPal.',
  PAYER_CANNOT_PAY: 'Combination of payer and payee settings mean that this buyer cannot pay this seller.',
  DUPLICATE_INVOICE_ID:
    'Duplicate Invoice ID detected. To avoid a potential duplicate transaction your account setting requires that Invoice Id be unique for each transaction.',
  MAX_NUMBER_OF_PAYMENT_ATTEMPTS_EXCEEDED: 'You have exceeded the maximum number of payment attempts.',
  ORDER_COMPLETION_IN_PROGRESS:
    'The order completion is in progress. Please retry the request with the same PayPal-Request-Id after some time.',
  CAPTURE_FULLY_REFUNDED: 'The capture has already been fully refunded.',
  REFUND_AMOUNT_EXCEEDED:
    'The refund amount must be less than or equal to the capture amount that has not yet been refunded.',
  PENDING_CAPTURE:
    'Cannot initiate a refund as the capture is pending. Capture is typically pending when the payer has funded the transaction using e-check or bank account.',
  REFUND_NOT_ALLOWED: 'Refund cannot be issued for this transaction.',
  CURRENCY_MISMATCH: 'Refund must be in the same currency as the capture.',
  REFUND_FAILED_INSUFFICIENT_FUNDS: 'Refund failed due to insufficient funds in your PayPal account.',
  REFUND_TIME_LIMIT_EXCEEDED: 'You are over the time limit to perform a refund on this capture.',
  PARTIAL_REFUND_NOT_ALLOWED: 'You cannot do a refund for an amount less than the original capture amount.',
  TRANSACTION_DISPUTED:
    'Partial refunds cannot be offered at this time because there is an open case on this transaction.',
  INTERNAL_SERVICE_ERROR: 'An internal service error has occurred.',
  SERVICE_UNAVAILABLE: 'The service is temporarily unavailable. Please try again later.',
};

export function describeIssue(issue: string): string {
  return issueDescriptions[issue] ?? `The request could not be processed: ${issue}.`;
}

/** One detail, with PayPal's description of its issue. */
export function detail(
  issue: string,
  where: Omit<PayPalErrorDetail, 'issue' | 'description'> = {},
): PayPalErrorDetail {
  return { ...where, issue, description: describeIssue(issue) };
}

interface PayPalErrorParts {
  status: number;
  name: string;
  message: string;
  details?: PayPalErrorDetail[];
  /** Links besides the `information_link` to the first issue's documentation (e.g. a `redirect`). */
  links?: PayPalLink[];
  /** The documentation the information link points to; no information link without it. */
  api?: PayPalApi;
}

/** An answer in PayPal's error shape; thrown by handlers and written by the server's error handler. */
export class PayPalError extends Error {
  readonly status: number;
  readonly errorName: string;
  readonly details: PayPalErrorDetail[];
  readonly links: PayPalLink[];

  constructor(parts: PayPalErrorParts) {
    super(parts.message);
    this.status = parts.status;
    this.errorName = parts.name;
    this.details = parts.details ?? [];
    const first = this.details[0];
    const information: PayPalLink[] =
      parts.api === undefined
        ? []
        : [
            {
              href: `${documentation[parts.api]}#error-${first?.issue ?? parts.name}`,
              rel: 'information_link',
              method: 'GET',
            },
          ];
    this.links = [...(parts.links ?? []), ...information];
  }

  /** The body, carrying the `debug_id` that the `paypal-debug-id` header of the same answer has. */
  toBody(debugId: string): PayPalErrorBody {
    return {
      name: this.errorName,
      message: this.message,
      debug_id: debugId,
      details: this.details,
      links: this.links,
    };
  }
}

export function invalidRequest(details: PayPalErrorDetail[], api: PayPalApi): PayPalError {
  return new PayPalError({
    status: 400,
    name: 'INVALID_REQUEST',
    message: 'Request is not well-formed, syntactically incorrect, or violates schema.',
    details,
    api,
  });
}

export function unprocessableEntity(
  details: PayPalErrorDetail[],
  api: PayPalApi,
  links: PayPalLink[] = [],
): PayPalError {
  return new PayPalError({
    status: 422,
    name: 'UNPROCESSABLE_ENTITY',
    message:
      'The requested action could not be performed, semantically incorrect, or failed business validation.',
    details,
    links,
    api,
  });
}

/** 404 for an id in the path that names nothing. */
export function resourceNotFound(field: string, value: string, api: PayPalApi): PayPalError {
  return new PayPalError({
    status: 404,
    name: 'RESOURCE_NOT_FOUND',
    message: 'The specified resource does not exist.',
    details: [detail('INVALID_RESOURCE_ID', { field, value, location: 'path' })],
    api,
  });
}

/** 404 for a path no API has. */
export function unknownPath(): PayPalError {
  return new PayPalError({
    status: 404,
    name: 'RESOURCE_NOT_FOUND',
    message: 'The specified resource does not exist.',
  });
}

/** A missing, unknown or expired bearer token. PayPal sends no details here. */
export function authenticationFailure(): PayPalError {
  return new PayPalError({
    status: 401,
    name: 'AUTHENTICATION_FAILURE',
    message:
      'Authentication failed due to invalid authentication credentials or a missing Authorization header.',
    links: [{ href: 'https://developer.paypal.com/docs/api/overview/#error', rel: 'information_link' }],
  });
}

/** A POST without `Content-Type: application/json`, even with an empty body, as PayPal answers it. */
export function unsupportedMediaType(): PayPalError {
  return new PayPalError({
    status: 415,
    name: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The request payload is not supported',
  });
}

export function internalServerError(): PayPalError {
  return new PayPalError({
    status: 500,
    name: 'INTERNAL_SERVER_ERROR',
    message: 'An internal server error has occurred.',
    details: [detail('INTERNAL_SERVICE_ERROR')],
    api: 'orders',
  });
}

export function serviceUnavailable(): PayPalError {
  return new PayPalError({
    status: 503,
    name: 'SERVICE_UNAVAILABLE',
    message: 'Service Unavailable.',
    details: [detail('SERVICE_UNAVAILABLE')],
    api: 'orders',
  });
}
