import type { Wallet } from '../api/types';
import { Trans, useTranslation } from '../i18n';
import { amountExampleOf, currencyAffixOf, exponentOf, formatMoney } from '../money';
import { SelectField, TextField } from './fields';

/**
 * An amount in a currency, typed as a decimal in the person's locale (thousands may be
 * grouped), beside the currency's symbol: parsed exactly by `parseAmount`.
 */
export function AmountField({
  id = 'amount',
  label,
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
  const { t } = useTranslation('wallets');
  const exponent = exponentOf(currency);
  const { prefix, suffix } = currencyAffixOf(currency);
  const example = amountExampleOf(currency);
  return (
    <TextField
      id={id}
      label={t('amountLabel', { label: label ?? t('amount'), currency })}
      hint={exponent === 0 ? t('amountHintWhole', { currency, example }) : t('amountHint', { example })}
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
  label,
}: {
  wallets: readonly Wallet[];
  value: string;
  onValueChange(walletId: string): void;
  label?: string;
}) {
  const { t } = useTranslation('wallets');
  const shownLabel = label ?? t('fromWallet');
  if (wallets.length === 1) {
    const wallet = wallets[0]!;
    return (
      <p className="field-static">
        <Trans
          t={t}
          i18nKey="onlyWallet"
          values={{
            label: shownLabel,
            wallet: t('walletOf', { currency: wallet.currency }),
            available: formatMoney(wallet.available, wallet.currency),
          }}
          components={{ strong: <strong /> }}
        />
      </p>
    );
  }
  return (
    <SelectField id="wallet" label={shownLabel} value={value} onValueChange={onValueChange}>
      {wallets.map((wallet) => (
        <option key={wallet.id} value={wallet.id}>
          {t('walletOption', {
            currency: wallet.currency,
            type: wallet.type,
            available: formatMoney(wallet.available, wallet.currency),
          })}
        </option>
      ))}
    </SelectField>
  );
}
