import { type ApiClient, answerOf } from './client';
import { signalOption } from './ledger';
import type { Message, Page } from './types';

export function listMessages(
  client: ApiClient,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<Page<Message>> {
  return answerOf(
    client.api.GET('/v1/notifications', {
      params: { query: { limit: 20, cursor } },
      ...signalOption(signal),
    }),
  );
}
