import { describe, expect, it } from 'vitest';
import { splitCredit } from './savings.js';

describe('splitCredit', () => {
  it('puts the whole credit in main when the wallet has no plan', () => {
    expect(splitCredit(1050n, null)).toEqual({ main: 1050n, savings: 0n });
  });

  it('takes the flat amount of a credit larger than it', () => {
    expect(splitCredit(1001n, { kind: 'flat', value: 1000n })).toEqual({ main: 1n, savings: 1000n });
  });

  it('refuses a credit equal to the flat amount', () => {
    expect(() => splitCredit(1000n, { kind: 'flat', value: 1000n })).toThrow(
      expect.objectContaining({ code: 'credit_not_above_savings' }),
    );
  });

  it('refuses a credit smaller than the flat amount', () => {
    expect(() => splitCredit(1n, { kind: 'flat', value: 1000n })).toThrow(
      expect.objectContaining({ code: 'credit_not_above_savings' }),
    );
  });

  it('takes a percentage in basis points, rounded down to the minor unit', () => {
    // 12.5 % of 999 is 124.875: savings get 124, main gets the 875 left.
    expect(splitCredit(999n, { kind: 'percentage', value: 1250n })).toEqual({ main: 875n, savings: 124n });
    // 1 basis point of 9999 is 0.9999: nothing goes to savings.
    expect(splitCredit(9999n, { kind: 'percentage', value: 1n })).toEqual({ main: 9999n, savings: 0n });
  });

  it('takes everything at 100 %', () => {
    expect(splitCredit(777n, { kind: 'percentage', value: 10_000n })).toEqual({ main: 0n, savings: 777n });
  });

  it('splits amounts beyond 2^53 exactly', () => {
    const amount = 2n ** 60n + 7n;
    const split = splitCredit(amount, { kind: 'percentage', value: 3333n });
    expect(split.savings).toBe((amount * 3333n) / 10_000n);
    expect(split.main + split.savings).toBe(amount);
  });

  it('refuses a credit that is not positive, as a bug', () => {
    expect(() => splitCredit(0n, null)).toThrow(RangeError);
  });
});
