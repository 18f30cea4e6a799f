import { balanceByEmailQuery, balanceByEmailSchema, identityRequests } from '@moneypal/contracts';
import { actorOf, defineRoute, type Route, respond } from '../route.js';
import { adaBalances, currency, people } from './examples.js';

/** A user's balance by email: identity finds the user and asks the ledger. */
export function balanceRoutes(): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/balance',
      auth: 'user',
      summary: 'Read the balance of a user by email',
      description:
        'The main balance of the user’s default wallet. A user may ask for their own email only (any other ' +
        'answers 404); an admin for anyone’s.',
      tags: ['wallets'],
      query: balanceByEmailQuery,
      responses: { 200: balanceByEmailSchema },
      problems: ['user_not_found', 'wallet_not_found'],
      examples: {
        query: { email: people.ada.email },
        responses: { 200: { email: people.ada.email, balance: adaBalances.now.main, currency } },
      },
      handler: async ({ user, query, call }) =>
        respond(200, await call(identityRequests.balance, { actor: actorOf(user), email: query.email })),
    }),
  ];
}
