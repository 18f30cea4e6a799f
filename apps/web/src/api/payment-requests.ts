import { type ApiClient, answerOf } from './client';
import { signalOption } from './ledger';
import type { Page, PaymentRequest } from './types';

export interface PaymentRequestDraft {
  /** The payer: their user name or email. */
  from_user: string;
  /** My wallet the money lands in. */
  to_wallet_id: string;
  amount: number;
  description?: string;
}

export function createPaymentRequest(client: ApiClient, draft: PaymentRequestDraft): Promise<PaymentRequest> {
  return answerOf(client.api.POST('/v1/payment-requests', { body: draft }));
}

export function listPaymentRequests(
  client: ApiClient,
  filters: {
    direction: 'incoming' | 'outgoing';
    status?: PaymentRequest['status'];
    cursor?: string;
    limit?: number;
  },
  signal?: AbortSignal,
): Promise<Page<PaymentRequest>> {
  return answerOf(
    client.api.GET('/v1/payment-requests', { params: { query: { ...filters } }, ...signalOption(signal) }),
  );
}

export function getPaymentRequest(
  client: ApiClient,
  id: string,
  signal?: AbortSignal,
): Promise<PaymentRequest> {
  return answerOf(
    client.api.GET('/v1/payment-requests/{id}', { params: { path: { id } }, ...signalOption(signal) }),
  );
}

/** The payer pays the request from one of their wallets; the key makes a retry pay at most once. */
export function payPaymentRequest(
  client: ApiClient,
  id: string,
  fromWalletId: string,
  idempotencyKey: string,
): Promise<PaymentRequest> {
  return answerOf(
    client.api.POST('/v1/payment-requests/{id}/pay', {
      params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey } },
      body: { from_wallet_id: fromWalletId },
    }),
  );
}

export function declinePaymentRequest(
  client: ApiClient,
  id: string,
  reason?: string,
): Promise<PaymentRequest> {
  return answerOf(
    client.api.POST('/v1/payment-requests/{id}/decline', {
      params: { path: { id } },
      body: reason === undefined ? {} : { reason },
    }),
  );
}

export function cancelPaymentRequest(client: ApiClient, id: string): Promise<PaymentRequest> {
  return answerOf(client.api.POST('/v1/payment-requests/{id}/cancel', { params: { path: { id } } }));
}
