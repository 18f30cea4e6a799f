import { describe, expect, it } from 'vitest';
import { currencyExponents, formatMinorUnits, paypalCurrencyDecimals } from './currencies.js';

describe('formatMinorUnits', () => {
  it('writes exactly the given number of fraction digits', () => {
    expect(formatMinorUnits(1050n, 2)).toBe('10.50');
    expect(formatMinorUnits(5n, 2)).toBe('0.05');
    expect(formatMinorUnits(0n, 2)).toBe('0.00');
    expect(formatMinorUnits(5n, 0)).toBe('5');
    expect(formatMinorUnits(7n, 3)).toBe('0.007');
  });

  it('keeps the sign of a negative amount', () => {
    expect(formatMinorUnits(-7n, 2)).toBe('-0.07');
    expect(formatMinorUnits(-15n, 0)).toBe('-15');
  });

  it('writes every digit of an amount beyond 2^53', () => {
    expect(formatMinorUnits(123_456_789_012_345_678_901n, 2)).toBe('1234567890123456789.01');
  });
});

describe('paypalCurrencyDecimals', () => {
  it('names only currencies MoneyPal accepts, with no more decimals than ISO 4217 gives them', () => {
    for (const [currency, decimals] of Object.entries(paypalCurrencyDecimals)) {
      expect(currencyExponents[currency], currency).toBeGreaterThanOrEqual(decimals);
    }
  });

  it('takes HUF and TWD in whole units, as PayPal does, and the others at their ISO 4217 decimals', () => {
    expect(Object.keys(paypalCurrencyDecimals)).toHaveLength(24);
    expect(paypalCurrencyDecimals).toMatchObject({ HUF: 0, TWD: 0, JPY: 0, USD: 2, EUR: 2 });
    expect(paypalCurrencyDecimals.BHD).toBeUndefined();
  });
});
