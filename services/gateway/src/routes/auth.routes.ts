import {
  identityRequests,
  loginBody,
  otpChallengeSchema,
  otpVerifyBody,
  passwordResetBody,
  passwordResetRequestBody,
  refreshHttpBody,
  registerBody,
  type Tokens,
  tokensSchema,
  userSchema,
} from '@moneypal/contracts';
import { AppError } from '@moneypal/kit';
import {
  clearedRefreshCookie,
  refreshCookieName,
  refreshCookieOf,
  refreshCookiePath,
  refreshTokenOfCookies,
  refuseCrossSiteRequest,
  requestedWithHeader,
} from '../refresh-cookie.js';
import { defineRoute, noContent, type Route, respond } from '../route.js';
import { ada, examplePassword, exampleTokens, ids } from './examples.js';

const sessionCookieNote =
  `The answer also sets the refresh token as the \`${refreshCookieName}\` cookie (\`HttpOnly; Secure; ` +
  `SameSite=Strict; Path=${refreshCookiePath}\`), which a browser then refreshes with.`;

/** Tokens in the body for API clients, and the refresh token as a cookie for browsers. */
function respondWithTokens(tokens: Tokens): { status: 200; body: Tokens; headers: { 'Set-Cookie': string } } {
  return { status: 200, body: tokens, headers: { 'Set-Cookie': refreshCookieOf(tokens.refresh_token) } };
}

/** Registration, login (with the one-time-code step), token refresh, logout and password resets. */
export function authRoutes({ rateLimitPerMinute }: { rateLimitPerMinute: number }): Route[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/v1/auth/register',
      auth: 'public',
      summary: 'Register a user',
      description: 'Answers the user; log in with the same credentials to get tokens.',
      tags: ['auth'],
      body: registerBody,
      responses: { 201: userSchema },
      problems: ['conflict'],
      rateLimitPerMinute,
      examples: {
        request: {
          first_name: ada.first_name,
          last_name: ada.last_name,
          user_name: ada.user_name,
          email: ada.email,
          password: examplePassword,
          phone: ada.phone ?? undefined,
        },
        responses: { 201: ada },
      },
      handler: async ({ body, call }) => respond(201, await call(identityRequests.register, body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/auth/login',
      auth: 'public',
      summary: 'Log in with a user name or email and a password',
      description:
        'Answers tokens, or 202 with a challenge when the user has one-time codes turned on: the code is sent ' +
        `by SMS (or email) and goes to \`POST /v1/auth/otp/verify\`. ${sessionCookieNote}`,
      tags: ['auth'],
      body: loginBody,
      responses: { 200: tokensSchema, 202: otpChallengeSchema },
      problems: ['unauthenticated'],
      rateLimitPerMinute,
      examples: {
        request: { login: ada.user_name, password: examplePassword },
        responses: { 200: exampleTokens, 202: { otp_required: true, challenge_id: ids.otpChallenge } },
      },
      handler: async ({ body, call }) => {
        const reply = await call(identityRequests.login, body);
        return 'otp_required' in reply ? respond(202, reply) : respondWithTokens(reply);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/auth/otp/verify',
      auth: 'public',
      summary: 'Finish a login with its one-time code',
      description: sessionCookieNote,
      tags: ['auth'],
      body: otpVerifyBody,
      responses: { 200: tokensSchema },
      problems: ['otp_invalid', 'otp_expired', 'otp_exhausted'],
      rateLimitPerMinute,
      examples: {
        request: { challenge_id: ids.otpChallenge, code: '482913' },
        responses: { 200: exampleTokens },
      },
      handler: async ({ body, call }) => respondWithTokens(await call(identityRequests.verifyOtp, body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/auth/refresh',
      auth: 'public',
      summary: 'Exchange a refresh token for new tokens',
      description:
        'The refresh token rotates: presenting a used one again revokes the whole session. An API client ' +
        `sends \`{"refresh_token": …}\`; a browser sends \`{}\` with its \`${refreshCookieName}\` cookie and an ` +
        `\`${requestedWithHeader}\` header, from MoneyPal's own origin only (\`Origin\` and ` +
        '`Sec-Fetch-Site` are checked): anything else answers 403, so another site cannot refresh. ' +
        sessionCookieNote,
      tags: ['auth'],
      body: refreshHttpBody,
      responses: { 200: tokensSchema },
      problems: ['token_expired', 'token_invalid', 'forbidden'],
      rateLimitPerMinute,
      examples: {
        request: { refresh_token: exampleTokens.refresh_token },
        responses: { 200: exampleTokens },
      },
      handler: async ({ body, headers, call }) => {
        let refreshToken = body.refresh_token;
        if (refreshToken === undefined) {
          refuseCrossSiteRequest(headers);
          refreshToken = refreshTokenOfCookies(headers.cookie);
          if (refreshToken === undefined) {
            throw new AppError(
              'token_invalid',
              'No refresh token was given, in the body or as the cookie; log in.',
            );
          }
        }
        return respondWithTokens(await call(identityRequests.refresh, { refresh_token: refreshToken }));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/auth/logout',
      auth: 'user',
      summary: 'Log out: revoke this session’s refresh tokens',
      description: `Also clears the \`${refreshCookieName}\` cookie.`,
      tags: ['auth'],
      responses: { 204: null },
      examples: { responses: { 204: null } },
      handler: async ({ user, call }) => {
        await call(identityRequests.logout, { user_id: user.sub, session_id: user.sid });
        return { ...noContent(), headers: { 'Set-Cookie': clearedRefreshCookie } };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/auth/password-reset',
      auth: 'public',
      summary: 'Ask for a password reset code by email',
      description:
        'When the email is a user’s, a 6-digit code is emailed to it: valid 15 minutes, once, for five tries; ' +
        'at most three codes an hour are sent (further requests send nothing). The answer is 202 either way, ' +
        'so it does not tell whether the email has an account.',
      tags: ['auth'],
      body: passwordResetRequestBody,
      responses: { 202: null },
      rateLimitPerMinute,
      examples: { request: { email: ada.email }, responses: { 202: null } },
      handler: async ({ body, call }) => {
        await call(identityRequests.requestPasswordReset, body);
        return { status: 202 as const };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/auth/password-reset/confirm',
      auth: 'public',
      summary: 'Set a new password with an emailed reset code',
      description:
        'Every session of the user ends. A wrong, expired or used code, or an email without an account, all ' +
        'answer the same 400 with an error on `code`.',
      tags: ['auth'],
      body: passwordResetBody,
      responses: { 204: null },
      rateLimitPerMinute,
      examples: {
        request: { email: ada.email, code: '482913', password: 'a new long passphrase' },
        responses: { 204: null },
      },
      handler: async ({ body, call }) => {
        await call(identityRequests.resetPassword, body);
        return noContent();
      },
    }),
  ];
}
