import { describe, expect, it } from 'vitest';
import {
  createRefreshTokenRecord,
  generateRefreshToken,
  hashRefreshToken,
  judgeRefreshToken,
} from './refresh-token.js';

const now = new Date('2030-01-01T00:00:00.000Z');
const record = (changes = {}) => ({
  ...createRefreshTokenRecord({ id: 't1', familyId: 'f1', userId: 'u1', tokenHash: 'h' }, now, 60),
  ...changes,
});

describe('refresh tokens', () => {
  it('are 32 random bytes in base64url, never twice the same', () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateRefreshToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('are stored as their SHA-256 in hex', () => {
    expect(hashRefreshToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('expire after their time to live', () => {
    expect(record().expires_at.toISOString()).toBe('2030-01-01T00:01:00.000Z');
    expect(judgeRefreshToken(record(), new Date(now.getTime() + 59_999))).toBe('active');
    expect(judgeRefreshToken(record(), new Date(now.getTime() + 60_000))).toBe('expired');
  });

  it('count as reused once replaced or revoked, even after expiry', () => {
    expect(judgeRefreshToken(record({ replaced_by: 't2' }), now)).toBe('reused');
    expect(judgeRefreshToken(record({ revoked_at: now }), now)).toBe('reused');
    expect(judgeRefreshToken(record({ replaced_by: 't2' }), new Date(now.getTime() + 120_000))).toBe(
      'reused',
    );
  });
});
