/**
 * Money is an integer count of a currency's minor units, held as `bigint`. These helpers
 * convert between minor units and the decimal strings that external systems (PayPal)
 * use, by each currency's ISO 4217 exponent. No floating point is involved anywhere.
 */

/** ISO 4217 minor-unit exponents for the currencies MoneyPal accepts. */
export const currencyExponents: Readonly<Record<string, number>> = {
  AUD: 2,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CNY: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 2,
  ILS: 2,
  INR: 2,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  MXN: 2,
  MYR: 2,
  NOK: 2,
  NZD: 2,
  PHP: 2,
  PLN: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TWD: 2,
  USD: 2,
  BHD: 3,
  JOD: 3,
  TND: 3,
  ZAR: 2,
  TRY: 2,
  IDR: 2,
  VND: 0,
  CLP: 0,
  ISK: 0,
  UGX: 0,
};

export const maxSafeMinor = BigInt(Number.MAX_SAFE_INTEGER);

export function isSupportedCurrency(code: string): boolean {
  return Object.hasOwn(currencyExponents, code);
}

export function exponentOf(currency: string): number {
  // `hasOwn`, not a lookup alone: `constructor` or `__proto__` must not pass for a currency.
  if (!isSupportedCurrency(currency)) throw new RangeError(`unsupported currency ${currency}`);
  return currencyExponents[currency]!;
}

/** `1050n, 'USD'` → `'10.50'`; `5n, 'JPY'` → `'5'`; `-7n, 'USD'` → `'-0.07'`. */
export function formatMinor(amountMinor: bigint, currency: string): string {
  const exponent = exponentOf(currency);
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

/**
 * `'10.50', 'USD'` → `1050n`. Refuses more fraction digits than the currency has, and
 * anything that is not a plain decimal number.
 */
export function parseMinor(decimal: string, currency: string): bigint {
  const exponent = exponentOf(currency);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) throw new RangeError(`not a decimal amount: ${JSON.stringify(decimal)}`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > exponent) {
    throw new RangeError(`${currency} takes at most ${exponent} fraction digits: ${decimal}`);
  }
  const minor = BigInt(`${whole}${fraction.padEnd(exponent, '0')}`);
  return sign === '-' ? -minor : minor;
}

/** The bigint to put in JSON: refuses what a JSON number cannot carry exactly. */
export function toSafeNumber(amountMinor: bigint): number {
  if (amountMinor > maxSafeMinor || amountMinor < -maxSafeMinor) {
    throw new RangeError(`amount ${amountMinor} is beyond 2^53-1`);
  }
  return Number(amountMinor);
}
