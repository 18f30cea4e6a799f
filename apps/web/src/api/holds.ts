import type { ApiClient } from './client';
import { signalOption } from './ledger';
import type { Hold, HoldResult, Page } from './types';

export function listHolds(
  client: ApiClient,
  filters: { direction: 'in' | 'out'; cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<Page<Hold>> {
  return client.get<Page<Hold>>('/v1/holds', { query: { ...filters }, ...signalOption(signal) });
}

/** The payer releases the hold to the payee: all of it, or `amount` of it and the rest back. */
export function captureHold(
  client: ApiClient,
  holdId: string,
  amount: number | undefined,
  idempotencyKey: string,
): Promise<HoldResult> {
  return client.post<HoldResult>(
    `/v1/holds/${encodeURIComponent(holdId)}/capture`,
    amount === undefined ? {} : { amount },
    { idempotencyKey },
  );
}

/** The payee declines the job: all of the hold goes back to the payer. */
export function voidHold(client: ApiClient, holdId: string, idempotencyKey: string): Promise<HoldResult> {
  return client.post<HoldResult>(`/v1/holds/${encodeURIComponent(holdId)}/void`, {}, { idempotencyKey });
}
