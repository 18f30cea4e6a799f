import {
  type AccessClaims,
  accessClaims,
  accessTokenAlgorithm,
  accessTokenAudience,
  accessTokenIssuer,
  identityRequests,
} from '@moneypal/contracts';
import { AppError, type Bus, call } from '@moneypal/kit';
import type { FastifyRequest } from 'fastify';
import {
  createLocalJWKSet,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWSHeaderParameters,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import type { SessionRevocations } from './session-revocations.js';

/** What a client is told of an access token past its expiry, and of one that is not valid at all. */
export const expiredTokenDetail = 'The access token has expired: get a new one from POST /v1/auth/refresh.';
export const invalidTokenDetail = 'The access token is not valid: log in again to get a new one.';

/** Longer than any token identity issues; refusing early keeps junk away from the parser. */
const maxTokenLength = 4096;
/** Verified tokens remembered; a client reuses its token for many requests until it expires. */
const maxRememberedTokens = 10_000;

type KeyResolver = ReturnType<typeof createLocalJWKSet>;

export interface AccessTokenVerifierOptions {
  bus: Bus;
  /** The shortest time between two key fetches caused by a token with an unknown key id. */
  refetchIntervalMs: number;
  /** How long to wait for identity's key set. */
  timeoutMs: number;
  /** The sessions that ended: their tokens are refused before they expire. */
  revocations: SessionRevocations;
  now?: () => number;
}

export interface AccessTokenVerifier {
  /**
   * The verified claims of a token whose session has not ended; `token_expired` (refresh)
   * or `token_invalid` (log in again) otherwise, and `unavailable` when the keys or the
   * ended sessions cannot be fetched.
   */
  verify(token: string, requestId: string): Promise<AccessClaims>;
}

/**
 * Verifies access tokens against identity's public key set, fetched over the bus. The set is
 * cached; a token signed with a key id the cache does not know (identity rotated its key)
 * causes a refetch, at most once per `refetchIntervalMs`, so forged key ids cannot flood
 * identity with key requests.
 */
export function createAccessTokenVerifier({
  bus,
  refetchIntervalMs,
  timeoutMs,
  revocations,
  now = Date.now,
}: AccessTokenVerifierOptions): AccessTokenVerifier {
  let resolver: KeyResolver | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<KeyResolver> | undefined;
  /**
   * The claims of tokens verified before, until their `exp`: verifying a signature costs
   * more than the rest of a request. Emptied when the key set changes, so a token signed
   * with a key identity dropped is verified (and refused) again.
   */
  const verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>();

  function fetchKeys(requestId: string): Promise<KeyResolver> {
    inFlight ??= call(bus, identityRequests.keys, {}, { requestId, timeoutMs })
      .then((reply) => {
        resolver = createLocalJWKSet(reply as JSONWebKeySet);
        fetchedAt = now();
        verified.clear();
        return resolver;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  async function resolveKey(requestId: string, header: JWSHeaderParameters, token: FlattenedJWSInput) {
    const current = resolver ?? (await fetchKeys(requestId));
    try {
      return await current(header, token);
    } catch (error) {
      const unknownKey = error instanceof joseErrors.JWKSNoMatchingKey;
      if (!unknownKey || now() - fetchedAt < refetchIntervalMs) throw error;
      return (await fetchKeys(requestId))(header, token);
    }
  }

  async function unlessRevoked(claims: AccessClaims, requestId: string): Promise<AccessClaims> {
    if (await revocations.isRevoked(claims.sid, requestId)) {
      throw new AppError('token_invalid', 'The session has ended; log in again.');
    }
    return claims;
  }

  return {
    async verify(token, requestId) {
      if (token.length === 0 || token.length > maxTokenLength) {
        throw new AppError('token_invalid', invalidTokenDetail);
      }
      const remembered = verified.get(token);
      if (remembered !== undefined) {
        if (now() < remembered.expiresAtMs) return unlessRevoked(remembered.claims, requestId);
        verified.delete(token);
      }
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, (header, input) => resolveKey(requestId, header, input), {
          issuer: accessTokenIssuer,
          audience: accessTokenAudience,
          algorithms: [accessTokenAlgorithm],
          requiredClaims: ['exp', 'sub'],
          currentDate: new Date(now()),
        }));
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (error instanceof joseErrors.JWTExpired) {
          throw new AppError('token_expired', expiredTokenDetail);
        }
        if (error instanceof joseErrors.JOSEError) {
          throw new AppError('token_invalid', invalidTokenDetail);
        }
        throw error;
      }
      const claims = accessClaims.safeParse(payload);
      if (!claims.success) throw new AppError('token_invalid', invalidTokenDetail);
      // jose refuses a token once the clock reaches `exp` (in seconds), as the check above does.
      const { exp } = payload as { exp: number };
      if (verified.size >= maxRememberedTokens) verified.clear();
      verified.set(token, { claims: claims.data, expiresAtMs: exp * 1000 });
      return unlessRevoked(claims.data, requestId);
    },
  };
}

const verification = Symbol('access token verification');
type VerifiedRequest = FastifyRequest & { [verification]?: { token: string; claims: Promise<AccessClaims> } };

/**
 * The verified claims of a request's access token, asked of the verifier once per request:
 * the rate limits (to count by user) and the route's guard both need them.
 */
export function verifiedClaimsOf(
  verifier: AccessTokenVerifier,
  request: FastifyRequest,
  token: string,
): Promise<AccessClaims> {
  const verified = request as VerifiedRequest;
  const earlier = verified[verification];
  if (earlier !== undefined && earlier.token === token) return earlier.claims;
  const claims = verifier.verify(token, request.id);
  verified[verification] = { token, claims };
  return claims;
}
