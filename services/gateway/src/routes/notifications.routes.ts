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

/** Ada's latest message, as her inbox shows it before and after she reads it. */
const exampleMessage: InboxMessage = {
  id: '019a3c5e-7b21-7c4d-9a10-3f6e2d8b4a01',
  user_id: '019a3c4f-1d02-7e55-8c3b-6b1a9f0e2c11',
  channel: 'email',
  to: 'ada@example.com',
  template: 'payment_received',
  subject: 'You received USD 12.50 from bob',
  body: 'Hello Ada,\n\nYou received USD 12.50 from bob.\nDescription: Dinner\n\nThe MoneyPal team',
  status: 'sent',
  attempts: 1,
  provider_id: '<019a3c5e-7b21-7c4d-9a10-3f6e2d8b4a01@moneypal>',
  error: null,
  created_at: '2030-01-01T12:00:00.000Z',
  updated_at: '2030-01-01T12:00:01.000Z',
  sent_at: '2030-01-01T12:00:01.000Z',
  read_at: null,
};
const exampleReadMessage: InboxMessage = { ...exampleMessage, read_at: '2030-01-01T12:05:00.000Z' };

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
      examples: { responses: { 200: { data: [exampleMessage], next_cursor: null } } },
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
      examples: { responses: { 200: { count: 1 } } },
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
      examples: { responses: { 200: exampleReadMessage } },
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
