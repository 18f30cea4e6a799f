import { findRecipientQuery, identityRequests, recipientSchema } from '@moneypal/contracts';
import { defineRoute, type Route, respond } from '../route.js';
import { people } from './examples.js';

/** Recipient lookups a user may make in a minute: enough to type several, too few to list anyone. */
export const recipientLookupsPerMinute = 30;

/** Who will receive money, checked before it is sent. */
export function recipientRoutes(): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/recipients',
      auth: 'user',
      summary: 'Look up who a recipient is',
      description:
        '`query` is the exact handle (user name), email or phone (E.164, such as +14155550123) of one ' +
        'user, matched case-insensitively and never in part; answers only their display name and handle, ' +
        `so that the sender sees who will receive the money before confirming. 404 \`recipient_not_found\` ` +
        `for anything else. At most ${recipientLookupsPerMinute} lookups a minute per user; more is 429.`,
      tags: ['users'],
      query: findRecipientQuery,
      responses: { 200: recipientSchema },
      problems: ['recipient_not_found'],
      rateLimitPerUserPerMinute: recipientLookupsPerMinute,
      examples: {
        query: { query: people.grace.handle },
        responses: { 200: { display_name: people.grace.name, user_name: people.grace.handle } },
      },
      handler: async ({ query, call }) => respond(200, await call(identityRequests.findRecipient, query)),
    }),
  ];
}
