import { type ApiClient, answerOf } from './client';
import { signalOption } from './ledger';
import type { Page, Payment } from './types';

export interface PaymentRequest {
  amount: number;
  currency: string;
  wallet_id: string;
  /** A provider's user name or email: the money is paid on to them. */
  paid_to?: string;
  description?: string;
}

export function createPayment(
  client: ApiClient,
  payment: PaymentRequest,
  idempotencyKey: string,
): Promise<Payment> {
  return answerOf(
    client.api.POST('/v1/payments', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: payment,
    }),
  );
}

export function getPayment(client: ApiClient, paymentId: string, signal?: AbortSignal): Promise<Payment> {
  return answerOf(
    client.api.GET('/v1/payments/{id}', { params: { path: { id: paymentId } }, ...signalOption(signal) }),
  );
}

export function listPayments(client: ApiClient, limit: number, signal?: AbortSignal): Promise<Page<Payment>> {
  return answerOf(client.api.GET('/v1/payments', { params: { query: { limit } }, ...signalOption(signal) }));
}

export function capturePayment(client: ApiClient, paymentId: string): Promise<Payment> {
  return answerOf(client.api.POST('/v1/payments/{id}/capture', { params: { path: { id: paymentId } } }));
}

export function cancelPayment(client: ApiClient, paymentId: string): Promise<Payment> {
  return answerOf(client.api.POST('/v1/payments/{id}/cancel', { params: { path: { id: paymentId } } }));
}
