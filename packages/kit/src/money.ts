import { currencyExponents, formatMinorUnits } from '@moneypal/contracts';

/*
 * Money is an integer count of a currency's minor units, held as `bigint`. These helpers
 * convert between minor units and the decimal strings that external systems (PayPal)
 * use, by each currency's ISO 4217 exponent as the contracts list it. No floating point
 * is involved anywhere.
 */

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
  return formatMinorUnits(amountMinor, exponentOf(currency));
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
