import { formatMinorUnits, paypalCurrencyDecimals } from '@moneypal/contracts';

/*
 * PayPal amounts are decimal strings; the simulator keeps them as `bigint` minor units.
 * The exponents are PayPal's decimals (`paypalCurrencyDecimals`), not ISO 4217's.
 */

/** PayPal's pattern for `amount.value`; anything else is `INVALID_PARAMETER_SYNTAX`. */
const amountValuePattern = /^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$/;
const amountValueMaxLength = 32;

export function isPayPalCurrency(code: string): boolean {
  // `hasOwn`, so `constructor` or `__proto__` is not a currency.
  return Object.hasOwn(paypalCurrencyDecimals, code);
}

export function exponentOf(currency: string): number {
  if (!isPayPalCurrency(currency)) throw new RangeError(`PayPal does not take ${currency}`);
  return paypalCurrencyDecimals[currency]!;
}

/** Why PayPal refuses an `amount.value`, by the issue name it answers with. */
export type AmountValueIssue =
  | 'INVALID_PARAMETER_SYNTAX'
  | 'INVALID_STRING_LENGTH'
  | 'DECIMAL_PRECISION'
  | 'DECIMALS_NOT_SUPPORTED';

export type ParsedAmountValue = { ok: true; minor: bigint } | { ok: false; issue: AmountValueIssue };

/**
 * `'10.50', 'USD'` → `1050n`; `'1050', 'JPY'` → `1050n`. Fewer fraction digits than the
 * currency has are accepted (`'10.5'` is 1050 cents), as PayPal accepts them; more are
 * `DECIMAL_PRECISION`, and any fraction at all for a currency without decimals is
 * `DECIMALS_NOT_SUPPORTED`. The sign is kept: whether a negative amount is allowed is the
 * caller's rule. `currency` must be a PayPal currency.
 */
export function parseAmountValue(value: string, currency: string): ParsedAmountValue {
  if (value.length > amountValueMaxLength) return { ok: false, issue: 'INVALID_STRING_LENGTH' };
  if (!amountValuePattern.test(value)) return { ok: false, issue: 'INVALID_PARAMETER_SYNTAX' };
  const exponent = exponentOf(currency);
  const negative = value.startsWith('-');
  const [whole = '', fraction] = (negative ? value.slice(1) : value).split('.');
  if (fraction !== undefined) {
    if (exponent === 0) return { ok: false, issue: 'DECIMALS_NOT_SUPPORTED' };
    if (fraction.length > exponent) return { ok: false, issue: 'DECIMAL_PRECISION' };
  }
  const minor = BigInt(`${whole || '0'}${(fraction ?? '').padEnd(exponent, '0')}`);
  return { ok: true, minor: negative ? -minor : minor };
}

/** `1050n, 'USD'` → `'10.50'`; `1050n, 'JPY'` → `'1050'`: always exactly the currency's fraction digits. */
export function formatAmountValue(minor: bigint, currency: string): string {
  return formatMinorUnits(minor, exponentOf(currency));
}

/** `amount × numerator / denominator`, rounded half up; for fees, which PayPal rounds to the minor unit. */
export function proportionOf(amountMinor: bigint, numerator: bigint, denominator: bigint): bigint {
  return (amountMinor * numerator * 2n + denominator) / (denominator * 2n);
}
