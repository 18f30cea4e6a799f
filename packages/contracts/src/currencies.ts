/*
 * The currencies MoneyPal accepts and PayPal takes, as data every process shares: the
 * server's kit, the web app (which imports this file alone, `@moneypal/contracts/currencies`,
 * so that no schema code reaches the browser) and the PayPal simulator.
 * Amounts are integer counts of a currency's minor units; no floating point is involved.
 */

/** ISO 4217 minor-unit exponents of the currencies MoneyPal accepts. */
export const currencyExponents: Readonly<Record<string, number>> = {
  AUD: 2,
  BHD: 3,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CLP: 0,
  CNY: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  ISK: 0,
  JOD: 3,
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
  TND: 3,
  TRY: 2,
  TWD: 2,
  UGX: 0,
  USD: 2,
  VND: 0,
  ZAR: 2,
};

/** The currencies PayPal's REST API takes. */
const paypalCurrencies = [
  'AUD',
  'BRL',
  'CAD',
  'CHF',
  'CNY',
  'CZK',
  'DKK',
  'EUR',
  'GBP',
  'HKD',
  'HUF',
  'ILS',
  'JPY',
  'MXN',
  'MYR',
  'NOK',
  'NZD',
  'PHP',
  'PLN',
  'SEK',
  'SGD',
  'THB',
  'TWD',
  'USD',
] as const;

/**
 * PayPal's currencies with the decimals PayPal accepts in each: ISO 4217's, except HUF and
 * TWD, which have two ISO 4217 decimals but which PayPal takes in whole units only
 * ("decimal amounts cause an error").
 */
const paypalWholeUnitCurrencies: ReadonlySet<string> = new Set(['HUF', 'TWD']);

export const paypalCurrencyDecimals: Readonly<Record<string, number>> = Object.fromEntries(
  paypalCurrencies.map((code) => [
    code,
    paypalWholeUnitCurrencies.has(code) ? 0 : (currencyExponents[code] ?? 0),
  ]),
);

/**
 * Minor units as a decimal string with exactly `exponent` fraction digits, by division and
 * remainder: `1050n, 2` → `'10.50'`; `5n, 0` → `'5'`; `-7n, 2` → `'-0.07'`.
 */
export function formatMinorUnits(amountMinor: bigint, exponent: number): string {
  const negative = amountMinor < 0n;
  const magnitude = negative ? -amountMinor : amountMinor;
  const scale = 10n ** BigInt(exponent);
  const whole = (magnitude / scale).toString();
  const fraction = exponent > 0 ? `.${(magnitude % scale).toString().padStart(exponent, '0')}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
