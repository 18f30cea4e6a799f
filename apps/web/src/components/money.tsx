import { useTranslation } from '../i18n';
import { formatMoney } from '../money';

/** An amount in minor units, formatted by its currency's exponent in the person's locale. */
export function Money({
  amount,
  currency,
  signed = false,
}: {
  amount: bigint | number;
  currency: string;
  signed?: boolean;
}) {
  // Subscribes to the language, so the amount is written again the new locale's way when it changes.
  useTranslation();
  return <span className="money">{formatMoney(amount, currency, { signed })}</span>;
}
