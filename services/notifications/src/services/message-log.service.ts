import type { Actor, InboxMessage } from '@moneypal/contracts';
import { decodeIdCursor, encodeCursor } from '@moneypal/kit';
import type { NotificationsDatabase } from '../database.js';
import { readsEveryone, userIdOf } from '../domain/actor.js';
import { type MessageChannel, type MessageStatus, toInboxMessage } from '../domain/message.js';
import { notificationsError } from '../errors.js';
import type * as messageRepository from '../repositories/message.repository.js';

export interface MessageListQuery {
  channel?: MessageChannel | undefined;
  status?: MessageStatus | undefined;
  unread?: boolean | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** The log of messages, as the actor may read it, and each user's inbox: what they read. */
export class MessageLogService {
  constructor(
    private readonly db: NotificationsDatabase,
    private readonly repositories: { messages: typeof messageRepository },
    private readonly clock: () => Date,
  ) {}

  /** Newest first: a user's own messages, or everyone's for an admin or a service. */
  async listMessages(
    actor: Actor,
    query: MessageListQuery,
  ): Promise<{ data: InboxMessage[]; next_cursor: string | null }> {
    const beforeId = query.cursor === undefined ? undefined : decodeIdCursor(query.cursor);
    const rows = await this.repositories.messages.listMessages(
      this.db,
      {
        userId: readsEveryone(actor) ? undefined : userIdOf(actor)!,
        channel: query.channel,
        status: query.status,
        unread: query.unread,
      },
      // One row more than asked tells whether another page follows.
      { beforeId, limit: query.limit + 1 },
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(toInboxMessage),
      next_cursor: rows.length > query.limit && last ? encodeCursor(last.id) : null,
    };
  }

  /** The actor's own unread messages: an admin's too, never everyone's. */
  async countUnread(actor: Actor): Promise<{ count: number }> {
    return { count: await this.repositories.messages.countUnreadMessages(this.db, inboxOwnerOf(actor)) };
  }

  /**
   * Marks one of the actor's own messages read; reading it again keeps the first time. Another
   * user's message is not found, for an admin too: the read state is its reader's own.
   */
  async markRead(actor: Actor, id: string): Promise<InboxMessage> {
    const row = await this.repositories.messages.markMessageRead(this.db, {
      id,
      userId: inboxOwnerOf(actor),
      now: this.clock(),
    });
    if (row === undefined) throw notificationsError('not_found', 'You have no message with this id.');
    return toInboxMessage(row);
  }

  /** Marks every unread message of the actor's own read; answers how many this marked. */
  async markAllRead(actor: Actor): Promise<{ marked_read: number }> {
    const marked = await this.repositories.messages.markAllMessagesRead(this.db, {
      userId: inboxOwnerOf(actor),
      now: this.clock(),
    });
    return { marked_read: marked };
  }
}

/** The user whose inbox a request is about: a service has none. */
function inboxOwnerOf(actor: Actor): string {
  const userId = userIdOf(actor);
  if (userId === null) throw notificationsError('validation_failed', 'Only a user has an inbox.');
  return userId;
}
