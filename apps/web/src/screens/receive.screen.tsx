import { useState } from 'react';
import type { Wallet } from '../api/types';
import { TextField } from '../components/fields';
import { QrCode } from '../components/qr-code';
import { Screen } from '../components/screen';
import { AsyncView, Loading } from '../components/status';
import { AmountField } from '../components/wallet-fields';
import { validateDescription } from '../forms';
import { defaultWalletOf, useWallets } from '../hooks/use-wallets';
import { useTranslation } from '../i18n';
import { parseAmount } from '../money';
import { paymentLinkOf } from '../payment-link';
import { useUser } from '../session';

/** The person's payment link, with an amount and a note if they ask for them, to copy or to scan. */
export function ReceiveScreen() {
  const { t } = useTranslation('receive');
  const wallets = useWallets();
  return (
    <Screen title={t('title')} lead={t('lead')}>
      <AsyncView state={wallets.state} onRetry={wallets.reload} loadingLabel={t('loadingWallets')}>
        {(data) => {
          const wallet = defaultWalletOf(data);
          return wallet === undefined ? (
            <Loading label={t('loadingWallets')} />
          ) : (
            <PaymentLink wallet={wallet} />
          );
        }}
      </AsyncView>
    </Screen>
  );
}

function PaymentLink({ wallet }: { wallet: Wallet }) {
  const { t } = useTranslation('receive');
  const user = useUser();
  const [amountText, setAmountText] = useState('');
  const [note, setNote] = useState('');
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const amount = amountText.trim() === '' ? undefined : parseAmount(amountText, wallet.currency);
  const noteError = validateDescription(note);
  // A value that is not valid stays out of the link until it is.
  const link = paymentLinkOf(window.location.origin, {
    userName: user.user_name,
    currency: wallet.currency,
    amountMinor: amount?.ok ? amount.amountMinor : undefined,
    note: noteError === undefined ? note : undefined,
  });

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <div className="receive">
      <form className="form card" onSubmit={(event) => event.preventDefault()} noValidate>
        <AmountField
          id="receive-amount"
          label={t('amount')}
          currency={wallet.currency}
          value={amountText}
          onValueChange={(value) => {
            setAmountText(value);
            setCopy('idle');
          }}
          error={amount !== undefined && !amount.ok ? amount.message : undefined}
        />
        <TextField
          id="receive-note"
          label={t('note')}
          optional
          hint={t('noteHint')}
          value={note}
          onValueChange={(value) => {
            setNote(value);
            setCopy('idle');
          }}
          error={noteError}
          autoComplete="off"
        />
      </form>
      <section className="card receive-link" aria-labelledby="receive-link-heading">
        <h2 id="receive-link-heading">{t('linkHeading')}</h2>
        <TextField
          id="payment-link"
          label={t('linkLabel')}
          hint={t('linkHint')}
          value={link}
          readOnly
          onValueChange={() => {}}
          onFocus={(event) => event.currentTarget.select()}
        />
        <div className="actions">
          <button type="button" className="button" onClick={() => void copyLink()}>
            {t('copy')}
          </button>
        </div>
        <p role="status" className="hint">
          {copy === 'copied' ? t('copied') : copy === 'failed' ? t('copyFailed') : ''}
        </p>
        <figure className="qr-figure">
          <QrCode text={link} label={t('qrLabel')} tooLong={t('qrTooLong')} />
          <figcaption className="hint">{t('qrHint')}</figcaption>
        </figure>
      </section>
    </div>
  );
}
