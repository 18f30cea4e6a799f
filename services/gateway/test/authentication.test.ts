import { randomUUID } from 'node:crypto';
import { accessTokenAudience } from '@moneypal/contracts';
import { AppError } from '@moneypal/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSigningKey, problemBody, startGateway, type TestGateway, userOf } from './support.js';

describe('access token verification', () => {
  let gateway: TestGateway;
  beforeEach(async () => {
    gateway = await startGateway({ jwksRefetchIntervalMs: 60_000 });
    await gateway.respond('identity.user.get', async (payload) =>
      userOf({ id: (payload as { id: string }).id }),
    );
  });
  afterEach(async () => {
    await gateway.close();
  });

  const me = (authorization?: string) =>
    gateway.app.inject({
      method: 'GET',
      url: '/v1/users/me',
      headers: authorization ? { authorization } : {},
    });

  async function expectRefused(
    authorization: string | undefined,
    code: 'unauthenticated' | 'token_expired' | 'token_invalid',
  ): Promise<void> {
    const response = await me(authorization);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(problemBody(response)).toMatchObject({ code, status: 401 });
    expect(gateway.operationCalls()).toEqual([]);
  }

  it('lets a valid token through and asks identity for the token subject', async () => {
    const { authorization, claims } = await gateway.bearer();
    const response = await me(authorization);
    expect(response.statusCode).toBe(200);
    expect(response.json().id).toBe(claims.sub);
    expect(gateway.operationCalls()).toEqual([
      expect.objectContaining({ subject: 'identity.user.get', payload: { id: claims.sub } }),
    ]);
  });

  it('answers unauthenticated for a request without an Authorization header', async () => {
    await expectRefused(undefined, 'unauthenticated');
  });

  it('answers unauthenticated for an Authorization header that is not a bearer token', async () => {
    await expectRefused('Basic YWRhOnNlY3JldA==', 'unauthenticated');
    await expectRefused('Bearer', 'unauthenticated');
    await expectRefused('Bearer a b', 'unauthenticated');
  });

  it('answers token_invalid for a token that is not a JWT', async () => {
    await expectRefused('Bearer not-a-token', 'token_invalid');
    await expectRefused('Bearer eyJhbGciOiJFZERTQSJ9.e30.AAAA', 'token_invalid');
    await expectRefused(`Bearer ${'a'.repeat(5000)}`, 'token_invalid');
    expect((await me('Bearer not-a-token')).headers['www-authenticate']).toContain('error="invalid_token"');
    expect((await me()).headers['www-authenticate']).toBe('Bearer realm="moneypal"');
  });

  it('refuses a token signed by another key under a known key id', async () => {
    const stranger = await createSigningKey(gateway.signingKey.publicJwk.kid as string);
    await expectRefused(`Bearer ${await gateway.signToken({}, { key: stranger })}`, 'token_invalid');
  });

  it('answers token_expired for a well-signed token past its expiry, so the client refreshes', async () => {
    await expectRefused(`Bearer ${await gateway.signToken({}, { expiresInSeconds: -60 })}`, 'token_expired');
    const response = await me(`Bearer ${await gateway.signToken({}, { expiresInSeconds: -60 })}`);
    expect(problemBody(response)).toMatchObject({
      type: '/problems/token_expired',
      title: 'The token has expired',
      detail: 'The access token has expired: get a new one from POST /v1/auth/refresh.',
    });
    expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('answers token_invalid for a token whose session has ended, so the client logs in again', async () => {
    const { authorization, claims } = await gateway.bearer();
    gateway.revokedSessions.push({ session_id: claims.sid, revoked_at: new Date().toISOString() });
    await expect.poll(async () => (await me(authorization)).statusCode, { timeout: 5_000 }).toBe(401);
    expect(problemBody(await me(authorization))).toMatchObject({
      code: 'token_invalid',
      detail: 'The session has ended; log in again.',
    });
  });

  it('answers token_invalid, not token_expired, for an expired token signed by another key', async () => {
    const stranger = await createSigningKey(gateway.signingKey.publicJwk.kid as string);
    await expectRefused(
      `Bearer ${await gateway.signToken({}, { key: stranger, expiresInSeconds: -60 })}`,
      'token_invalid',
    );
  });

  it('refuses a token for another audience or from another issuer', async () => {
    await expectRefused(
      `Bearer ${await gateway.signToken({}, { audience: 'someone-else' })}`,
      'token_invalid',
    );
    await expectRefused(`Bearer ${await gateway.signToken({}, { issuer: 'someone-else' })}`, 'token_invalid');
  });

  it('refuses an unsigned token', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${encode({ alg: 'none' })}.${encode({
      sub: randomUUID(),
      role: 'admin',
      sid: randomUUID(),
      iss: 'moneypal-identity',
      aud: accessTokenAudience,
      exp: now + 300,
    })}.`;
    await expectRefused(`Bearer ${unsigned}`, 'token_invalid');
  });

  it('refuses a well-signed token whose claims are not the access claims', async () => {
    await expectRefused(
      `Bearer ${await gateway.signToken({}, { extraClaims: { role: 'root' } })}`,
      'token_invalid',
    );
    await expectRefused(`Bearer ${await gateway.signToken({ sub: 'not-a-uuid' })}`, 'token_invalid');
  });

  it('refuses a non-admin on an admin route with 403', async () => {
    const { authorization } = await gateway.bearer('user');
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/v1/users',
      headers: { authorization },
    });
    expect(response.statusCode).toBe(403);
    expect(problemBody(response)).toMatchObject({ code: 'forbidden', type: '/problems/forbidden' });
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('answers 401 before it reads the body of an unauthenticated request', async () => {
    const response = await gateway.app.inject({
      method: 'PATCH',
      url: '/v1/users/me',
      headers: { 'content-type': 'application/json' },
      payload: '{broken',
    });
    expect(response.statusCode).toBe(401);
  });

  it('fetches the key set once and reuses it', async () => {
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await me((await gateway.bearer()).authorization)).statusCode).toBe(200);
    expect(gateway.calls.filter((call) => call.subject === 'identity.keys.get')).toHaveLength(1);
  });

  it('answers 503 when identity cannot give its keys', async () => {
    await gateway.identity.close();
    const response = await me((await gateway.bearer()).authorization);
    expect(response.statusCode).toBe(503);
    expect(problemBody(response).code).toBe('unavailable');
  });
});

describe('key rotation', () => {
  async function meWith(gateway: TestGateway, authorization: string) {
    return gateway.app.inject({ method: 'GET', url: '/v1/users/me', headers: { authorization } });
  }
  const keyRequests = (gateway: TestGateway) =>
    gateway.calls.filter((call) => call.subject === 'identity.keys.get').length;

  it('refetches the key set when a token names a key it has not seen, and accepts the new key', async () => {
    const gateway = await startGateway({ jwksRefetchIntervalMs: 0 });
    try {
      await gateway.respond('identity.user.get', async () => userOf());
      expect((await meWith(gateway, (await gateway.bearer()).authorization)).statusCode).toBe(200);
      expect(keyRequests(gateway)).toBe(1);

      const rotated = await createSigningKey();
      gateway.publishedKeys.push(rotated.publicJwk);
      const response = await meWith(gateway, `Bearer ${await gateway.signToken({}, { key: rotated })}`);
      expect(response.statusCode).toBe(200);
      expect(keyRequests(gateway)).toBe(2);
    } finally {
      await gateway.close();
    }
  });

  it('asks identity again for an unknown key id at most once per interval', async () => {
    const gateway = await startGateway({ jwksRefetchIntervalMs: 60_000 });
    try {
      await gateway.respond('identity.user.get', async () => userOf());
      expect((await meWith(gateway, (await gateway.bearer()).authorization)).statusCode).toBe(200);
      const rotated = await createSigningKey();
      gateway.publishedKeys.push(rotated.publicJwk);
      for (let attempt = 0; attempt < 3; attempt++) {
        const response = await meWith(gateway, `Bearer ${await gateway.signToken({}, { key: rotated })}`);
        expect(response.statusCode).toBe(401);
      }
      expect(keyRequests(gateway)).toBe(1);
    } finally {
      await gateway.close();
    }
  });

  it('passes an error of the key request through with its own status', async () => {
    const gateway = await startGateway();
    try {
      await gateway.identity.close();
      const identity = gateway.broker.connect('identity');
      await identity.handle('identity.keys.get', async () => {
        throw new AppError('unavailable', 'identity is starting');
      });
      const response = await meWith(gateway, (await gateway.bearer()).authorization);
      expect(response.statusCode).toBe(503);
      expect(problemBody(response).detail).toBe('Identity is starting.');
      await identity.close();
    } finally {
      await gateway.close();
    }
  });
});
