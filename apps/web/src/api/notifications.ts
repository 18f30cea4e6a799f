import type { ApiClient } from './client';
import { signalOption } from './ledger';
import type { InboxMessage, Page } from './types';

export function listMessages(
  client: ApiClient,
  cursor: string | undefined,
  signal?: AbortSignal,
  filters: { unread?: boolean } = {},
): Promise<Page<InboxMessage>> {
  return client.get<Page<InboxMessage>>('/v1/notifications', {
    query: { limit: 20, cursor, unread: filters.unread },
    ...signalOption(signal),
  });
}

/** How many of the person's own messages are unread. */
export function countUnreadMessages(client: ApiClient, signal?: AbortSignal): Promise<{ count: number }> {
  return client.get<{ count: number }>('/v1/notifications/unread-count', signalOption(signal));
}

/** Marks one of the person's messages read; reading it again changes nothing. */
export function markMessageRead(client: ApiClient, id: string): Promise<InboxMessage> {
  return client.post<InboxMessage>(`/v1/notifications/${encodeURIComponent(id)}/read`);
}

export function markAllMessagesRead(client: ApiClient): Promise<{ marked_read: number }> {
  return client.post<{ marked_read: number }>('/v1/notifications/read');
}
