/*
 * The currencies MoneyPal accepts and PayPal takes, as data every process shares: the
 * server's kit, the web app (which loads only these contracts) and the PayPal simulator.
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

/**
 * The currencies PayPal's REST API takes, with the decimals it accepts in each. These are
 * PayPal's, not ISO 4217's: HUF and TWD have two ISO 4217 decimals but PayPal takes whole
 * units only ("decimal amounts cause an error"), so they are 0 here.
 */
export const paypalCurrencyDecimals: Readonly<Record<string, number>> = {
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
  HUF: 0,
  ILS: 2,
  JPY: 0,
  MXN: 2,
  MYR: 2,
  NOK: 2,
  NZD: 2,
  PHP: 2,
  PLN: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TWD: 0,
  USD: 2,
};

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
