import { describe, expect, it } from 'vitest';
import { describePlanValue, previewSavings } from './savings';

describe('previewSavings', () => {
  it('puts nothing aside without a plan', () => {
    expect(previewSavings(null, 1000n)).toEqual({ kind: 'split', savingsMinor: 0n, mainMinor: 1000n });
  });

  it('puts the flat amount aside from a credit greater than it', () => {
    expect(previewSavings({ kind: 'flat', value: 500 }, 501n)).toEqual({
      kind: 'split',
      savingsMinor: 500n,
      mainMinor: 1n,
    });
  });

  it('refuses a credit that is not greater than the flat amount', () => {
    expect(previewSavings({ kind: 'flat', value: 500 }, 500n)).toEqual({ kind: 'refused', flatMinor: 500n });
    expect(previewSavings({ kind: 'flat', value: 500 }, 1n)).toEqual({ kind: 'refused', flatMinor: 500n });
  });

  it('puts a percentage aside, rounded down to the minor unit', () => {
    // 12.5 % of 999 is 124.875: 124 goes to savings.
    expect(previewSavings({ kind: 'percentage', value: 1250 }, 999n)).toEqual({
      kind: 'split',
      savingsMinor: 124n,
      mainMinor: 875n,
    });
    expect(previewSavings({ kind: 'percentage', value: 1 }, 9_999n)).toEqual({
      kind: 'split',
      savingsMinor: 0n,
      mainMinor: 9_999n,
    });
    expect(previewSavings({ kind: 'percentage', value: 10_000 }, 77n)).toEqual({
      kind: 'split',
      savingsMinor: 77n,
      mainMinor: 0n,
    });
  });

  it('computes in integers where floating point would be off', () => {
    // Math.floor(9007199254740990 * 3333 / 10000) is 3002099511605172: the product is beyond 2^53.
    const credit = 9_007_199_254_740_990n;
    expect(previewSavings({ kind: 'percentage', value: 3333 }, credit)).toEqual({
      kind: 'split',
      savingsMinor: 3_002_099_511_605_171n,
      mainMinor: 6_005_099_743_135_819n,
    });
  });
});

describe('describePlanValue', () => {
  const format = (amountMinor: bigint) => `$${amountMinor}`;

  it('names a flat amount with the currency format and a percentage from basis points', () => {
    expect(describePlanValue({ kind: 'flat', value: 500 }, format)).toBe('$500 of every credit');
    expect(describePlanValue({ kind: 'percentage', value: 1000 }, format)).toBe('10 % of every credit');
    expect(describePlanValue({ kind: 'percentage', value: 1250 }, format)).toBe('12.5 % of every credit');
    expect(describePlanValue({ kind: 'percentage', value: 1205 }, format)).toBe('12.05 % of every credit');
    expect(describePlanValue({ kind: 'percentage', value: 5 }, format)).toBe('0.05 % of every credit');
  });
});
