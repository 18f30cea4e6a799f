import type { ApiClient } from './client';
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
  return client.post<Payment>('/v1/payments', payment, { idempotencyKey });
}

export function getPayment(client: ApiClient, paymentId: string, signal?: AbortSignal): Promise<Payment> {
  return client.get<Payment>(`/v1/payments/${encodeURIComponent(paymentId)}`, signalOption(signal));
}

export function listPayments(client: ApiClient, limit: number, signal?: AbortSignal): Promise<Page<Payment>> {
  return client.get<Page<Payment>>('/v1/payments', { query: { limit }, ...signalOption(signal) });
}

export function capturePayment(client: ApiClient, paymentId: string): Promise<Payment> {
  return client.post<Payment>(`/v1/payments/${encodeURIComponent(paymentId)}/capture`);
}

export function cancelPayment(client: ApiClient, paymentId: string): Promise<Payment> {
  return client.post<Payment>(`/v1/payments/${encodeURIComponent(paymentId)}/cancel`);
}
