import { type FormEvent, type ReactNode, useRef } from 'react';
import type { Wallet } from '../api/types';
import { type FieldErrors, hasErrors, validateDescription, validateRecipient } from '../forms';
import { Trans, useTranslation } from '../i18n';
import { isLargeAmount, parseAmount } from '../money';
import type { RecentRecipient } from '../recipients';
import { focusFirstInvalid, TextField } from './fields';
import { Money } from './money';
import { Notice } from './status';
import { AmountField, WalletField } from './wallet-fields';

/** What a person fills in to move money to someone: as typed, until it is checked. */
export interface SendDetails {
  walletId: string;
  recipient: string;
  amountText: string;
  description: string;
}

export type SendField = 'recipient' | 'amount' | 'description';

/** The details checked and converted: the amount in exact minor units. */
export interface CheckedSend {
  wallet: Wallet;
  recipient: string;
  /** Who the recipient was found to be, "Ada Lovelace (@ada)", when it was looked up. */
  recipientName?: string;
  amountMinor: bigint;
  description: string | undefined;
}

export function checkSend(
  details: SendDetails,
  wallets: readonly Wallet[],
): { ok: true; send: CheckedSend } | { ok: false; errors: FieldErrors<SendField> } {
  const wallet = wallets.find((candidate) => candidate.id === details.walletId) ?? wallets[0]!;
  const errors: FieldErrors<SendField> = {};
  const recipientError = validateRecipient(details.recipient);
  if (recipientError !== undefined) errors.recipient = recipientError;
  const amount = parseAmount(details.amountText, wallet.currency);
  if (!amount.ok) errors.amount = amount.message;
  const descriptionError = validateDescription(details.description);
  if (descriptionError !== undefined) errors.description = descriptionError;
  if (hasErrors(errors) || !amount.ok) return { ok: false, errors };
  const description = details.description.trim();
  return {
    ok: true,
    send: {
      wallet,
      recipient: details.recipient.trim(),
      amountMinor: amount.amountMinor,
      description: description === '' ? undefined : description,
    },
  };
}

/** The form of a transfer or a payment to a provider: who, how much, from which wallet, and a note. */
export function SendForm({
  wallets,
  details,
  errors,
  recipientLabel,
  recipientHint,
  submitLabel,
  recipientStatus,
  recentRecipients = [],
  onChange,
  onSubmit,
  children,
}: {
  wallets: readonly Wallet[];
  details: SendDetails;
  errors: FieldErrors<SendField>;
  recipientLabel: string;
  recipientHint: string;
  submitLabel: string;
  /** What is known of the recipient typed (who they are, or that nobody is), below the field. */
  recipientStatus?: ReactNode;
  /** People paid lately: one tap puts their handle in the recipient field. */
  recentRecipients?: readonly RecentRecipient[];
  onChange(details: SendDetails, changed: SendField | 'walletId'): void;
  /** Whether the details passed their checks; the first invalid field is focused when not. */
  onSubmit(): boolean | Promise<boolean>;
  children?: ReactNode;
}) {
  const { t } = useTranslation('sendForm');
  const form = useRef<HTMLFormElement>(null);
  const wallet = wallets.find((candidate) => candidate.id === details.walletId) ?? wallets[0]!;
  const set = (field: keyof SendDetails) => (value: string) =>
    onChange({ ...details, [field]: value }, field === 'amountText' ? 'amount' : field);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!(await onSubmit())) focusFirstInvalid(form.current);
  };

  return (
    <form ref={form} onSubmit={submit} noValidate className="form card">
      <TextField
        id="recipient"
        label={recipientLabel}
        hint={recipientHint}
        value={details.recipient}
        onValueChange={set('recipient')}
        error={errors.recipient}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
      />
      {recentRecipients.length === 0 ? null : (
        <fieldset className="recent-recipients">
          <legend>{t('recent')}</legend>
          {recentRecipients.map((recipient) => (
            <button
              key={recipient.handle}
              type="button"
              className="button button-secondary"
              aria-pressed={details.recipient === recipient.handle}
              onClick={() => set('recipient')(recipient.handle)}
            >
              {recipient.label}
            </button>
          ))}
        </fieldset>
      )}
      {recipientStatus}
      <AmountField
        currency={wallet.currency}
        value={details.amountText}
        onValueChange={set('amountText')}
        error={errors.amount}
      />
      <WalletField wallets={wallets} value={wallet.id} onValueChange={set('walletId')} />
      <TextField
        id="description"
        label={t('note')}
        optional
        hint={t('noteHint')}
        value={details.description}
        onValueChange={set('description')}
        error={errors.description}
        autoComplete="off"
      />
      {children}
      <div className="actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** Who gets how much from where: what the person confirms, with a warning when the amount is large. */
export function SendSummary({ send, verb }: { send: CheckedSend; verb: string }) {
  const { t } = useTranslation('sendForm');
  return (
    <>
      {isLargeAmount(send.amountMinor, send.wallet.currency) ? (
        <Notice tone="warning">
          <p>{t('largeAmount')}</p>
        </Notice>
      ) : null}
      <dl className="summary">
        <div>
          <dt>{verb}</dt>
          <dd className="summary-amount">
            <Money amount={send.amountMinor} currency={send.wallet.currency} />
          </dd>
        </div>
        <div>
          <dt>{t('to')}</dt>
          <dd>{send.recipientName ?? send.recipient}</dd>
        </div>
        <div>
          <dt>{t('from')}</dt>
          <dd>
            <Trans
              t={t}
              i18nKey="fromWallet"
              values={{ currency: send.wallet.currency }}
              components={{
                available: <Money amount={send.wallet.available} currency={send.wallet.currency} />,
              }}
            />
          </dd>
        </div>
        {send.description === undefined ? null : (
          <div>
            <dt>{t('note')}</dt>
            <dd>{send.description}</dd>
          </div>
        )}
      </dl>
    </>
  );
}

/** The server's field errors of a send, on the form's fields. */
export const sendFieldAliases: Readonly<Record<string, SendField>> = {
  to_user: 'recipient',
  to_wallet_id: 'recipient',
  paid_to: 'recipient',
  amount: 'amount',
  description: 'description',
};

/** Refusals that say the recipient typed cannot be paid: the form shows them on that field. */
export const recipientRefusalCodes: ReadonlySet<string> = new Set([
  'recipient_not_found',
  'recipient_has_no_wallet',
]);
