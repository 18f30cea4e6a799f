import { type ApiClient, answerOf } from './client';
import { signalOption } from './ledger';
import type { Hold, HoldResult, Page } from './types';

export function listHolds(
  client: ApiClient,
  filters: { direction: 'in' | 'out'; cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<Page<Hold>> {
  return answerOf(
    client.api.GET('/v1/holds', { params: { query: { ...filters } }, ...signalOption(signal) }),
  );
}

/** The payer releases the hold to the payee: all of it, or `amount` of it and the rest back. */
export function captureHold(
  client: ApiClient,
  holdId: string,
  amount: number | undefined,
  idempotencyKey: string,
): Promise<HoldResult> {
  return answerOf(
    client.api.POST('/v1/holds/{id}/capture', {
      params: { path: { id: holdId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: amount === undefined ? {} : { amount },
    }),
  );
}

/** The payee declines the job: all of the hold goes back to the payer. */
export function voidHold(client: ApiClient, holdId: string, idempotencyKey: string): Promise<HoldResult> {
  return answerOf(
    client.api.POST('/v1/holds/{id}/void', {
      params: { path: { id: holdId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: {},
    }),
  );
}
