import type { PaymentRequestStatus } from '@moneypal/contracts';
import type { PaymentRequestNotice } from './templates.js';

/**
 * The message a payment request's event sends, by the request's status after it: a new one
 * asks the payer, a paid or declined one tells the requester; a cancelled one sends nothing.
 */
export function paymentRequestTemplateOf(
  status: PaymentRequestStatus,
): PaymentRequestNotice['template'] | null {
  switch (status) {
    case 'pending':
      return 'payment_request_received';
    case 'paid':
      return 'payment_request_paid';
    case 'declined':
      return 'payment_request_declined';
    case 'cancelled':
    case 'expired':
      return null;
  }
}

/** Where the web app shows one request: `<origin>/requests/<id>`, or the path alone without an origin. */
export function paymentRequestLinkOf(webAppUrl: string | undefined, paymentRequestId: string): string {
  return `${(webAppUrl ?? '').replace(/\/+$/, '')}/requests/${paymentRequestId}`;
}
