import { describe, expect, it } from 'vitest';
import { canonicalJson, hashCanonicalJson } from './idempotency.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps arrays in order', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[2,{"c":2,"d":1}]}');
  });

  it('leaves out undefined fields and writes an undefined item as null', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });
});

describe('hashCanonicalJson', () => {
  it('hashes objects that differ only in key order alike', () => {
    expect(hashCanonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(
      hashCanonicalJson({ b: { d: 3, c: 2 }, a: 1 }),
    );
  });

  it('hashes different values differently, as 64 hex digits', () => {
    expect(hashCanonicalJson({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCanonicalJson({ a: 1 })).not.toBe(hashCanonicalJson({ a: 2 }));
  });
});
