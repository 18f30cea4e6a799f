import { currencyExponents, formatMinorUnits } from '@moneypal/contracts/currencies';
import { currentLocale, i18n } from './i18n';

const t = i18n.getFixedT(null, 'money');

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
  /** A BCP 47 locale; the chosen language's when left out. */
  locale?: string;
  /** Shows `+` on positive amounts too, as history does for money that came in. */
  signed?: boolean;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatterOf(currency: string, exponent: number, options: FormatOptions): Intl.NumberFormat {
  const locale = options.locale ?? currentLocale();
  const cacheKey = `${locale}|${currency}|${options.signed === true}`;
  let formatter = formatters.get(cacheKey);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, {
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

/** The marks a locale writes numbers with: `{ group: ',', decimal: '.' }` in en-US. */
export function separatorsOf(locale: string = currentLocale()): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
  return {
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
  };
}

/** `1234.50` written the locale's way with the currency's decimals (`1,234.50`), as an example to follow. */
export function amountExampleOf(currency: string, locale: string = currentLocale()): string {
  const exponent = exponentOf(currency);
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(`1234.${'5'.padEnd(exponent, '0')}` as Intl.StringNumericLiteral);
}

/**
 * Which mark of a number written with digits, spaces, `.` and `,` is the decimal
 * mark. With both marks, the last one; with one mark written once, the decimal mark unless it
 * is the locale's grouping mark followed by exactly three digits (`1,000` in en-US, `1.000`
 * in de-DE); a mark written twice or more groups.
 */
function decimalMarkOf(text: string, localeGroup: string): string | null {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
  const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (mark === null) return null;
  if (text.indexOf(mark) !== text.lastIndexOf(mark)) return null;
  const groupsThousands = mark === localeGroup && /^\d{3}$/.test(text.slice(text.indexOf(mark) + 1));
  return groupsThousands ? null : mark;
}

/**
 * What a person typed (`'12.5'`, `'1,000.50'` in en-US, `'1 000,50'` in fr-FR) as minor
 * units, exactly, or why it is not an amount: more decimals than the currency has,
 * thousands not grouped in threes, signs, zero, or more than the API can carry. Spaces and
 * the locale's grouping mark group thousands; either `.` or `,` is taken as the decimal mark
 * where it cannot be a grouping mark.
 */
export function parseAmount(input: string, currency: string, locale: string = currentLocale()): ParsedAmount {
  // Every kind of space (no-break, narrow no-break) groups thousands alike.
  const text = input.trim().replace(/\s/g, ' ');
  if (text === '') return { ok: false, message: t('enterAmount') };
  const exponent = exponentOf(currency);
  const example = amountExampleOf(currency, locale);
  const notAnAmount = { ok: false as const, message: t('notAnAmount', { example }) };
  if (!/^[\d., ]+$/.test(text)) return notAnAmount;
  const { group } = separatorsOf(locale);
  const localeGroup = group.trim() === '' ? ' ' : group;
  const decimalMark = decimalMarkOf(text, localeGroup);
  const at = decimalMark === null ? text.length : text.lastIndexOf(decimalMark);
  const wholeText = text.slice(0, at);
  const fraction = text.slice(at + 1);
  if (!/^\d*$/.test(fraction)) return notAnAmount;
  const groups = wholeText.split(/[., ]/);
  const grouped =
    groups.length === 1 ||
    groups.every((part, index) => /^\d{3}$/.test(part) || (index === 0 && /^\d{1,3}$/.test(part)));
  if (!grouped) {
    return { ok: false, message: t('badGrouping', { example }) };
  }
  const whole = groups.join('');
  if (whole === '' && fraction === '') return notAnAmount;
  if (fraction.length > exponent) {
    return {
      ok: false,
      message:
        exponent === 0 ? t('noDecimals', { currency }) : t('tooManyDecimals', { currency, count: exponent }),
    };
  }
  const amountMinor = BigInt(`${whole}${fraction.padEnd(exponent, '0')}`);
  if (amountMinor === 0n) return { ok: false, message: t('zero') };
  if (amountMinor > maxAmountMinor) return { ok: false, message: t('tooLarge') };
  return { ok: true, amountMinor };
}

/** The currency's symbol as the locale writes it beside an amount: before (`$` in en-US) or after (`€` in fr-FR). */
export function currencyAffixOf(
  currency: string,
  locale: string = currentLocale(),
): { prefix: string; suffix: string } {
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(1);
  const at = parts.findIndex((part) => part.type === 'currency');
  const symbol = parts[at]?.value ?? currency;
  const firstNumber = parts.findIndex((part) => part.type === 'integer');
  return at < firstNumber ? { prefix: symbol, suffix: '' } : { prefix: '', suffix: symbol };
}

/**
 * An amount large enough to ask the person to confirm it before it moves: 10,000 or more in
 * the currency's major units (10,000.00 USD, 10,000 JPY), well above everyday payments and
 * top-ups, where a slip of the finger (an extra zero or two) costs the most.
 */
export function isLargeAmount(amountMinor: bigint, currency: string): boolean {
  return amountMinor >= 10_000n * 10n ** BigInt(exponentOf(currency));
}

/** The JSON number the API takes for an amount; `parseAmount` has already kept it within 2^53-1. */
export function toWireAmount(amountMinor: bigint): number {
  if (amountMinor > maxAmountMinor || amountMinor < -maxAmountMinor) {
    throw new RangeError(`amount ${amountMinor} is beyond 2^53-1`);
  }
  return Number(amountMinor);
}
