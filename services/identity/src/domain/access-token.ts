import { createPrivateKey, createPublicKey } from 'node:crypto';
import {
  type AccessClaims,
  accessTokenAlgorithm,
  accessTokenAudience,
  accessTokenIssuer,
} from '@moneypal/contracts';
import { type CryptoKey, calculateJwkThumbprint, importPKCS8, type JWK, SignJWT } from 'jose';

export interface SigningKey {
  privateKey: CryptoKey;
  /** The RFC 7638 thumbprint of the public key: stable for one key, new for a new key. */
  kid: string;
  /** The public half as a JWK with `kid`, `alg` and `use`, as `identity.keys.get` hands it out. */
  publicJwk: JWK;
}

/** Loads an Ed25519 PKCS#8 PEM private key and derives its public JWK and key id. */
export async function loadSigningKey(pem: string): Promise<SigningKey> {
  const publicKey = createPublicKey(createPrivateKey({ key: pem, format: 'pem' }));
  const { kty, crv, x } = publicKey.export({ format: 'jwk' });
  const thumbprintInput: JWK = { kty, crv, x };
  const kid = await calculateJwkThumbprint(thumbprintInput);
  const privateKey = await importPKCS8(pem, accessTokenAlgorithm);
  return { privateKey, kid, publicJwk: { ...thumbprintInput, kid, alg: accessTokenAlgorithm, use: 'sig' } };
}

/** A signed access token: claims `sub`, `role`, `sid`, `iss`, `aud`, `iat`, `exp`; header `kid`. */
export function signAccessToken(
  key: SigningKey,
  claims: AccessClaims,
  now: Date,
  ttlSeconds: number,
): Promise<string> {
  const issuedAtSeconds = Math.floor(now.getTime() / 1000);
  return new SignJWT({ role: claims.role, sid: claims.sid })
    .setProtectedHeader({ alg: accessTokenAlgorithm, kid: key.kid, typ: 'at+jwt' })
    .setSubject(claims.sub)
    .setIssuer(accessTokenIssuer)
    .setAudience(accessTokenAudience)
    .setIssuedAt(issuedAtSeconds)
    .setExpirationTime(issuedAtSeconds + ttlSeconds)
    .sign(key.privateKey);
}
