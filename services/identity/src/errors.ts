import { AppError, type ErrorCode, type ErrorDetails } from '@moneypal/kit';

/**
 * Every error code the identity service answers with, and what it means here. Codes and
 * their HTTP statuses are defined once in the kit; this list is the service's closed subset.
 */
export const identityErrorCodes = {
  validation_failed: 'the request does not match its contract, or a list cursor is malformed',
  unauthenticated: 'a wrong login or password, or a wrong current password when changing it',
  token_expired: 'a refresh token past its expiry (it was neither replaced nor revoked)',
  token_invalid: 'a refresh token that is unknown, revoked or reused, or whose user is deleted',
  user_not_found: 'no live user has that id, email or user name (or a user asked for the balance of another)',
  recipient_not_found: 'no live user has exactly that handle, email or phone (or two share the phone)',
  wallet_not_found: 'the ledger has no wallet for the user whose balance is asked',
  conflict: 'the user_name or email is already taken by a live user (details name the field)',
  otp_invalid: 'the one-time code is wrong; the challenge allows another try',
  otp_expired: 'the one-time code challenge is unknown, past its 5 minutes, or already used',
  otp_exhausted: 'five wrong codes were tried; the challenge is dead, log in again',
  unavailable:
    'the identity database does not answer (health check), or the ledger does not answer a balance request',
} as const satisfies Partial<Record<ErrorCode, string>>;

export type IdentityErrorCode = keyof typeof identityErrorCodes;

/** An `AppError` whose code is one this service is documented to answer with. */
export function identityError(code: IdentityErrorCode, message: string, details?: ErrorDetails): AppError {
  return new AppError(code, message, details);
}
