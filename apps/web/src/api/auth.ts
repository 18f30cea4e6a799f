import { type ApiClient, answerOf } from './client';
import { signalOption } from './ledger';
import type { OtpChallenge, Recipient, Tokens, User } from './types';

export interface Registration {
  first_name: string;
  last_name: string;
  user_name: string;
  email: string;
  password: string;
  phone?: string;
}

export function register(client: ApiClient, registration: Registration): Promise<User> {
  return answerOf(client.publicApi.POST('/v1/auth/register', { body: registration }));
}

/** Tokens, or the challenge of a user who has one-time codes turned on (202). */
export function logIn(client: ApiClient, login: string, password: string): Promise<Tokens | OtpChallenge> {
  return answerOf(client.publicApi.POST('/v1/auth/login', { body: { login, password } }));
}

export function isOtpChallenge(answer: Tokens | OtpChallenge): answer is OtpChallenge {
  return 'otp_required' in answer;
}

export function verifyOtp(client: ApiClient, challengeId: string, code: string): Promise<Tokens> {
  return answerOf(
    client.publicApi.POST('/v1/auth/otp/verify', { body: { challenge_id: challengeId, code } }),
  );
}

export function logOut(client: ApiClient): Promise<void> {
  return answerOf(client.api.POST('/v1/auth/logout'));
}

export function getMe(client: ApiClient, signal?: AbortSignal): Promise<User> {
  return answerOf(client.api.GET('/v1/users/me', signalOption(signal)));
}

export function setTwoFactor(client: ApiClient, enabled: boolean): Promise<User> {
  return answerOf(client.api.PATCH('/v1/users/me', { body: { two_factor_enabled: enabled } }));
}

/** Changes the password, email or phone: each needs the current password. */
export interface ProfileChanges {
  email?: string;
  phone?: string | null;
  password?: string;
  current_password: string;
}

export function changeProfile(client: ApiClient, changes: ProfileChanges): Promise<User> {
  return answerOf(client.api.PATCH('/v1/users/me', { body: changes }));
}

export function deleteAccount(client: ApiClient, password: string): Promise<void> {
  return answerOf(client.api.DELETE('/v1/users/me', { body: { password } }));
}

/** Emails a reset code when the email has an account; the answer is the same either way. */
export function requestPasswordReset(client: ApiClient, email: string): Promise<void> {
  return answerOf(client.publicApi.POST('/v1/auth/password-reset', { body: { email } }));
}

export function resetPassword(
  client: ApiClient,
  email: string,
  code: string,
  password: string,
): Promise<void> {
  return answerOf(
    client.publicApi.POST('/v1/auth/password-reset/confirm', { body: { email, code, password } }),
  );
}

/** Who has exactly this handle, email or phone: their display name and handle, nothing more. */
export function findRecipient(client: ApiClient, query: string, signal?: AbortSignal): Promise<Recipient> {
  return answerOf(
    client.api.GET('/v1/recipients', { params: { query: { query } }, ...signalOption(signal) }),
  );
}
