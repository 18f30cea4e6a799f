import {
  identityRequests,
  loginBody,
  otpChallengeSchema,
  otpVerifyBody,
  refreshBody,
  registerBody,
  tokensSchema,
  userSchema,
} from '@moneypal/contracts';
import { defineRoute, noContent, type Route, respond } from '../route.js';

/** Registration, login (with the one-time-code step), token refresh and logout. */
export function authRoutes({ rateLimitPerMinute }: { rateLimitPerMinute: number }): Route[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/v1/auth/register',
      auth: 'public',
      summary: 'Register a user',
      tags: ['auth'],
      body: registerBody,
      responses: { 201: userSchema },
      problems: ['conflict'],
      rateLimitPerMinute,
      handler: async ({ body, call }) => respond(201, await call(identityRequests.register, body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/auth/login',
      auth: 'public',
      summary: 'Log in with a user name or email and a password',
      description:
        'Answers tokens, or 202 with a challenge when the user has one-time codes turned on: the code is sent ' +
        'by SMS (or email) and goes to `POST /v1/auth/otp/verify`.',
      tags: ['auth'],
      body: loginBody,
      responses: { 200: tokensSchema, 202: otpChallengeSchema },
      problems: ['unauthenticated'],
      rateLimitPerMinute,
      handler: async ({ body, call }) => {
        const reply = await call(identityRequests.login, body);
        return 'otp_required' in reply ? respond(202, reply) : respond(200, reply);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/auth/otp/verify',
      auth: 'public',
      summary: 'Finish a login with its one-time code',
      tags: ['auth'],
      body: otpVerifyBody,
      responses: { 200: tokensSchema },
      problems: ['otp_invalid', 'otp_expired', 'otp_exhausted'],
      rateLimitPerMinute,
      handler: async ({ body, call }) => respond(200, await call(identityRequests.verifyOtp, body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/auth/refresh',
      auth: 'public',
      summary: 'Exchange a refresh token for new tokens',
      description: 'The refresh token rotates: presenting a used one again revokes the whole session.',
      tags: ['auth'],
      body: refreshBody,
      responses: { 200: tokensSchema },
      problems: ['token_expired', 'token_invalid'],
      rateLimitPerMinute,
      handler: async ({ body, call }) => respond(200, await call(identityRequests.refresh, body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/auth/logout',
      auth: 'user',
      summary: 'Log out: revoke this session’s refresh tokens',
      tags: ['auth'],
      responses: { 204: null },
      handler: async ({ user, call }) => {
        await call(identityRequests.logout, { user_id: user.sub, session_id: user.sid });
        return noContent();
      },
    }),
  ];
}
