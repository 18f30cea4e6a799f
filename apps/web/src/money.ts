import { currencyExponents, formatMinorUnits } from '@moneypal/contracts/currencies';

/*
 * Money in the web app is what it is on the server: an integer count of a currency's minor
 * units. Amounts from the API are JSON numbers (safe integers) and become `bigint` here; a
 * decimal string is built from the integer by division and remainder, and only that string
 * reaches `Intl.NumberFormat`, so no floating point ever touches an amount.
 */

/** The largest amount a JSON number carries exactly, as the API accepts it. */
export const maxAmountMinor = BigInt(Number.MAX_SAFE_INTEGER);

/** How many decimals a currency has: the contracts' table, as the server has it, else what the browser knows of it. */
export function exponentOf(currency: string): number {
  if (Object.hasOwn(currencyExponents, currency)) return currencyExponents[currency]!;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits!;
  } catch {
    return 2;
  }
}

/** An API amount (a safe integer) or a `bigint` as a `bigint`. */
export function toMinor(amount: bigint | number): bigint {
  return typeof amount === 'bigint' ? amount : BigInt(amount);
}

/** `1050n, 'USD'` → `'10.50'`; `5n, 'JPY'` → `'5'`; `-7n, 'USD'` → `'-0.07'`: exact, with no rounding. */
export function toDecimalString(amountMinor: bigint, currency: string): string {
  return formatMinorUnits(amountMinor, exponentOf(currency));
}

export interface FormatOptions {
  /** A BCP 47 locale; the browser's when left out. */
  locale?: string;
  /** Shows `+` on positive amounts too, as history does for money that came in. */
  signed?: boolean;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatterOf(currency: string, exponent: number, options: FormatOptions): Intl.NumberFormat {
  const cacheKey = `${options.locale ?? ''}|${currency}|${options.signed === true}`;
  let formatter = formatters.get(cacheKey);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(options.locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
      signDisplay: options.signed === true ? 'exceptZero' : 'auto',
    });
    formatters.set(cacheKey, formatter);
  }
  return formatter;
}

/**
 * `1050, 'USD'` → `'$10.50'` in the locale's way. Intl formats the decimal string exactly
 * (a string is never turned into a float), so 2^53-1 cents prints every digit.
 */
export function formatMoney(amount: bigint | number, currency: string, options: FormatOptions = {}): string {
  const minor = toMinor(amount);
  const decimal = toDecimalString(minor, currency) as Intl.StringNumericLiteral;
  return formatterOf(currency, exponentOf(currency), options).format(decimal);
}

export type ParsedAmount = { ok: true; amountMinor: bigint } | { ok: false; message: string };

/**
 * What a person typed (`'12.5'`, `'12,50'`, `'1200'`) as minor units, exactly, or why it
 * is not an amount: more decimals than the currency has, grouping separators, signs,
 * zero, or more than the API can carry.
 */
export function parseAmount(input: string, currency: string): ParsedAmount {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Enter an amount.' };
  const exponent = exponentOf(currency);
  const example = exponent === 0 ? '1200' : `12.${'5'.padEnd(exponent, '0')}`;
  const match = /^(\d*)(?:[.,](\d*))?$/.exec(text);
  const whole = match?.[1] ?? '';
  const fraction = match?.[2] ?? '';
  if (match === null || (whole === '' && fraction === '')) {
    return {
      ok: false,
      message: `Enter digits with at most one decimal mark and no thousands separators, such as ${example}.`,
    };
  }
  if (fraction.length > exponent) {
    return {
      ok: false,
      message:
        exponent === 0
          ? `${currency} amounts have no decimals.`
          : `${currency} amounts have at most ${exponent} decimals.`,
    };
  }
  const amountMinor = BigInt(`${whole}${fraction.padEnd(exponent, '0')}`);
  if (amountMinor === 0n) return { ok: false, message: 'Enter an amount greater than zero.' };
  if (amountMinor > maxAmountMinor) return { ok: false, message: 'That amount is too large.' };
  return { ok: true, amountMinor };
}

/** The JSON number the API takes for an amount; `parseAmount` has already kept it within 2^53-1. */
export function toWireAmount(amountMinor: bigint): number {
  if (amountMinor > maxAmountMinor || amountMinor < -maxAmountMinor) {
    throw new RangeError(`amount ${amountMinor} is beyond 2^53-1`);
  }
  return Number(amountMinor);
}
