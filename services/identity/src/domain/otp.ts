import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** How long a one-time code stays valid. */
export const otpTtlMs = 5 * 60 * 1000;
/** Wrong codes a challenge survives; the last of them kills it. */
export const otpMaxAttempts = 5;

export type OtpChannel = 'sms' | 'email';

export interface OtpChallengeRecord {
  id: string;
  user_id: string;
  code_hash: string;
  channel: OtpChannel;
  expires_at: Date;
  attempts: number;
  consumed_at: Date | null;
  created_at: Date;
}

/** Six digits from the CSPRNG, zero-padded (000000 to 999999 are equally likely). */
export function generateOtpCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** Keyed with a server secret and bound to the challenge, so a leaked row cannot be brute-forced offline. */
export function hashOtpCode(secret: string, challengeId: string, code: string): string {
  return createHmac('sha256', secret).update(`${challengeId}:${code}`, 'utf8').digest('hex');
}

export function otpCodeMatches(
  secret: string,
  challenge: Pick<OtpChallengeRecord, 'id' | 'code_hash'>,
  code: string,
): boolean {
  const expected = Buffer.from(challenge.code_hash, 'hex');
  const actual = Buffer.from(hashOtpCode(secret, challenge.id, code), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** SMS when the user has a phone, email otherwise. */
export function otpDestinationOf(user: { phone: string | null; email: string }): {
  channel: OtpChannel;
  to: string;
} {
  return user.phone ? { channel: 'sms', to: user.phone } : { channel: 'email', to: user.email };
}

export function createOtpChallengeRecord(
  input: { id: string; userId: string; code: string; channel: OtpChannel },
  secret: string,
  now: Date,
): OtpChallengeRecord {
  return {
    id: input.id,
    user_id: input.userId,
    code_hash: hashOtpCode(secret, input.id, input.code),
    channel: input.channel,
    expires_at: new Date(now.getTime() + otpTtlMs),
    attempts: 0,
    consumed_at: null,
    created_at: now,
  };
}

/**
 * The outcome of one try of a code (a one-time code, or a password reset code). A used challenge stays dead (`otp_expired`), an exhausted one
 * stays exhausted even for the right code, and only a wrong code on a live challenge
 * counts as an attempt (`attempts` is the new count to store).
 */
export type OtpVerdict =
  | { outcome: 'accepted' }
  | { outcome: 'refused'; reason: 'otp_expired' | 'otp_exhausted' }
  | {
      outcome: 'wrong_code';
      attempts: number;
      reason: 'otp_invalid' | 'otp_exhausted';
      remainingAttempts: number;
    };

export function judgeOtpAttempt(
  challenge: Pick<OtpChallengeRecord, 'consumed_at' | 'attempts' | 'expires_at'>,
  codeMatches: boolean,
  now: Date,
): OtpVerdict {
  if (challenge.consumed_at !== null) return { outcome: 'refused', reason: 'otp_expired' };
  if (challenge.attempts >= otpMaxAttempts) return { outcome: 'refused', reason: 'otp_exhausted' };
  if (challenge.expires_at.getTime() <= now.getTime()) return { outcome: 'refused', reason: 'otp_expired' };
  if (codeMatches) return { outcome: 'accepted' };
  const attempts = challenge.attempts + 1;
  const remainingAttempts = otpMaxAttempts - attempts;
  return {
    outcome: 'wrong_code',
    attempts,
    reason: remainingAttempts === 0 ? 'otp_exhausted' : 'otp_invalid',
    remainingAttempts,
  };
}
