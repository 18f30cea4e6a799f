import { listMessagesQuery, messagePage, notificationsRequests } from '@moneypal/contracts';
import { actorOf, defineRoute, type Route, respond } from '../route.js';
import { adaMessages, exampleCursor } from './examples.js';

/** The log of every email and SMS sent to the caller. */
export function notificationRoutes(): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/notifications',
      auth: 'user',
      summary: 'List the messages sent to me',
      description: 'Newest first, with each message’s delivery status; an admin sees every message.',
      tags: ['notifications'],
      query: listMessagesQuery,
      responses: { 200: messagePage },
      examples: {
        query: { channel: 'email', status: 'sent', cursor: exampleCursor, limit: '20' },
        responses: { 200: { data: adaMessages, next_cursor: null } },
      },
      handler: async ({ user, query, call }) =>
        respond(200, await call(notificationsRequests.listMessages, { actor: actorOf(user), ...query })),
    }),
  ];
}
