import { describe, expect, it } from 'vitest';
import { isUuidV7, newId } from './ids.js';

describe('ids', () => {
  it('makes distinct UUIDv7 ids that sort in the order they were made, many within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(ids.every(isUuidV7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, index) => index === 0 || id > ids[index - 1]!)).toBe(true);
  });

  it('draws fresh random bits for every id, past the end of one pool of random bytes', () => {
    const ids = Array.from({ length: 1_000 }, () => newId());
    // The last 12 hex digits are random in every id: no two ids share them.
    expect(new Set(ids.map((id) => id.slice(-12))).size).toBe(ids.length);
  });
});
