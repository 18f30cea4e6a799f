import { createHash, randomBytes } from 'node:crypto';

/** A refresh token as stored: its hash, never the token. */
export interface RefreshTokenRecord {
  id: string;
  family_id: string;
  user_id: string;
  token_hash: string;
  expires_at: Date;
  created_at: Date;
  replaced_by: string | null;
  revoked_at: Date | null;
}

const refreshTokenBytes = 32;

/** An opaque token: 32 random bytes, base64url. */
export function generateRefreshToken(): string {
  return randomBytes(refreshTokenBytes).toString('base64url');
}

/** SHA-256 is enough here: the token is 256 random bits, so there is nothing to brute-force. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function createRefreshTokenRecord(
  input: { id: string; familyId: string; userId: string; tokenHash: string },
  now: Date,
  ttlSeconds: number,
): RefreshTokenRecord {
  return {
    id: input.id,
    family_id: input.familyId,
    user_id: input.userId,
    token_hash: input.tokenHash,
    expires_at: new Date(now.getTime() + ttlSeconds * 1000),
    created_at: now,
    replaced_by: null,
    revoked_at: null,
  };
}

/**
 * What presenting this token means. `reused`: it was already rotated or revoked, so
 * whoever holds it may have stolen it, and the whole family must be revoked.
 */
export type RefreshTokenState = 'active' | 'expired' | 'reused';

export function judgeRefreshToken(token: RefreshTokenRecord, now: Date): RefreshTokenState {
  if (token.replaced_by !== null || token.revoked_at !== null) return 'reused';
  if (token.expires_at.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
