import { generateKeyPairSync } from 'node:crypto';
import { accessTokenAudience, accessTokenIssuer } from '@moneypal/contracts';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadSigningKey, signAccessToken } from './access-token.js';

const pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const claims = {
  sub: '0190a000-0000-7000-8000-000000000001',
  role: 'admin' as const,
  sid: '0190a000-0000-7000-8000-000000000002',
};

describe('access tokens', () => {
  it('are verified by the public key set alone, with issuer, audience and expiry', async () => {
    const key = await loadSigningKey(pem());
    const now = new Date('2030-01-01T00:00:00.000Z');
    const token = await signAccessToken(key, claims, now, 900);
    const keySet = createLocalJWKSet({ keys: [key.publicJwk] });
    const { payload, protectedHeader } = await jwtVerify(token, keySet, {
      issuer: accessTokenIssuer,
      audience: accessTokenAudience,
      currentDate: now,
    });
    expect(payload).toEqual({
      ...claims,
      iss: 'moneypal-identity',
      aud: 'moneypal-api',
      iat: 1893456000,
      exp: 1893456900,
    });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: key.kid, typ: 'at+jwt' });
    await expect(
      jwtVerify(token, keySet, {
        issuer: accessTokenIssuer,
        audience: accessTokenAudience,
        currentDate: new Date(now.getTime() + 900_000),
      }),
    ).rejects.toThrow(/exp/);
  });

  it('are refused by another key', async () => {
    const token = await signAccessToken(await loadSigningKey(pem()), claims, new Date(), 900);
    const other = await loadSigningKey(pem());
    await expect(
      jwtVerify(token, createLocalJWKSet({ keys: [{ ...other.publicJwk, kid: undefined }] })),
    ).rejects.toThrow();
  });

  it('name their key by a thumbprint that is stable for one key and publish no private part', async () => {
    const privatePem = pem();
    const first = await loadSigningKey(privatePem);
    const second = await loadSigningKey(privatePem);
    expect(first.kid).toBe(second.kid);
    expect(first.publicJwk).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: expect.any(String),
      kid: first.kid,
      alg: 'EdDSA',
      use: 'sig',
    });
    expect(first.kid).not.toBe((await loadSigningKey(pem())).kid);
  });
});
