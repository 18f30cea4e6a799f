import { randomUUID } from 'node:crypto';
import type { AccessClaims } from '@moneypal/contracts';
import { accessTokenAudience, accessTokenIssuer } from '@moneypal/contracts';
import { MemoryBroker, type MemoryBus } from '@moneypal/kit';
import type { FastifyRequest } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AccessTokenVerifier, createAccessTokenVerifier, verifiedClaimsOf } from './access-token.js';

describe('the access token verifier', () => {
  let broker: MemoryBroker;
  let identity: MemoryBus;
  let gateway: MemoryBus;
  let keyFetches: number;
  let nowMs: number;
  /** The ended sessions, as the gateway's deny-list holds them. */
  let ended: Set<string>;
  const revocations = { isRevoked: (sessionId: string) => ended.has(sessionId), stop: () => {} };

  async function signingKey() {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const kid = randomUUID();
    return { privateKey, kid, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' } };
  }

  async function tokenOf(
    key: Awaited<ReturnType<typeof signingKey>>,
    expiresAtSeconds: number,
    sid: string = randomUUID(),
  ) {
    return new SignJWT({ role: 'user', sid })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setSubject(randomUUID())
      .setIssuer(accessTokenIssuer)
      .setAudience(accessTokenAudience)
      .setIssuedAt(Math.floor(nowMs / 1000))
      .setExpirationTime(expiresAtSeconds)
      .sign(key.privateKey);
  }

  beforeEach(() => {
    broker = new MemoryBroker();
    identity = broker.connect('identity');
    gateway = broker.connect('gateway');
    keyFetches = 0;
    nowMs = Date.now();
    ended = new Set();
  });

  afterEach(async () => {
    await identity.close();
    await gateway.close();
    broker.shutdown();
  });

  it('refuses a remembered token once it expires', async () => {
    const key = await signingKey();
    await identity.handle('identity.keys.get', async () => {
      keyFetches += 1;
      return { keys: [key.publicJwk] };
    });
    const verifier = createAccessTokenVerifier({
      bus: gateway,
      refetchIntervalMs: 0,
      timeoutMs: 1_000,
      revocations,
      now: () => nowMs,
    });
    const expiresAtSeconds = Math.floor(nowMs / 1000) + 60;
    const token = await tokenOf(key, expiresAtSeconds);

    const claims = await verifier.verify(token, 'r1');
    expect(await verifier.verify(token, 'r2')).toEqual(claims);
    nowMs = expiresAtSeconds * 1000;
    await expect(verifier.verify(token, 'r3')).rejects.toMatchObject({ code: 'token_expired' });
  });

  it('refuses a token, remembered or not, once its session has ended', async () => {
    const key = await signingKey();
    await identity.handle('identity.keys.get', async () => ({ keys: [key.publicJwk] }));
    const verifier = createAccessTokenVerifier({
      bus: gateway,
      refetchIntervalMs: 0,
      timeoutMs: 1_000,
      revocations,
      now: () => nowMs,
    });
    const sessionId = randomUUID();
    const remembered = await tokenOf(key, Math.floor(nowMs / 1000) + 600, sessionId);
    const fresh = await tokenOf(key, Math.floor(nowMs / 1000) + 601, sessionId);
    await verifier.verify(remembered, 'r1');
    ended.add(sessionId);
    for (const token of [remembered, fresh]) {
      await expect(verifier.verify(token, 'r2')).rejects.toMatchObject({
        code: 'token_invalid',
        message: 'The session has ended; log in again.',
      });
    }
    // Another session of the same user is untouched.
    await expect(
      verifier.verify(await tokenOf(key, Math.floor(nowMs / 1000) + 600), 'r3'),
    ).resolves.toBeDefined();
  });

  it('forgets remembered tokens when identity’s key set changes', async () => {
    const oldKey = await signingKey();
    const newKey = await signingKey();
    let keys = [oldKey.publicJwk];
    await identity.handle('identity.keys.get', async () => {
      keyFetches += 1;
      return { keys };
    });
    const verifier = createAccessTokenVerifier({
      bus: gateway,
      refetchIntervalMs: 0,
      timeoutMs: 1_000,
      revocations,
      now: () => nowMs,
    });
    const oldToken = await tokenOf(oldKey, Math.floor(nowMs / 1000) + 600);
    await verifier.verify(oldToken, 'r1');

    // Identity drops the old key; a token under the new key makes the gateway fetch the set again.
    keys = [newKey.publicJwk];
    await verifier.verify(await tokenOf(newKey, Math.floor(nowMs / 1000) + 600), 'r2');
    expect(keyFetches).toBe(2);
    await expect(verifier.verify(oldToken, 'r3')).rejects.toMatchObject({ code: 'token_invalid' });
  });
});

describe('the claims of a request', () => {
  const claims: AccessClaims = { sub: randomUUID(), role: 'user', sid: randomUUID() };
  let verifications: string[];
  const verifier: AccessTokenVerifier = {
    verify: async (token) => {
      verifications.push(token);
      if (token === 'bad') throw new Error('refused');
      return claims;
    },
  };
  const requestOf = (id: string) => ({ id }) as FastifyRequest;
  beforeEach(() => {
    verifications = [];
  });

  it('verifies a request’s token once however many hooks ask', async () => {
    const request = requestOf('r1');
    expect(await verifiedClaimsOf(verifier, request, 'good')).toEqual(claims);
    expect(await verifiedClaimsOf(verifier, request, 'good')).toEqual(claims);
    expect(verifications).toEqual(['good']);
  });

  it('verifies each request, and another token of the same request, on its own', async () => {
    await verifiedClaimsOf(verifier, requestOf('r1'), 'good');
    await verifiedClaimsOf(verifier, requestOf('r2'), 'good');
    const request = requestOf('r3');
    await verifiedClaimsOf(verifier, request, 'good');
    await expect(verifiedClaimsOf(verifier, request, 'bad')).rejects.toThrow('refused');
    expect(verifications).toEqual(['good', 'good', 'good', 'bad']);
  });

  it('refuses a refused token every time it is asked within the request', async () => {
    const request = requestOf('r1');
    await expect(verifiedClaimsOf(verifier, request, 'bad')).rejects.toThrow('refused');
    await expect(verifiedClaimsOf(verifier, request, 'bad')).rejects.toThrow('refused');
  });
});
