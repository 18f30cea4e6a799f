import { z } from 'zod';
import { actorSchema, balanceMinor, cursor, pageLimit, pageOf, text, timestamp, uuid } from './common.js';
import { defineRequest } from './define.js';

export const roles = ['user', 'admin'] as const;
export const role = z.enum(roles);

/** The longest user name identity keeps. */
export const maxUserNameLength = 32;

/** How another user is looked up by name: by email, or by user name. */
export type UserLookup = { email: string } | { user_name: string };

/**
 * How a request names another user (a recipient, a payee, a login): an email holds "@",
 * which user names cannot; anything else is a user name. A name longer than any user name
 * names nobody, so it is null and not looked up at all.
 */
export function userLookupOf(name: string): UserLookup | null {
  if (name.includes('@')) return { email: name };
  return name.length <= maxUserNameLength ? { user_name: name } : null;
}

const name = text.trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const userName = text
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(maxUserNameLength, `must be at most ${maxUserNameLength} characters`)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    'may hold letters, digits, ".", "_" and "-", and starts with a letter or digit',
  );
const email = text
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be an email address'));
/** Every control character: C0 (tab and line breaks too), DEL and C1. */
const anyControlCharacter = /\p{Cc}/u;
/**
 * A new password: long enough to resist guessing, short enough that hashing it is not a
 * denial of service, and without control characters (tab and line breaks included), which
 * no keyboard types the same way twice. Any other character counts, spaces and Unicode
 * too. The identity service also refuses a guessable one (see docs/api.md).
 */
const password = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(128, 'must be at most 128 characters')
  .refine((value) => !anyControlCharacter.test(value), { message: 'must not contain control characters' });
/** A password to check: the one a user has, whatever rules were in force when it was chosen. */
const givenPassword = text.min(1, 'must not be empty').max(128, 'must be at most 128 characters');
const phone = text.trim().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +14155550123');

export const userSchema = z
  .object({
    id: uuid,
    first_name: z.string(),
    last_name: z.string(),
    user_name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    role,
    two_factor_enabled: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const registerBody = z
  .object({
    first_name: name,
    last_name: name,
    user_name: userName,
    email,
    password,
    phone: phone.optional(),
  })
  .strict()
  .meta({ id: 'RegisterRequest' });

export const loginBody = z
  .object({
    login: text.trim().min(1, 'must not be empty').max(254, 'must be at most 254 characters'),
    password: givenPassword,
  })
  .strict()
  .meta({ id: 'LoginRequest' });

export const tokensSchema = z
  .object({
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal('Bearer'),
    /** Seconds until the access token expires. */
    expires_in: z.number().int().positive(),
  })
  .meta({ id: 'Tokens' });
export type Tokens = z.infer<typeof tokensSchema>;

export const otpChallengeSchema = z
  .object({ otp_required: z.literal(true), challenge_id: uuid })
  .meta({ id: 'OtpChallenge' });

export const loginReply = z.union([tokensSchema, otpChallengeSchema]);

export const otpVerifyBody = z
  .object({ challenge_id: uuid, code: z.string().regex(/^\d{6}$/, 'must be 6 digits') })
  .strict()
  .meta({ id: 'OtpVerifyRequest' });

export const refreshBody = z
  .object({
    refresh_token: text.min(1, 'must not be empty').max(512, 'must be at most 512 characters'),
  })
  .strict()
  .meta({ id: 'RefreshRequest' });

/**
 * The HTTP body of a refresh: an API client gives its refresh token; a browser gives none
 * (`{}`) and the gateway takes it from the session cookie.
 */
export const refreshHttpBody = z
  .object({ refresh_token: refreshBody.shape.refresh_token.optional() })
  .strict()
  .meta({ id: 'RefreshHttpRequest', examples: [{ refresh_token: 'm2Qk8yZ0bq3P1V2w7Hn4a5Jr6Ls9Tc0E' }, {}] });

export const updateMeBody = z
  .object({
    first_name: name.optional(),
    last_name: name.optional(),
    user_name: userName.optional(),
    email: email.optional(),
    phone: phone.nullable().optional(),
    two_factor_enabled: z.boolean().optional(),
    /** A new password; `current_password` must come with it. */
    password: password.optional(),
    /** Required with a new password, email or phone: whoever changes them must know the password. */
    current_password: givenPassword.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' })
  .refine(
    (body) =>
      (body.password === undefined && body.email === undefined && body.phone === undefined) ||
      body.current_password !== undefined,
    { message: 'is required to change the password, email or phone', path: ['current_password'] },
  )
  .meta({ id: 'UpdateMeRequest' });

/** Deleting one's own account takes the password, so that a borrowed session cannot do it. */
export const deleteMeBody = z
  .object({ password: givenPassword })
  .strict()
  .meta({ id: 'DeleteMeRequest', examples: [{ password: 'my current passphrase' }] });

/** Asks for a password reset code by email; the answer is the same whether the email is known or not. */
export const passwordResetRequestBody = z
  .object({ email })
  .strict()
  .meta({ id: 'PasswordResetRequest', examples: [{ email: 'ada@example.com' }] });

/** Sets a new password with the code a reset request emailed. */
export const passwordResetBody = z
  .object({
    email,
    code: z.string().regex(/^\d{6}$/, 'must be 6 digits'),
    password,
  })
  .strict()
  .meta({
    id: 'PasswordResetConfirmRequest',
    examples: [{ email: 'ada@example.com', code: '482913', password: 'a new long passphrase' }],
  });

const listFilters = {
  id: uuid.optional(),
  first_name: text.min(1).max(100).optional(),
  last_name: text.min(1).max(100).optional(),
  user_name: text.min(1).max(32).optional(),
  email: text.min(1).max(254).optional(),
  phone: text.min(1).max(16).optional(),
  role: role.optional(),
  created_from: timestamp.optional(),
  created_to: timestamp.optional(),
  cursor: cursor.optional(),
};

/** Admin list filters: text fields match case-insensitively as substrings; newest first. */
export const listUsersRequest = z
  .object({
    ...listFilters,
    two_factor_enabled: z.boolean().optional(),
    limit: z.number().int().min(1).max(100),
  })
  .strict();

/** The same filters as an HTTP query string. */
export const listUsersQuery = z
  .object({
    ...listFilters,
    two_factor_enabled: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((value) => value === 'true')
      .optional(),
    limit: pageLimit,
  })
  .strict();

export const findUserQuery = z
  .object({
    id: uuid.optional(),
    email: text.min(1).max(254).optional(),
    user_name: text.min(1).max(32).optional(),
  })
  .strict()
  .refine((query) => Object.values(query).filter((value) => value !== undefined).length === 1, {
    message: 'give exactly one of `id`, `email` or `user_name`',
  });

export const userPage = pageOf(userSchema).meta({ id: 'UserPage' });

/** A public key set (JWKS) for verifying access tokens. */
export const jwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });

/** Who issues access tokens (`iss`), for whom (`aud`), and how they are signed: identity signs, the gateway checks. */
export const accessTokenIssuer = 'moneypal-identity';
export const accessTokenAudience = 'moneypal-api';
export const accessTokenAlgorithm = 'EdDSA';

/** What an access token says once verified; `sid` names the refresh-token family (the session). */
export const accessClaims = z.object({ sub: uuid, role, sid: uuid });
export type AccessClaims = z.infer<typeof accessClaims>;

/**
 * Sessions ended (logout, a password change, a deleted user, a reused refresh token) at or
 * after `since`, each with the time of its last revocation, oldest first; `as_of` is where
 * the next question starts. The gateway keeps them as a deny-list of access tokens, for as
 * long as a token of theirs may live (`access_token_ttl_seconds`).
 */
export const revokedSessionsSchema = z.object({
  sessions: z.array(z.object({ session_id: uuid, revoked_at: timestamp })),
  as_of: timestamp,
  access_token_ttl_seconds: z.number().int().positive(),
});
export type RevokedSessions = z.infer<typeof revokedSessionsSchema>;

/**
 * A recipient looked up before money is sent: the exact handle (user name), email or phone
 * (E.164) of one user, matched case-insensitively but never in part, so that it confirms a
 * person the sender already knows and lists nobody.
 */
export const findRecipientQuery = z
  .object({ query: text.trim().min(1, 'must not be empty').max(254, 'must be at most 254 characters') })
  .strict();

/** Who a recipient is, as much as a sender may see: never their email, phone or id. */
export const recipientSchema = z.object({ display_name: z.string(), user_name: z.string() }).meta({
  id: 'Recipient',
  examples: [{ display_name: 'Ada Lovelace', user_name: 'ada' }],
});
export type Recipient = z.infer<typeof recipientSchema>;

export const balanceByEmailQuery = z.object({ email: text.trim().min(1).max(254) }).strict();
export const balanceByEmailSchema = z
  .object({ email: z.string(), balance: balanceMinor, currency: z.string() })
  .meta({ id: 'BalanceByEmail' });

export const identityRequests = {
  register: defineRequest('identity.user.register', registerBody, userSchema),
  login: defineRequest('identity.auth.login', loginBody, loginReply),
  verifyOtp: defineRequest('identity.auth.otp.verify', otpVerifyBody, tokensSchema),
  refresh: defineRequest('identity.auth.refresh', refreshBody, tokensSchema),
  logout: defineRequest(
    'identity.auth.logout',
    z.object({ user_id: uuid, session_id: uuid }).strict(),
    z.object({}),
  ),
  getUser: defineRequest(
    'identity.user.get',
    z.union([
      z.object({ id: uuid }).strict(),
      z.object({ email: text.min(1).max(254) }).strict(),
      z.object({ user_name: text.min(1).max(32) }).strict(),
    ]),
    userSchema,
  ),
  updateUser: defineRequest(
    'identity.user.update',
    z.object({ user_id: uuid, changes: updateMeBody }).strict(),
    userSchema,
  ),
  /** With `password`, the user's own request: it is checked first. Without, a request on the user's behalf. */
  deleteUser: defineRequest(
    'identity.user.delete',
    z.object({ user_id: uuid, password: givenPassword.optional() }).strict(),
    z.object({}),
  ),
  /** Emails a reset code when the email is a live user's; answers the same either way. */
  requestPasswordReset: defineRequest(
    'identity.password.reset.request',
    passwordResetRequestBody,
    z.object({}),
  ),
  resetPassword: defineRequest('identity.password.reset', passwordResetBody, z.object({})),
  listUsers: defineRequest('identity.user.list', listUsersRequest, userPage),
  /** A live user by exact handle, email or phone; `recipient_not_found` for anything else. */
  findRecipient: defineRequest('identity.recipient.find', findRecipientQuery, recipientSchema),
  keys: defineRequest('identity.keys.get', z.object({}).strict(), jwksSchema),
  /** With `since` null: every session ended within the lifetime of an access token. */
  revokedSessions: defineRequest(
    'identity.session.revoked.list',
    z.object({ since: timestamp.nullable() }).strict(),
    revokedSessionsSchema,
  ),
  /** A user's balance by email: identity finds the user and asks the ledger (it never stores balances). */
  balance: defineRequest(
    'identity.balance.get',
    z.object({ actor: actorSchema, email: text.min(1).max(254) }).strict(),
    balanceByEmailSchema,
  ),
} as const;

export const identityEvents = {
  userCreated: 'identity.user.created',
  userUpdated: 'identity.user.updated',
  userDeleted: 'identity.user.deleted',
  otpRequested: 'identity.otp.requested',
  passwordResetRequested: 'identity.password_reset.requested',
} as const;

export const userCreatedData = z.object({ user: userSchema });
export const userUpdatedData = z.object({ user: userSchema, changed: z.array(z.string()) });
export const userDeletedData = z.object({ user_id: uuid, user_name: z.string(), email: z.string() });
/** Carries the code in clear: the notifications service must send it. */
export const otpRequestedData = z.object({
  user_id: uuid,
  challenge_id: uuid,
  channel: z.enum(['sms', 'email']),
  to: z.string(),
  code: z.string().regex(/^\d{6}$/),
  expires_at: timestamp,
});

/** Carries the reset code in clear: the notifications service must email it. */
export const passwordResetRequestedData = z.object({
  user_id: uuid,
  to: z.string(),
  code: z.string().regex(/^\d{6}$/),
  expires_at: timestamp,
});
