import { describe, expect, it } from 'vitest';
import { exponentOf, formatMinor, isSupportedCurrency, parseMinor, toSafeNumber } from './money.js';

describe('formatMinor', () => {
  it('formats minor units with the exponent of the currency', () => {
    expect(formatMinor(1050n, 'USD')).toBe('10.50');
    expect(formatMinor(5n, 'USD')).toBe('0.05');
    expect(formatMinor(0n, 'EUR')).toBe('0.00');
    expect(formatMinor(5n, 'JPY')).toBe('5');
    expect(formatMinor(1234n, 'KWD')).toBe('1.234');
    expect(formatMinor(7n, 'KWD')).toBe('0.007');
  });

  it('formats negative amounts with a leading minus sign', () => {
    expect(formatMinor(-7n, 'USD')).toBe('-0.07');
    expect(formatMinor(-123456n, 'USD')).toBe('-1234.56');
    expect(formatMinor(-15n, 'JPY')).toBe('-15');
  });

  it('formats amounts beyond 2^53 exactly', () => {
    expect(formatMinor(123456789012345678901n, 'USD')).toBe('1234567890123456789.01');
  });

  it('refuses an unsupported currency', () => {
    expect(() => formatMinor(1n, 'XXX')).toThrow(RangeError);
    expect(() => formatMinor(1n, 'usd')).toThrow(RangeError);
  });
});

describe('parseMinor', () => {
  it('parses decimal strings into minor units', () => {
    expect(parseMinor('10.50', 'USD')).toBe(1050n);
    expect(parseMinor('10.5', 'USD')).toBe(1050n);
    expect(parseMinor('10', 'USD')).toBe(1000n);
    expect(parseMinor('0.01', 'USD')).toBe(1n);
    expect(parseMinor('500', 'JPY')).toBe(500n);
    expect(parseMinor('1.234', 'KWD')).toBe(1234n);
  });

  it('parses negative amounts', () => {
    expect(parseMinor('-0.07', 'USD')).toBe(-7n);
    expect(parseMinor('-15', 'JPY')).toBe(-15n);
  });

  it('round-trips what formatMinor produces', () => {
    for (const [amountMinor, currency] of [
      [0n, 'USD'],
      [-1n, 'EUR'],
      [99999999999n, 'KWD'],
      [42n, 'JPY'],
    ] as const) {
      expect(parseMinor(formatMinor(amountMinor, currency), currency)).toBe(amountMinor);
    }
  });

  it('refuses more fraction digits than the currency has', () => {
    expect(() => parseMinor('10.505', 'USD')).toThrow(/at most 2 fraction digits/);
    expect(() => parseMinor('1.5', 'JPY')).toThrow(/at most 0 fraction digits/);
    expect(() => parseMinor('1.2345', 'KWD')).toThrow(/at most 3 fraction digits/);
  });

  it('refuses anything that is not a plain decimal number', () => {
    for (const garbage of [
      '',
      ' 1.00',
      '1.00 ',
      '1,00',
      '1.',
      '.5',
      '+1',
      '1e3',
      '0x10',
      'NaN',
      'Infinity',
      '--1',
      '1.2.3',
      '١٢',
    ]) {
      expect(() => parseMinor(garbage, 'USD'), garbage).toThrow(RangeError);
    }
  });

  it('refuses an unsupported currency, including names inherited by every object', () => {
    expect(() => parseMinor('1', 'XXX')).toThrow(/unsupported currency/);
    expect(() => parseMinor('1', 'constructor')).toThrow(/unsupported currency/);
    expect(() => exponentOf('__proto__')).toThrow(/unsupported currency/);
    expect(isSupportedCurrency('toString')).toBe(false);
  });
});

describe('toSafeNumber', () => {
  it('converts amounts within the safe integer range', () => {
    expect(toSafeNumber(0n)).toBe(0);
    expect(toSafeNumber(9007199254740991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(toSafeNumber(-9007199254740991n)).toBe(-Number.MAX_SAFE_INTEGER);
  });

  it('refuses amounts a JSON number cannot carry exactly', () => {
    expect(() => toSafeNumber(9007199254740992n)).toThrow(RangeError);
    expect(() => toSafeNumber(-9007199254740992n)).toThrow(RangeError);
  });
});
