import { identityEvents, identityRequests, otpRequestedData } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failureOf,
  type IdentityHarness,
  outboxEvents,
  register,
  startHarness,
  verifyAccessToken,
} from './identity-harness.js';

describe(`two-factor login with one-time codes on ${testDatabaseLabel}`, () => {
  let harness: IdentityHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  /** A user with two-factor login turned on. */
  async function registerWithTwoFactor(overrides: Record<string, string> = {}) {
    const registered = await register(harness, overrides);
    await call(harness.client, identityRequests.updateUser, {
      user_id: registered.user.id,
      changes: { two_factor_enabled: true },
    });
    return registered;
  }

  /** Logs in, expects a challenge, and reads the code the notifications service would send. */
  async function challenge(userName: string, password: string) {
    const reply = await call(harness.client, identityRequests.login, { login: userName, password });
    if (!('otp_required' in reply)) throw new Error('expected a one-time code challenge');
    const event = (await outboxEvents(harness, identityEvents.otpRequested)).find(
      (candidate) => (candidate.data as { challenge_id: string }).challenge_id === reply.challenge_id,
    );
    if (!event) throw new Error('no identity.otp.requested event for the challenge');
    return { challengeId: reply.challenge_id, event, code: otpRequestedData.parse(event.data).code };
  }

  const verify = (challengeId: string, code: string) =>
    call(harness.client, identityRequests.verifyOtp, { challenge_id: challengeId, code });

  const wrongCodeFor = (code: string) => (code === '000000' ? '000001' : '000000');

  it('answers a challenge instead of tokens and writes the code by email when the user has no phone', async () => {
    const { user, password } = await registerWithTwoFactor();
    const { challengeId, event } = await challenge(user.user_name, password);
    expect(event).toMatchObject({ type: 'identity.otp.requested', source: 'identity', subject: user.id });
    expect(event.data).toEqual({
      user_id: user.id,
      challenge_id: challengeId,
      channel: 'email',
      to: user.email,
      code: expect.stringMatching(/^\d{6}$/),
      expires_at: '2030-01-01T00:05:00.000Z',
    });
  });

  it('sends the code by SMS when the user has a phone', async () => {
    const { user, password } = await registerWithTwoFactor({ phone: '+4915112345678' });
    const { event } = await challenge(user.email, password);
    expect(event.data).toMatchObject({ channel: 'sms', to: '+4915112345678' });
  });

  it('stores an HMAC of the code, never the code', async () => {
    const { user, password } = await registerWithTwoFactor();
    const { challengeId, code } = await challenge(user.user_name, password);
    const row = await harness.database.db
      .selectFrom('otp_challenges')
      .selectAll()
      .where('id', '=', challengeId)
      .executeTakeFirstOrThrow();
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.code_hash).not.toContain(code);
  });

  it('gives tokens for the right code', async () => {
    const { user, password } = await registerWithTwoFactor();
    const { challengeId, code } = await challenge(user.user_name, password);
    const tokens = await verify(challengeId, code);
    expect((await verifyAccessToken(harness, tokens.access_token)).payload.sub).toBe(user.id);
    await expect(
      call(harness.client, identityRequests.refresh, { refresh_token: tokens.refresh_token }),
    ).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('accepts a code only once', async () => {
    const { user, password } = await registerWithTwoFactor();
    const { challengeId, code } = await challenge(user.user_name, password);
    await verify(challengeId, code);
    expect((await failureOf(verify(challengeId, code))).code).toBe('otp_expired');
  });

  it('refuses a wrong code and still accepts the right one afterwards', async () => {
    const { user, password } = await registerWithTwoFactor();
    const { challengeId, code } = await challenge(user.user_name, password);
    const failure = await failureOf(verify(challengeId, wrongCodeFor(code)));
    expect(failure).toMatchObject({ code: 'otp_invalid', details: { remaining_attempts: 4 } });
    await expect(verify(challengeId, code)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('exhausts the challenge on the fifth wrong code, after which even the right code fails', async () => {
    const { user, password } = await registerWithTwoFactor();
    const { challengeId, code } = await challenge(user.user_name, password);
    const codes: string[] = [];
    for (let attempt = 1; attempt <= 5; attempt++)
      codes.push((await failureOf(verify(challengeId, wrongCodeFor(code)))).code);
    expect(codes).toEqual(['otp_invalid', 'otp_invalid', 'otp_invalid', 'otp_invalid', 'otp_exhausted']);
    expect((await failureOf(verify(challengeId, code))).code).toBe('otp_exhausted');
  });

  it('counts concurrent wrong codes one by one', async () => {
    const { user, password } = await registerWithTwoFactor();
    const { challengeId, code } = await challenge(user.user_name, password);
    await Promise.allSettled(Array.from({ length: 8 }, () => verify(challengeId, wrongCodeFor(code))));
    const row = await harness.database.db
      .selectFrom('otp_challenges')
      .select('attempts')
      .where('id', '=', challengeId)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(5);
    expect((await failureOf(verify(challengeId, code))).code).toBe('otp_exhausted');
  });

  it('refuses the right code after five minutes', async () => {
    const { user, password } = await registerWithTwoFactor();
    const { challengeId, code } = await challenge(user.user_name, password);
    harness.clock.advance(5 * 60 * 1000);
    expect((await failureOf(verify(challengeId, code))).code).toBe('otp_expired');
  });

  it('accepts the right code just before five minutes pass', async () => {
    const { user, password } = await registerWithTwoFactor();
    const { challengeId, code } = await challenge(user.user_name, password);
    harness.clock.advance(5 * 60 * 1000 - 1);
    await expect(verify(challengeId, code)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('ends the previous challenge when the user logs in again', async () => {
    const { user, password } = await registerWithTwoFactor();
    const first = await challenge(user.user_name, password);
    const second = await challenge(user.user_name, password);
    expect((await failureOf(verify(first.challengeId, first.code))).code).toBe('otp_expired');
    await expect(verify(second.challengeId, second.code)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('refuses an unknown challenge', async () => {
    const failure = await failureOf(verify('0190a000-0000-7000-8000-000000000000', '123456'));
    expect(failure.code).toBe('otp_expired');
  });

  it('asks no code for a wrong password', async () => {
    const { user } = await registerWithTwoFactor();
    const before = (await outboxEvents(harness, identityEvents.otpRequested)).length;
    expect(
      (
        await failureOf(
          call(harness.client, identityRequests.login, {
            login: user.user_name,
            password: 'wrong password!',
          }),
        )
      ).code,
    ).toBe('unauthenticated');
    expect(await outboxEvents(harness, identityEvents.otpRequested)).toHaveLength(before);
  });

  it('refuses a code that is not six digits', async () => {
    const failure = await failureOf(
      harness.client.request(identityRequests.verifyOtp.subject, {
        challenge_id: '0190a000-0000-7000-8000-000000000000',
        code: '12345a',
      }),
    );
    expect(failure.code).toBe('validation_failed');
  });
});
