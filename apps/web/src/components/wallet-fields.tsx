import type { Wallet } from '../api/types';
import { amountExampleOf, currencyAffixOf, exponentOf, formatMoney } from '../money';
import { SelectField, TextField } from './fields';

/**
 * An amount in a currency, typed as a decimal in the person's locale (thousands may be
 * grouped), beside the currency's symbol: parsed exactly by `parseAmount`.
 */
export function AmountField({
  id = 'amount',
  label = 'Amount',
  currency,
  value,
  onValueChange,
  error,
}: {
  id?: string;
  label?: string;
  currency: string;
  value: string;
  onValueChange(value: string): void;
  error?: string | undefined;
}) {
  const exponent = exponentOf(currency);
  const { prefix, suffix } = currencyAffixOf(currency);
  const example = amountExampleOf(currency);
  return (
    <TextField
      id={id}
      label={`${label} (${currency})`}
      hint={exponent === 0 ? `Whole ${currency}, such as ${example}.` : `Such as ${example}.`}
      prefix={prefix}
      suffix={suffix}
      value={value}
      onValueChange={onValueChange}
      error={error}
      inputMode={exponent === 0 ? 'numeric' : 'decimal'}
      autoComplete="off"
    />
  );
}

/** The wallet to use, when the person has more than one; with one, it is named in plain text. */
export function WalletField({
  wallets,
  value,
  onValueChange,
  label = 'From wallet',
}: {
  wallets: readonly Wallet[];
  value: string;
  onValueChange(walletId: string): void;
  label?: string;
}) {
  if (wallets.length === 1) {
    const wallet = wallets[0]!;
    return (
      <p className="field-static">
        {label}: <strong>{wallet.currency} wallet</strong>, {formatMoney(wallet.available, wallet.currency)}{' '}
        available
      </p>
    );
  }
  return (
    <SelectField id="wallet" label={label} value={value} onValueChange={onValueChange}>
      {wallets.map((wallet) => (
        <option key={wallet.id} value={wallet.id}>
          {wallet.currency} {wallet.type} wallet — {formatMoney(wallet.available, wallet.currency)} available
        </option>
      ))}
    </SelectField>
  );
}
