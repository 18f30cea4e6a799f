import type { ApiClient } from './client';
import { signalOption } from './ledger';
import type { Page, Payout } from './types';

export interface PayoutRequest {
  wallet_id: string;
  amount: number;
  /** The email of the PayPal account paid. */
  receiver: string;
}

export function createPayout(
  client: ApiClient,
  payout: PayoutRequest,
  idempotencyKey: string,
): Promise<Payout> {
  return client.post<Payout>('/v1/payouts', payout, { idempotencyKey });
}

export function getPayout(client: ApiClient, payoutId: string, signal?: AbortSignal): Promise<Payout> {
  return client.get<Payout>(`/v1/payouts/${encodeURIComponent(payoutId)}`, signalOption(signal));
}

export function listPayouts(
  client: ApiClient,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<Page<Payout>> {
  return client.get<Page<Payout>>('/v1/payouts', { query: { limit: 20, cursor }, ...signalOption(signal) });
}
