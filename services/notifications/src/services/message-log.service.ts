import type { Actor, Message } from '@moneypal/contracts';
import { decodeIdCursor, encodeCursor } from '@moneypal/kit';
import type { NotificationsDatabase } from '../database.js';
import { readsEveryone, userIdOf } from '../domain/actor.js';
import { type MessageChannel, type MessageStatus, toPublicMessage } from '../domain/message.js';
import type * as messageRepository from '../repositories/message.repository.js';

export interface MessageListQuery {
  channel?: MessageChannel | undefined;
  status?: MessageStatus | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** The log of messages, as the actor may read it. */
export class MessageLogService {
  constructor(
    private readonly db: NotificationsDatabase,
    private readonly repositories: { messages: typeof messageRepository },
  ) {}

  /** Newest first: a user's own messages, or everyone's for an admin or a service. */
  async listMessages(
    actor: Actor,
    query: MessageListQuery,
  ): Promise<{ data: Message[]; next_cursor: string | null }> {
    const beforeId = query.cursor === undefined ? undefined : decodeIdCursor(query.cursor);
    const rows = await this.repositories.messages.listMessages(
      this.db,
      {
        userId: readsEveryone(actor) ? undefined : userIdOf(actor)!,
        channel: query.channel,
        status: query.status,
      },
      // One row more than asked tells whether another page follows.
      { beforeId, limit: query.limit + 1 },
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(toPublicMessage),
      next_cursor: rows.length > query.limit && last ? encodeCursor(last.id) : null,
    };
  }
}
