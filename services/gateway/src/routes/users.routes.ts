import {
  deleteMeBody,
  findUserQuery,
  identityRequests,
  listUsersQuery,
  updateMeBody,
  userPage,
  userSchema,
} from '@moneypal/contracts';
import { defineRoute, noContent, type Route, respond } from '../route.js';
import { ada, exampleCursor, examplePassword, grace, times } from './examples.js';

/** The caller's own profile, and the admin's list and lookup of users. */
export function userRoutes(): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/users/me',
      auth: 'user',
      summary: 'Read my profile',
      tags: ['users'],
      responses: { 200: userSchema },
      problems: ['user_not_found'],
      examples: { responses: { 200: ada } },
      handler: async ({ user, call }) => respond(200, await call(identityRequests.getUser, { id: user.sub })),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/v1/users/me',
      auth: 'user',
      summary: 'Change my profile',
      description:
        'Changing the password, email or phone needs `current_password` (a wrong one answers 401 with an ' +
        'error on `current_password`); a taken user name or email answers 409 with an error on that field. ' +
        'A new password ends every session. `two_factor_enabled` turns one-time codes on or off.',
      tags: ['users'],
      body: updateMeBody,
      responses: { 200: userSchema },
      problems: ['conflict', 'unauthenticated', 'user_not_found'],
      examples: {
        request: { two_factor_enabled: true },
        responses: { 200: { ...ada, two_factor_enabled: true, updated_at: times.funded } },
      },
      handler: async ({ user, body, call }) =>
        respond(200, await call(identityRequests.updateUser, { user_id: user.sub, changes: body })),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/v1/users/me',
      auth: 'user',
      summary: 'Delete my account',
      description:
        'Needs the password (a wrong one answers 401 with an error on `password`). Every session ends; the ' +
        'user name and email become free. Empty wallets close; wallets with money in them are frozen with ' +
        'the money, which only an admin can then release.',
      tags: ['users'],
      body: deleteMeBody,
      responses: { 204: null },
      problems: ['unauthenticated', 'user_not_found'],
      examples: { request: { password: examplePassword }, responses: { 204: null } },
      handler: async ({ user, body, call }) => {
        await call(identityRequests.deleteUser, { user_id: user.sub, password: body.password });
        return noContent();
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/users',
      auth: 'admin',
      summary: 'List users',
      description: 'Text filters match case-insensitively as substrings; newest first.',
      tags: ['users'],
      query: listUsersQuery,
      responses: { 200: userPage },
      examples: {
        query: {
          id: ada.id,
          first_name: 'Ada',
          last_name: 'Love',
          user_name: 'ad',
          email: '@example.com',
          phone: '+4420',
          role: 'user',
          two_factor_enabled: 'false',
          created_from: '2026-11-01T00:00:00Z',
          created_to: '2026-12-01T00:00:00Z',
          cursor: exampleCursor,
          limit: '20',
        },
        responses: { 200: { data: [ada, grace], next_cursor: exampleCursor } },
      },
      handler: async ({ query, call }) => respond(200, await call(identityRequests.listUsers, query)),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/users/find',
      auth: 'admin',
      summary: 'Find one user by id, email or user name',
      description: 'Give exactly one of `id`, `email` or `user_name`.',
      tags: ['users'],
      query: findUserQuery,
      responses: { 200: userSchema },
      problems: ['user_not_found'],
      examples: {
        query: { id: ada.id, email: ada.email, user_name: ada.user_name },
        responses: { 200: ada },
      },
      handler: async ({ query, call }) => {
        const key =
          query.id !== undefined
            ? { id: query.id }
            : query.email !== undefined
              ? { email: query.email }
              : { user_name: query.user_name ?? '' };
        return respond(200, await call(identityRequests.getUser, key));
      },
    }),
  ];
}
