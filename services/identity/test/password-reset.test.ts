import { identityEvents, identityRequests, passwordResetRequestedData } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failureOf,
  type IdentityHarness,
  login,
  outboxEvents,
  register,
  startHarness,
} from './identity-harness.js';

const newPassword = 'a fresh passphrase for spring';
const codeRefusal = {
  code: 'validation_failed',
  details: { errors: [{ path: 'code', message: 'is wrong, expired or already used' }] },
};

describe(`forgot password: reset codes by email on ${testDatabaseLabel}`, () => {
  let harness: IdentityHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  const requestReset = (email: string) =>
    call(harness.client, identityRequests.requestPasswordReset, { email });
  const reset = (email: string, code: string, password = newPassword) =>
    call(harness.client, identityRequests.resetPassword, { email, code, password });

  /** The reset emails asked of notifications for one user, oldest first. */
  const resetRequestsOf = async (userId: string) =>
    (await outboxEvents(harness, identityEvents.passwordResetRequested))
      .filter((event) => event.subject === userId)
      .map((event) => passwordResetRequestedData.parse(event.data));

  const latestCodeOf = async (userId: string) => {
    const request = (await resetRequestsOf(userId)).at(-1);
    if (!request) throw new Error('no reset code was sent');
    return request.code;
  };

  /** A six-digit code that is not `code`. */
  const otherThan = (code: string) => (code === '000000' ? '000001' : '000000');

  it('emails a code valid 15 minutes, stores only its hash, and sets the new password with it', async () => {
    const { user, password } = await register(harness);
    const session = await login(harness, user.user_name, password);
    await expect(requestReset(user.email.toUpperCase())).resolves.toEqual({});
    const [request] = await resetRequestsOf(user.id);
    expect(request).toMatchObject({
      user_id: user.id,
      to: user.email,
      code: expect.stringMatching(/^\d{6}$/),
    });
    expect(Date.parse(request!.expires_at) - harness.clock.now().getTime()).toBe(15 * 60 * 1000);
    const rows = await harness.database.db
      .selectFrom('password_resets')
      .select('code_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash).not.toContain(request!.code);

    await expect(reset(user.email, request!.code)).resolves.toEqual({});
    expect((await failureOf(login(harness, user.user_name, password))).code).toBe('unauthenticated');
    await expect(login(harness, user.user_name, newPassword)).resolves.toMatchObject({
      token_type: 'Bearer',
    });
    // Every session ends: a stolen session does not outlive the reset.
    const refused = await failureOf(
      call(harness.client, identityRequests.refresh, { refresh_token: session.refresh_token }),
    );
    expect(refused.code).toBe('token_invalid');
    const updated = (await outboxEvents(harness, identityEvents.userUpdated)).filter(
      (event) => event.subject === user.id,
    );
    expect(updated.at(-1)?.data).toMatchObject({ changed: ['password'] });
    expect(JSON.stringify(updated)).not.toContain(newPassword);
  });

  it('takes a code once: used again, it is refused', async () => {
    const { user } = await register(harness);
    await requestReset(user.email);
    const code = await latestCodeOf(user.id);
    await reset(user.email, code);
    expect(await failureOf(reset(user.email, code, 'yet another long passphrase'))).toMatchObject(
      codeRefusal,
    );
    await expect(login(harness, user.user_name, newPassword)).resolves.toMatchObject({
      token_type: 'Bearer',
    });
  });

  it('refuses a code past its 15 minutes and keeps the password', async () => {
    const { user, password } = await register(harness);
    await requestReset(user.email);
    const code = await latestCodeOf(user.id);
    harness.clock.advance(15 * 60 * 1000);
    expect(await failureOf(reset(user.email, code))).toMatchObject(codeRefusal);
    await expect(login(harness, user.user_name, password)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('kills a code after five wrong ones, even for the right code then', async () => {
    const { user, password } = await register(harness);
    await requestReset(user.email);
    const code = await latestCodeOf(user.id);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await failureOf(reset(user.email, otherThan(code)))).toMatchObject(codeRefusal);
    }
    expect(await failureOf(reset(user.email, code))).toMatchObject(codeRefusal);
    await expect(login(harness, user.user_name, password)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('takes only the newest code: a new request ends the older one', async () => {
    const { user } = await register(harness);
    await requestReset(user.email);
    harness.clock.advance(1000);
    await requestReset(user.email);
    const rows = await harness.database.db
      .selectFrom('password_resets')
      .select('consumed_at')
      .where('user_id', '=', user.id)
      .orderBy('created_at')
      .execute();
    expect(rows.map((row) => row.consumed_at !== null)).toEqual([true, false]);
    await expect(reset(user.email, await latestCodeOf(user.id))).resolves.toEqual({});
  });

  it('sends at most three codes an hour to one user, answering alike, then sends again', async () => {
    const { user } = await register(harness);
    for (let request = 0; request < 5; request++) {
      await expect(requestReset(user.email)).resolves.toEqual({});
      harness.clock.advance(1000);
    }
    expect(await resetRequestsOf(user.id)).toHaveLength(3);
    harness.clock.advance(60 * 60 * 1000);
    await requestReset(user.email);
    expect(await resetRequestsOf(user.id)).toHaveLength(4);
  });

  it('answers an unknown email exactly as a known one, and sends nothing', async () => {
    const before = await outboxEvents(harness, identityEvents.passwordResetRequested);
    await expect(requestReset('nobody.here@example.com')).resolves.toEqual({});
    expect(await outboxEvents(harness, identityEvents.passwordResetRequested)).toHaveLength(before.length);
    // Confirming for an unknown email fails like a wrong code does.
    expect(await failureOf(reset('nobody.here@example.com', '123456'))).toMatchObject(codeRefusal);
    const { user } = await register(harness);
    expect(await failureOf(reset(user.email, '123456'))).toMatchObject(codeRefusal);
  });

  it('refuses a guessable new password once the code is right, and keeps the code for another try', async () => {
    const { user } = await register(harness);
    await requestReset(user.email);
    const code = await latestCodeOf(user.id);
    const failure = await failureOf(reset(user.email, code, `${user.user_name}1234`));
    expect(failure).toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'password' }] } });
    await expect(reset(user.email, code)).resolves.toEqual({});
  });

  it('sends nothing to a deleted user', async () => {
    const { user } = await register(harness);
    await call(harness.client, identityRequests.deleteUser, { user_id: user.id });
    await requestReset(user.email);
    expect(await resetRequestsOf(user.id)).toHaveLength(0);
  });
});
