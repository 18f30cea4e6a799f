import type { ApiClient } from './client';
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
  return client.post<User>('/v1/auth/register', registration, { authenticated: false });
}

/** Tokens, or the challenge of a user who has one-time codes turned on (202). */
export function logIn(client: ApiClient, login: string, password: string): Promise<Tokens | OtpChallenge> {
  return client.post<Tokens | OtpChallenge>('/v1/auth/login', { login, password }, { authenticated: false });
}

export function isOtpChallenge(answer: Tokens | OtpChallenge): answer is OtpChallenge {
  return 'otp_required' in answer;
}

export function verifyOtp(client: ApiClient, challengeId: string, code: string): Promise<Tokens> {
  return client.post<Tokens>(
    '/v1/auth/otp/verify',
    { challenge_id: challengeId, code },
    { authenticated: false },
  );
}

export function logOut(client: ApiClient): Promise<void> {
  return client.post<void>('/v1/auth/logout');
}

export function getMe(client: ApiClient, signal?: AbortSignal): Promise<User> {
  return client.get<User>('/v1/users/me', signal === undefined ? {} : { signal });
}

export function setTwoFactor(client: ApiClient, enabled: boolean): Promise<User> {
  return client.patch<User>('/v1/users/me', { two_factor_enabled: enabled });
}

/** Changes the password, email or phone: each needs the current password. */
export interface ProfileChanges {
  email?: string;
  phone?: string | null;
  password?: string;
  current_password: string;
}

export function changeProfile(client: ApiClient, changes: ProfileChanges): Promise<User> {
  return client.patch<User>('/v1/users/me', changes);
}

export function deleteAccount(client: ApiClient, password: string): Promise<void> {
  return client.request<void>('DELETE', '/v1/users/me', { body: { password } });
}

/** Emails a reset code when the email has an account; the answer is the same either way. */
export function requestPasswordReset(client: ApiClient, email: string): Promise<void> {
  return client.post<void>('/v1/auth/password-reset', { email }, { authenticated: false });
}

export function resetPassword(
  client: ApiClient,
  email: string,
  code: string,
  password: string,
): Promise<void> {
  return client.post<void>(
    '/v1/auth/password-reset/confirm',
    { email, code, password },
    { authenticated: false },
  );
}

/** Who has exactly this handle, email or phone: their display name and handle, nothing more. */
export function findRecipient(client: ApiClient, query: string, signal?: AbortSignal): Promise<Recipient> {
  return client.get<Recipient>('/v1/recipients', {
    query: { query },
    ...(signal === undefined ? {} : { signal }),
  });
}
