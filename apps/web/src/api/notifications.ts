import type { ApiClient } from './client';
import { signalOption } from './ledger';
import type { Message, Page } from './types';

export function listMessages(
  client: ApiClient,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<Page<Message>> {
  return client.get<Page<Message>>('/v1/notifications', {
    query: { limit: 20, cursor },
    ...signalOption(signal),
  });
}
