import { describe, expect, it } from 'vitest';
import { i18n } from './i18n';
import {
  currencyAffixOf,
  exponentOf,
  formatMoney,
  isLargeAmount,
  parseAmount,
  separatorsOf,
  toDecimalString,
  toWireAmount,
} from './money';

/** Intl puts a no-break space between some amounts and their symbols; tests compare plain spaces. */
const plain = (text: string) => text.replace(/\u00a0|\u202f/g, ' ');

describe('toDecimalString', () => {
  it('places the decimal point by the currency exponent', () => {
    expect(toDecimalString(1050n, 'USD')).toBe('10.50');
    expect(toDecimalString(5n, 'USD')).toBe('0.05');
    expect(toDecimalString(5n, 'JPY')).toBe('5');
    expect(toDecimalString(1234n, 'KWD')).toBe('1.234');
    expect(toDecimalString(7n, 'KWD')).toBe('0.007');
    expect(toDecimalString(-7n, 'USD')).toBe('-0.07');
    expect(toDecimalString(0n, 'EUR')).toBe('0.00');
  });

  it('keeps every digit of amounts beyond 2^53', () => {
    expect(toDecimalString(123_456_789_012_345_678_901n, 'USD')).toBe('1234567890123456789.01');
  });
});

describe('formatMoney', () => {
  it('formats by the exponent of the currency, in the given locale', () => {
    expect(formatMoney(1050, 'USD', { locale: 'en-US' })).toBe('$10.50');
    expect(formatMoney(1050, 'JPY', { locale: 'en-US' })).toBe('¥1,050');
    expect(plain(formatMoney(1234, 'KWD', { locale: 'en-US' }))).toBe('KWD 1.234');
    expect(plain(formatMoney(123456, 'EUR', { locale: 'de-DE' }))).toBe('1.234,56 €');
  });

  it('shows amounts that floats would distort exactly', () => {
    // 0.1 + 0.2 in floating point is 0.30000000000000004; in minor units it is 30.
    expect(formatMoney(10 + 20, 'USD', { locale: 'en-US' })).toBe('$0.30');
    expect(formatMoney(1999n * 3n, 'USD', { locale: 'en-US' })).toBe('$59.97');
    expect(formatMoney(1005, 'USD', { locale: 'en-US' })).toBe('$10.05');
  });

  it('shows the largest API amount with every digit', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD', { locale: 'en-US' })).toBe('$90,071,992,547,409.91');
    expect(plain(formatMoney(Number.MAX_SAFE_INTEGER, 'KWD', { locale: 'en-US' }))).toBe(
      'KWD 9,007,199,254,740.991',
    );
    expect(formatMoney(10n ** 20n + 1n, 'USD', { locale: 'en-US' })).toBe('$1,000,000,000,000,000,000.01');
  });

  it('signs amounts when asked, and negative ones always', () => {
    expect(formatMoney(250, 'USD', { locale: 'en-US', signed: true })).toBe('+$2.50');
    expect(formatMoney(-250, 'USD', { locale: 'en-US', signed: true })).toBe('-$2.50');
    expect(formatMoney(-250, 'USD', { locale: 'en-US' })).toBe('-$2.50');
    expect(formatMoney(0, 'USD', { locale: 'en-US', signed: true })).toBe('$0.00');
  });
});

describe('exponentOf', () => {
  it('knows the server’s currencies and asks the browser about others', () => {
    expect(exponentOf('USD')).toBe(2);
    expect(exponentOf('JPY')).toBe(0);
    expect(exponentOf('BHD')).toBe(3);
    expect(exponentOf('OMR')).toBe(3);
  });
});

describe('parseAmount', () => {
  it('reads decimals exactly into minor units', () => {
    expect(parseAmount('12.5', 'USD')).toEqual({ ok: true, amountMinor: 1250n });
    expect(parseAmount('12.50', 'USD')).toEqual({ ok: true, amountMinor: 1250n });
    expect(parseAmount('0.29', 'USD')).toEqual({ ok: true, amountMinor: 29n });
    expect(parseAmount('  7 ', 'USD')).toEqual({ ok: true, amountMinor: 700n });
    expect(parseAmount('.5', 'USD')).toEqual({ ok: true, amountMinor: 50n });
    expect(parseAmount('12,5', 'EUR')).toEqual({ ok: true, amountMinor: 1250n });
    expect(parseAmount('1200', 'JPY')).toEqual({ ok: true, amountMinor: 1200n });
    expect(parseAmount('1.005', 'KWD')).toEqual({ ok: true, amountMinor: 1005n });
  });

  it('refuses more decimals than the currency has', () => {
    expect(parseAmount('12.345', 'USD')).toEqual({
      ok: false,
      message: 'USD amounts have at most 2 decimals.',
    });
    expect(parseAmount('12.5', 'JPY')).toEqual({ ok: false, message: 'JPY amounts have no decimals.' });
    expect(parseAmount('1.0005', 'KWD')).toEqual({
      ok: false,
      message: 'KWD amounts have at most 3 decimals.',
    });
  });

  it('accepts thousands grouped the way the locale writes them', () => {
    expect(parseAmount('1,000', 'USD', 'en-US')).toEqual({ ok: true, amountMinor: 100_000n });
    expect(parseAmount('1,000.50', 'USD', 'en-US')).toEqual({ ok: true, amountMinor: 100_050n });
    expect(parseAmount('1,234,567.89', 'USD', 'en-US')).toEqual({ ok: true, amountMinor: 123_456_789n });
    expect(parseAmount('1 000,50', 'EUR', 'fr-FR')).toEqual({ ok: true, amountMinor: 100_050n });
    // What fr-FR formats itself: a narrow no-break space between the thousands.
    expect(parseAmount('1\u202f000,50', 'EUR', 'fr-FR')).toEqual({ ok: true, amountMinor: 100_050n });
    expect(parseAmount('1\u00a0000', 'EUR', 'fr-FR')).toEqual({ ok: true, amountMinor: 100_000n });
    expect(parseAmount('1.000,50', 'EUR', 'de-DE')).toEqual({ ok: true, amountMinor: 100_050n });
    expect(parseAmount('1.000', 'EUR', 'de-DE')).toEqual({ ok: true, amountMinor: 100_000n });
    expect(parseAmount('5 000', 'USD', 'en-US')).toEqual({ ok: true, amountMinor: 500_000n });
    expect(parseAmount('1,000', 'JPY', 'en-US')).toEqual({ ok: true, amountMinor: 1_000n });
    // Where the mark cannot group thousands, it is the decimal mark, whatever the locale.
    expect(parseAmount('12,5', 'EUR', 'en-US')).toEqual({ ok: true, amountMinor: 1_250n });
    expect(parseAmount('12.5', 'EUR', 'fr-FR')).toEqual({ ok: true, amountMinor: 1_250n });
  });

  it('reads a lone mark before three digits as the locale reads it', () => {
    expect(parseAmount('1,000', 'KWD', 'en-US')).toEqual({ ok: true, amountMinor: 1_000_000n });
    expect(parseAmount('1,000', 'KWD', 'fr-FR')).toEqual({ ok: true, amountMinor: 1_000n });
    expect(parseAmount('1,000', 'USD', 'fr-FR')).toEqual({
      ok: false,
      message: 'USD amounts have at most 2 decimals.',
    });
  });

  it('refuses thousands not grouped in threes, with an example in the locale', () => {
    expect(parseAmount('1,00,000', 'USD', 'en-US')).toEqual({
      ok: false,
      message: 'Group thousands in threes, or not at all, such as 1,234.50.',
    });
    expect(parseAmount('1.2.3', 'EUR', 'fr-FR')).toEqual({
      ok: false,
      message: 'Group thousands in threes, or not at all, such as 1\u202f234,50.',
    });
    expect(parseAmount('12 ,5', 'USD', 'en-US')).toMatchObject({ ok: false });
  });

  it('refuses what is not a plain positive amount', () => {
    for (const input of ['abc', '-5', '+5', '1e3', '$5', '.', ',', '1.000.00', '0x10', '١٢']) {
      expect(parseAmount(input, 'USD', 'en-US')).toMatchObject({ ok: false });
    }
    expect(parseAmount('abc', 'USD', 'en-US')).toEqual({
      ok: false,
      message: 'Enter the amount in digits, such as 1,234.50.',
    });
    expect(parseAmount('', 'USD')).toEqual({ ok: false, message: 'Enter an amount.' });
    expect(parseAmount('0.00', 'USD')).toEqual({ ok: false, message: 'Enter an amount greater than zero.' });
  });

  it('accepts up to 2^53-1 minor units and refuses more', () => {
    expect(parseAmount('90071992547409.91', 'USD')).toEqual({
      ok: true,
      amountMinor: 9_007_199_254_740_991n,
    });
    expect(parseAmount('90071992547409.92', 'USD')).toEqual({
      ok: false,
      message: 'That amount is too large.',
    });
  });
});

describe('toWireAmount', () => {
  it('gives the JSON number of a safe amount and refuses a larger one', () => {
    expect(toWireAmount(9_007_199_254_740_991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toWireAmount(9_007_199_254_740_992n)).toThrow(RangeError);
  });
});

describe('separatorsOf and currencyAffixOf', () => {
  it('learn the marks and the currency’s place from the locale', () => {
    expect(separatorsOf('en-US')).toEqual({ group: ',', decimal: '.' });
    expect(separatorsOf('fr-FR')).toEqual({ group: '\u202f', decimal: ',' });
    expect(separatorsOf('de-DE')).toEqual({ group: '.', decimal: ',' });
    expect(currencyAffixOf('USD', 'en-US')).toEqual({ prefix: '$', suffix: '' });
    expect(currencyAffixOf('EUR', 'fr-FR')).toEqual({ prefix: '', suffix: '€' });
    expect(currencyAffixOf('JPY', 'en-US')).toEqual({ prefix: '¥', suffix: '' });
  });
});

describe('isLargeAmount', () => {
  it('calls 10,000 or more in the currency’s major units large', () => {
    expect(isLargeAmount(999_999n, 'USD')).toBe(false);
    expect(isLargeAmount(1_000_000n, 'USD')).toBe(true);
    expect(isLargeAmount(9_999n, 'JPY')).toBe(false);
    expect(isLargeAmount(10_000n, 'JPY')).toBe(true);
    expect(isLargeAmount(10_000_000n, 'KWD')).toBe(true);
    expect(isLargeAmount(9_999_999n, 'KWD')).toBe(false);
  });
});

describe('money in the chosen language', () => {
  it('is written and read the French way when the app speaks French, with no locale given', async () => {
    await i18n.changeLanguage('fr');
    try {
      expect(formatMoney(100_050n, 'EUR').replace(/\s/g, ' ')).toBe('1 000,50 €');
      expect(parseAmount('1 000,50', 'EUR')).toEqual({ ok: true, amountMinor: 100_050n });
      expect(parseAmount('12,345', 'EUR')).toEqual({
        ok: false,
        message: 'Les montants en EUR ont au plus 2 décimales.',
      });
      expect(parseAmount('', 'EUR')).toEqual({ ok: false, message: 'Saisissez un montant.' });
    } finally {
      await i18n.changeLanguage('en');
    }
    expect(formatMoney(100_050n, 'EUR', { locale: 'en-US' })).toBe('€1,000.50');
    expect(parseAmount('12.345', 'EUR', 'en-US')).toEqual({
      ok: false,
      message: 'EUR amounts have at most 2 decimals.',
    });
  });
});
