import { healthContract, identityRequests } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failureOf,
  type IdentityHarness,
  login,
  register,
  startHarness,
  verifyAccessToken,
} from './identity-harness.js';

describe(`login, tokens and logout on ${testDatabaseLabel}`, () => {
  let harness: IdentityHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  const refresh = (refreshToken: string) =>
    call(harness.client, identityRequests.refresh, { refresh_token: refreshToken });

  it('logs in by user_name in any letter case and answers bearer tokens', async () => {
    const { user, password } = await register(harness);
    const tokens = await login(harness, user.user_name.toUpperCase(), password);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    expect(tokens.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('logs in by email in any letter case', async () => {
    const { user, password } = await register(harness);
    const tokens = await login(harness, user.email.toUpperCase(), password);
    const { payload } = await verifyAccessToken(harness, tokens.access_token);
    expect(payload.sub).toBe(user.id);
  });

  it('signs an access token the published keys verify, with sub, role, sid, iss, aud, iat, exp and kid', async () => {
    const { user, password } = await register(harness);
    const tokens = await login(harness, user.user_name, password);
    const { payload, protectedHeader } = await verifyAccessToken(harness, tokens.access_token);
    const jwks = await call(harness.client, identityRequests.keys, {});
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: jwks.keys[0]?.kid });
    expect(payload).toMatchObject({
      sub: user.id,
      role: 'user',
      iss: 'moneypal-identity',
      aud: 'moneypal-api',
      iat: Date.parse('2030-01-01T00:00:00.000Z') / 1000,
      exp: Date.parse('2030-01-01T00:00:00.000Z') / 1000 + 900,
    });
    expect(payload.sid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a wrong password and an unknown login with the same error', async () => {
    const { user } = await register(harness);
    const wrongPassword = await failureOf(login(harness, user.user_name, 'not the password at all'));
    const unknownLogin = await failureOf(login(harness, 'nobody-like-this', 'not the password at all'));
    expect(wrongPassword).toMatchObject({
      code: 'unauthenticated',
      message: 'the login or the password is wrong: check both and try again',
    });
    expect(unknownLogin).toMatchObject({
      code: 'unauthenticated',
      message: 'the login or the password is wrong: check both and try again',
    });
  });

  it('rotates the refresh token: the new one works and the old one is spent', async () => {
    const { user, password } = await register(harness);
    const first = await login(harness, user.user_name, password);
    const second = await refresh(first.refresh_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const firstClaims = (await verifyAccessToken(harness, first.access_token)).payload;
    const secondClaims = (await verifyAccessToken(harness, second.access_token)).payload;
    expect(secondClaims.sid).toBe(firstClaims.sid);
    const third = await refresh(second.refresh_token);
    expect(third.refresh_token).not.toBe(second.refresh_token);
  });

  it('revokes the whole family when a rotated token is presented again, newest token included', async () => {
    const { user, password } = await register(harness);
    const first = await login(harness, user.user_name, password);
    const second = await refresh(first.refresh_token);
    const reuse = await failureOf(refresh(first.refresh_token));
    expect(reuse.code).toBe('token_invalid');
    expect((await failureOf(refresh(second.refresh_token))).code).toBe('token_invalid');
  });

  it('leaves the user’s other sessions alone when one family is revoked for reuse', async () => {
    const { user, password } = await register(harness);
    const stolen = await login(harness, user.user_name, password);
    const otherDevice = await login(harness, user.user_name, password);
    await refresh(stolen.refresh_token);
    await failureOf(refresh(stolen.refresh_token));
    await expect(refresh(otherDevice.refresh_token)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const { user, password } = await register(harness);
    const tokens = await login(harness, user.user_name, password);
    const results = await Promise.allSettled([refresh(tokens.refresh_token), refresh(tokens.refresh_token)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rows = await harness.database.db
      .selectFrom('refresh_tokens')
      .select(['replaced_by'])
      .where('user_id', '=', user.id)
      .where('replaced_by', 'is not', null)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('answers token_expired for a refresh token past its expiry', async () => {
    const { user, password } = await register(harness);
    const tokens = await login(harness, user.user_name, password);
    harness.clock.advance(harness.config.refreshTokenTtlSeconds * 1000 - 1000);
    const fresh = await refresh(tokens.refresh_token);
    harness.clock.advance(harness.config.refreshTokenTtlSeconds * 1000);
    const failure = await failureOf(refresh(fresh.refresh_token));
    expect(failure).toMatchObject({
      code: 'token_expired',
      message: 'the refresh token has expired; log in again',
    });
  });

  it('answers token_invalid for an unknown refresh token', async () => {
    const failure = await failureOf(refresh('A'.repeat(43)));
    expect(failure.code).toBe('token_invalid');
  });

  it('stores only the hash of a refresh token', async () => {
    const { user, password } = await register(harness);
    const tokens = await login(harness, user.user_name, password);
    const rows = await harness.database.db
      .selectFrom('refresh_tokens')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.token_hash).not.toContain(tokens.refresh_token);
  });

  it('logs out one session: its refresh token stops working, the other session keeps going', async () => {
    const { user, password } = await register(harness);
    const phone = await login(harness, user.user_name, password);
    const laptop = await login(harness, user.user_name, password);
    const sessionId = (await verifyAccessToken(harness, phone.access_token)).payload.sid as string;
    await expect(
      call(harness.client, identityRequests.logout, { user_id: user.id, session_id: sessionId }),
    ).resolves.toEqual({});
    expect((await failureOf(refresh(phone.refresh_token))).code).toBe('token_invalid');
    await expect(refresh(laptop.refresh_token)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('lists the sessions ended by a logout, a password change and a deletion, for the gateway to deny', async () => {
    const sessionOf = async (accessToken: string) =>
      (await verifyAccessToken(harness, accessToken)).payload.sid as string;
    const revokedSince = async (since: string | null) =>
      (await call(harness.client, identityRequests.revokedSessions, { since })).sessions.map(
        (session) => session.session_id,
      );
    harness.clock.advance(60_000);
    const start = harness.clock.now().toISOString();
    const { user, password } = await register(harness);
    const loggedOut = await sessionOf((await login(harness, user.user_name, password)).access_token);
    const alive = await login(harness, user.user_name, password);
    expect(await revokedSince(start)).not.toContain(loggedOut);
    await call(harness.client, identityRequests.logout, { user_id: user.id, session_id: loggedOut });
    expect(await revokedSince(start)).toContain(loggedOut);
    expect(await revokedSince(null)).toContain(loggedOut);
    expect(await revokedSince(start)).not.toContain(await sessionOf(alive.access_token));

    harness.clock.advance(60_000);
    const beforeChange = harness.clock.now().toISOString();
    await call(harness.client, identityRequests.updateUser, {
      user_id: user.id,
      changes: { password: `${password} but newer`, current_password: password },
    });
    // Only what ended since the question's start: the logout came before it.
    expect(await revokedSince(beforeChange)).toEqual([await sessionOf(alive.access_token)]);

    const doomed = await register(harness);
    const doomedSession = await sessionOf(
      (await login(harness, doomed.user.user_name, doomed.password)).access_token,
    );
    await call(harness.client, identityRequests.deleteUser, { user_id: doomed.user.id });
    expect(await revokedSince(beforeChange)).toContain(doomedSession);

    // A gateway that starts now must deny what ended within an access token's lifetime, not before.
    harness.clock.advance(harness.config.accessTokenTtlSeconds * 1000 + 60_000);
    const answer = await call(harness.client, identityRequests.revokedSessions, { since: null });
    expect(answer.sessions).toEqual([]);
    expect(answer).toMatchObject({ as_of: harness.clock.now().toISOString(), access_token_ttl_seconds: 900 });
  });

  it('does not let one user log out another user’s session', async () => {
    const victim = await register(harness);
    const intruder = await register(harness);
    const tokens = await login(harness, victim.user.user_name, victim.password);
    const sessionId = (await verifyAccessToken(harness, tokens.access_token)).payload.sid as string;
    await call(harness.client, identityRequests.logout, { user_id: intruder.user.id, session_id: sessionId });
    await expect(refresh(tokens.refresh_token)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('answers the key set with a stable key id across restarts with the same key', async () => {
    const before = await call(harness.client, identityRequests.keys, {});
    await harness.restart();
    const after = await call(harness.client, identityRequests.keys, {});
    expect(after).toEqual(before);
    const { user, password } = await register(harness);
    const tokens = await login(harness, user.user_name, password);
    expect(decodeProtectedHeader(tokens.access_token).kid).toBe(before.keys[0]?.kid);
  });

  it('answers identity.health when the database is up', async () => {
    await expect(call(harness.client, healthContract('identity'), {})).resolves.toEqual({
      status: 'ok',
      service: 'identity',
    });
  });
});
