import { describe, expect, it } from 'vitest';
import {
  createOtpChallengeRecord,
  generateOtpCode,
  hashOtpCode,
  judgeOtpAttempt,
  type OtpChallengeRecord,
  otpCodeMatches,
  otpDestinationOf,
} from './otp.js';

const secret = 'a-test-otp-secret-with-plenty-of-different-characters';
const now = new Date('2030-01-01T00:00:00.000Z');

function challengeWith(changes: Partial<OtpChallengeRecord> = {}): OtpChallengeRecord {
  return {
    ...createOtpChallengeRecord({ id: 'c1', userId: 'u1', code: '123456', channel: 'email' }, secret, now),
    ...changes,
  };
}

describe('one-time codes', () => {
  it('generates six digits, zero-padded, with every digit position varying', () => {
    const codes = Array.from({ length: 2000 }, generateOtpCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    for (let position = 0; position < 6; position++) {
      expect(new Set(codes.map((code) => code[position])).size).toBe(10);
    }
  });

  it('binds the stored hash to the challenge and the server secret', () => {
    expect(hashOtpCode(secret, 'c1', '123456')).not.toBe(hashOtpCode(secret, 'c2', '123456'));
    expect(hashOtpCode(secret, 'c1', '123456')).not.toBe(hashOtpCode(`${secret}x`, 'c1', '123456'));
    expect(hashOtpCode(secret, 'c1', '123456')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('matches the right code only', () => {
    const challenge = challengeWith();
    expect(otpCodeMatches(secret, challenge, '123456')).toBe(true);
    expect(otpCodeMatches(secret, challenge, '123457')).toBe(false);
    expect(otpCodeMatches(`${secret}x`, challenge, '123456')).toBe(false);
  });

  it('expires five minutes after creation', () => {
    expect(challengeWith().expires_at.toISOString()).toBe('2030-01-01T00:05:00.000Z');
  });

  it('accepts the right code on a live challenge', () => {
    expect(judgeOtpAttempt(challengeWith(), true, now)).toEqual({ outcome: 'accepted' });
  });

  it('counts a wrong code and says how many tries remain', () => {
    expect(judgeOtpAttempt(challengeWith({ attempts: 0 }), false, now)).toEqual({
      outcome: 'wrong_code',
      attempts: 1,
      reason: 'otp_invalid',
      remainingAttempts: 4,
    });
  });

  it('exhausts the challenge on the fifth wrong code', () => {
    expect(judgeOtpAttempt(challengeWith({ attempts: 4 }), false, now)).toMatchObject({
      outcome: 'wrong_code',
      attempts: 5,
      reason: 'otp_exhausted',
    });
  });

  it('refuses even the right code once exhausted', () => {
    expect(judgeOtpAttempt(challengeWith({ attempts: 5 }), true, now)).toEqual({
      outcome: 'refused',
      reason: 'otp_exhausted',
    });
  });

  it('refuses a used challenge as expired', () => {
    expect(judgeOtpAttempt(challengeWith({ consumed_at: now }), true, now)).toEqual({
      outcome: 'refused',
      reason: 'otp_expired',
    });
  });

  it('refuses at the expiry instant and accepts a millisecond before it', () => {
    const challenge = challengeWith();
    expect(judgeOtpAttempt(challenge, true, challenge.expires_at)).toMatchObject({ reason: 'otp_expired' });
    expect(judgeOtpAttempt(challenge, true, new Date(challenge.expires_at.getTime() - 1))).toEqual({
      outcome: 'accepted',
    });
  });

  it('does not count a try on an expired challenge', () => {
    const challenge = challengeWith();
    expect(judgeOtpAttempt(challenge, false, challenge.expires_at)).toEqual({
      outcome: 'refused',
      reason: 'otp_expired',
    });
  });

  it('sends by SMS to a phone and by email otherwise', () => {
    expect(otpDestinationOf({ phone: '+14155550123', email: 'a@b.example' })).toEqual({
      channel: 'sms',
      to: '+14155550123',
    });
    expect(otpDestinationOf({ phone: null, email: 'a@b.example' })).toEqual({
      channel: 'email',
      to: 'a@b.example',
    });
  });
});
