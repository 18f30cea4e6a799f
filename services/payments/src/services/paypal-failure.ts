import type { AppError } from '@moneypal/kit';
import { PayPalError, PayPalUnreachableError } from '../clients/paypal/client.js';
import { paymentsError } from '../errors.js';

/** True for what PayPal's client throws: an error answer, or no answer at all. */
export function isPayPalFailure(error: unknown): error is PayPalError | PayPalUnreachableError {
  return error instanceof PayPalError || error instanceof PayPalUnreachableError;
}

/** `bad_gateway` for a PayPal failure, with what identifies it at PayPal; nothing was changed here. */
export function badGatewayOf(error: PayPalError | PayPalUnreachableError, doing: string): AppError {
  if (error instanceof PayPalUnreachableError) {
    return paymentsError('bad_gateway', `PayPal did not answer while ${doing}; try again`);
  }
  return paymentsError('bad_gateway', `PayPal failed while ${doing}; try again`, {
    paypal_status: error.status,
    paypal_error: error.name,
    ...(error.issues.length === 0 ? {} : { paypal_issues: error.issues.map((issue) => issue.issue) }),
    ...(error.debugId === null ? {} : { paypal_debug_id: error.debugId }),
  });
}
