import { paypalCurrencyDecimals } from '@moneypal/contracts';
import { exponentOf, formatMinor, isSupportedCurrency, parseMinor } from '@moneypal/kit';

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
