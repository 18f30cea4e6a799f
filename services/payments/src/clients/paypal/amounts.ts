import { exponentOf, formatMinor, isSupportedCurrency, parseMinor } from '@moneypal/kit';

/**
 * The currencies PayPal's REST API takes, with the decimals it accepts in each. HUF and
 * TWD have two ISO 4217 decimals but PayPal takes whole units only ("decimal amounts
 * cause an error"), so their minor-unit amounts must be whole hundreds.
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

/** An amount as PayPal writes it. */
export interface PayPalMoney {
  currency_code: string;
  value: string;
}

export function isPayPalCurrency(currency: string): boolean {
  return Object.hasOwn(paypalCurrencyDecimals, currency) && isSupportedCurrency(currency);
}

/** Why PayPal cannot take the amount (and which field is to blame), or null when it can. */
export function payPalAmountProblem(
  amountMinor: bigint,
  currency: string,
): { field: 'currency' | 'amount'; message: string } | null {
  if (!isPayPalCurrency(currency)) return { field: 'currency', message: `PayPal does not take ${currency}` };
  const dropped = exponentOf(currency) - paypalCurrencyDecimals[currency]!;
  if (dropped > 0 && amountMinor % 10n ** BigInt(dropped) !== 0n) {
    return { field: 'amount', message: `PayPal takes ${currency} in whole units only` };
  }
  return null;
}

/** `1050n, 'USD'` → `{currency_code: 'USD', value: '10.50'}`; `1000n, 'HUF'` → `'10'`. */
export function toPayPalMoney(amountMinor: bigint, currency: string): PayPalMoney {
  const problem = payPalAmountProblem(amountMinor, currency);
  if (problem !== null) throw new RangeError(problem.message);
  const decimal = formatMinor(amountMinor, currency);
  const dropped = exponentOf(currency) - paypalCurrencyDecimals[currency]!;
  // The dropped fraction digits are zeros (checked above); a whole-unit currency loses its point too.
  const value = dropped === 0 ? decimal : decimal.slice(0, decimal.length - dropped).replace(/\.$/, '');
  return { currency_code: currency, value };
}

/** `{currency_code: 'USD', value: '10.50'}` → `1050n` minor units of the currency. */
export function fromPayPalMoney(money: PayPalMoney): bigint {
  return parseMinor(money.value, money.currency_code);
}
