import { describe, expect, it } from 'vitest';
import { formatAmountValue, isPayPalCurrency, parseAmountValue, proportionOf } from './money.js';

describe('PayPal amounts', () => {
  it.each([
    ['10.50', 'USD', 1050n],
    ['10.5', 'USD', 1050n],
    ['10', 'USD', 1000n],
    ['.5', 'USD', 50n],
    ['0.01', 'EUR', 1n],
    ['1050', 'JPY', 1050n],
    ['-7.00', 'USD', -700n],
    ['90071992547409930.00', 'USD', 9007199254740993000n],
  ])('reads %s %s as %s minor units', (value, currency, minor) => {
    expect(parseAmountValue(value, currency)).toEqual({ ok: true, minor });
  });

  it.each([
    ['10.505', 'USD', 'DECIMAL_PRECISION'],
    ['10.50', 'JPY', 'DECIMALS_NOT_SUPPORTED'],
    ['1050.', 'JPY', 'INVALID_PARAMETER_SYNTAX'],
    ['1,050', 'USD', 'INVALID_PARAMETER_SYNTAX'],
    ['1e3', 'USD', 'INVALID_PARAMETER_SYNTAX'],
    [' 1.00', 'USD', 'INVALID_PARAMETER_SYNTAX'],
    ['', 'USD', 'INVALID_PARAMETER_SYNTAX'],
    ['1'.repeat(33), 'USD', 'INVALID_STRING_LENGTH'],
  ])('refuses %j %s with %s', (value, currency, issue) => {
    expect(parseAmountValue(value, currency)).toEqual({ ok: false, issue });
  });

  it.each([
    [1050n, 'USD', '10.50'],
    [5n, 'USD', '0.05'],
    [-7n, 'USD', '-0.07'],
    [1050n, 'JPY', '1050'],
    [100n, 'HUF', '100'],
  ])('writes %s %s as %s', (minor, currency, value) => {
    expect(formatAmountValue(minor, currency)).toBe(value);
  });

  it('knows only PayPal’s currencies, not names inherited from Object', () => {
    expect(isPayPalCurrency('USD')).toBe(true);
    expect(isPayPalCurrency('KWD')).toBe(false);
    expect(isPayPalCurrency('constructor')).toBe(false);
    expect(() => formatAmountValue(1n, '__proto__')).toThrow(RangeError);
  });

  it('rounds a proportion half up', () => {
    expect(proportionOf(1050n, 349n, 10_000n)).toBe(37n);
    expect(proportionOf(1n, 1n, 2n)).toBe(1n);
    expect(proportionOf(1n, 1n, 3n)).toBe(0n);
  });
});
