import { type ApiClient, answerOf } from './client';
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
  return answerOf(
    client.api.POST('/v1/payouts', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: payout,
    }),
  );
}

export function getPayout(client: ApiClient, payoutId: string, signal?: AbortSignal): Promise<Payout> {
  return answerOf(
    client.api.GET('/v1/payouts/{id}', { params: { path: { id: payoutId } }, ...signalOption(signal) }),
  );
}

export function listPayouts(
  client: ApiClient,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<Page<Payout>> {
  return answerOf(
    client.api.GET('/v1/payouts', { params: { query: { limit: 20, cursor } }, ...signalOption(signal) }),
  );
}
