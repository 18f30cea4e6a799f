import {
  type InboxMessage,
  inboxMessageSchema,
  listMessagesQuery,
  markAllReadSchema,
  messageIdParams,
  messagePage,
  notificationsRequests,
  unreadCountQuery,
  unreadCountSchema,
} from '@moneypal/contracts';
import { actorOf, defineRoute, type Route, respond } from '../route.js';
import { adaMessages, exampleCursor, ids, times } from './examples.js';

/** Ada's dinner receipt, as her inbox shows it after she read it. */
const receiptRead: InboxMessage = { ...adaMessages[0]!, read_at: times.receiptRead };

/** The log of every email and SMS sent to the caller, which is also their inbox in the app. */
export function notificationRoutes(): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/notifications',
      auth: 'user',
      summary: 'List the messages sent to me',
      description:
        'Newest first, with each message’s delivery status, its text and when I read it (`read_at`, ' +
        'null while unread); `unread=true` lists only the unread ones. The text of a one-time or ' +
        'password reset code is always empty. An admin sees every message.',
      tags: ['notifications'],
      query: listMessagesQuery,
      responses: { 200: messagePage },
      examples: {
        query: { channel: 'email', status: 'sent', unread: 'false', cursor: exampleCursor, limit: '20' },
        responses: { 200: { data: adaMessages, next_cursor: null } },
      },
      handler: async ({ user, query, call }) =>
        respond(200, await call(notificationsRequests.listMessages, { actor: actorOf(user), ...query })),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/notifications/unread-count',
      auth: 'user',
      summary: 'Count my unread messages',
      description: 'How many of my own messages I have not read yet (an admin’s own too, never everyone’s).',
      tags: ['notifications'],
      query: unreadCountQuery,
      responses: { 200: unreadCountSchema },
      examples: { query: {}, responses: { 200: { count: 1 } } },
      handler: async ({ user, call }) =>
        respond(200, await call(notificationsRequests.countUnread, { actor: actorOf(user) })),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/notifications/:id/read',
      auth: 'user',
      summary: 'Mark one of my messages read',
      description:
        'Answers the message with `read_at`; reading it again keeps the first time. Another user’s ' +
        'message is 404, for an admin too: the read state is its reader’s own.',
      tags: ['notifications'],
      params: messageIdParams,
      responses: { 200: inboxMessageSchema },
      problems: ['not_found'],
      examples: { params: { id: ids.receiptEmail }, responses: { 200: receiptRead } },
      handler: async ({ user, params, call }) =>
        respond(200, await call(notificationsRequests.markRead, { actor: actorOf(user), id: params.id })),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/notifications/read',
      auth: 'user',
      summary: 'Mark all my messages read',
      description: 'Answers how many this marked: 0 when all were read already.',
      tags: ['notifications'],
      responses: { 200: markAllReadSchema },
      examples: { responses: { 200: { marked_read: 1 } } },
      handler: async ({ user, call }) =>
        respond(200, await call(notificationsRequests.markAllRead, { actor: actorOf(user) })),
    }),
  ];
}
