import { hashOtpCode } from './otp.js';

/** How long a reset code stays valid. */
export const passwordResetTtlMs = 15 * 60 * 1000;
/** Reset codes one user can be sent within `passwordResetWindowMs`; past it, requests send nothing. */
export const passwordResetsPerWindow = 3;
export const passwordResetWindowMs = 60 * 60 * 1000;

export interface PasswordResetRecord {
  id: string;
  user_id: string;
  code_hash: string;
  expires_at: Date;
  attempts: number;
  consumed_at: Date | null;
  created_at: Date;
}

export function createPasswordResetRecord(
  input: { id: string; userId: string; code: string },
  secret: string,
  now: Date,
): PasswordResetRecord {
  return {
    id: input.id,
    user_id: input.userId,
    code_hash: hashOtpCode(secret, input.id, input.code),
    expires_at: new Date(now.getTime() + passwordResetTtlMs),
    attempts: 0,
    consumed_at: null,
    created_at: now,
  };
}
