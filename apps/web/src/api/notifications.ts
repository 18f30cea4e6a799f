import { type ApiClient, answerOf } from './client';
import { signalOption } from './ledger';
import type { InboxMessage, Page } from './types';

export function listMessages(
  client: ApiClient,
  cursor: string | undefined,
  signal?: AbortSignal,
  filters: { unread?: boolean } = {},
): Promise<Page<InboxMessage>> {
  return answerOf(
    client.api.GET('/v1/notifications', {
      params: {
        query: {
          limit: 20,
          cursor,
          unread: filters.unread === undefined ? undefined : filters.unread ? 'true' : 'false',
        },
      },
      ...signalOption(signal),
    }),
  );
}

/** How many of the person's own messages are unread. */
export function countUnreadMessages(client: ApiClient, signal?: AbortSignal): Promise<{ count: number }> {
  return answerOf(client.api.GET('/v1/notifications/unread-count', signalOption(signal)));
}

/** Marks one of the person's messages read; reading it again changes nothing. */
export function markMessageRead(client: ApiClient, id: string): Promise<InboxMessage> {
  return answerOf(client.api.POST('/v1/notifications/{id}/read', { params: { path: { id } } }));
}

export function markAllMessagesRead(client: ApiClient): Promise<{ marked_read: number }> {
  return answerOf(client.api.POST('/v1/notifications/read'));
}
