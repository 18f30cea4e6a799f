import { type FormEvent, useEffect, useRef, useState } from 'react';
import { createPayment, listPayments } from '../api/payments';
import type { Payment, Wallet } from '../api/types';
import { focusFirstInvalid } from '../components/fields';
import { Money } from '../components/money';
import { PaymentList } from '../components/payment-list';
import { Screen } from '../components/screen';
import { AsyncView, ErrorNotice, Loading, Notice, SandboxBadge } from '../components/status';
import { AmountField, WalletField } from '../components/wallet-fields';
import { useMoneyMovement } from '../hooks/use-money-movement';
import { useResource } from '../hooks/use-resource';
import { defaultWalletOf, useWallets } from '../hooks/use-wallets';
import { Trans, useTranslation } from '../i18n';
import { isLargeAmount, parseAmount, toWireAmount } from '../money';
import { useClient, useUser } from '../session';

/** Add money with PayPal: create the payment, then approve it on PayPal's page. */
export function FundScreen() {
  const { t } = useTranslation(['fund', 'common']);
  const client = useClient();
  const user = useUser();
  const wallets = useWallets();
  const payments = useResource('recent-payments', (signal) =>
    listPayments(client, 5, signal).then((page) => page.data),
  );

  return (
    <Screen title={t('title')} lead={t('lead')}>
      <AsyncView state={wallets.state} onRetry={wallets.reload} loadingLabel={t('common:loadingWallets')}>
        {(data) =>
          data.length === 0 ? <Loading label={t('common:walletOpening')} /> : <FundForm wallets={data} />
        }
      </AsyncView>
      <section aria-labelledby="payments-heading" className="section">
        <h2 id="payments-heading">{t('payments.heading')}</h2>
        {user.role === 'admin' ? <p className="hint">{t('payments.admin')}</p> : null}
        <AsyncView state={payments.state} onRetry={payments.reload} loadingLabel={t('payments.loading')}>
          {(data) =>
            data.length === 0 ? (
              <p className="empty">{t('payments.none')}</p>
            ) : (
              <PaymentList payments={data} />
            )
          }
        </AsyncView>
      </section>
    </Screen>
  );
}

function FundForm({ wallets }: { wallets: readonly Wallet[] }) {
  const { t } = useTranslation(['fund', 'common']);
  const client = useClient();
  const [walletId, setWalletId] = useState(() => defaultWalletOf(wallets)!.id);
  const wallet = wallets.find((candidate) => candidate.id === walletId) ?? wallets[0]!;
  const [amountText, setAmountText] = useState('');
  const [amountError, setAmountError] = useState<string>();
  // A large amount waits here until the person confirms it.
  const [largeAmount, setLargeAmount] = useState<bigint | null>(null);
  const movement = useMoneyMovement<Payment>();
  const form = useRef<HTMLFormElement>(null);
  const { state } = movement;

  useEffect(() => {
    if (state.status === 'succeeded' && state.result.approve_url !== null) {
      window.location.assign(state.result.approve_url);
    }
  }, [state]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Nothing changed since a failure that may pass on a second try: the same attempt, the same key.
    if (state.status === 'failed' && state.retryable) {
      movement.retry();
      return;
    }
    const parsed = parseAmount(amountText, wallet.currency);
    if (!parsed.ok) {
      setAmountError(parsed.message);
      focusFirstInvalid(form.current);
      return;
    }
    setAmountError(undefined);
    if (isLargeAmount(parsed.amountMinor, wallet.currency) && largeAmount !== parsed.amountMinor) {
      setLargeAmount(parsed.amountMinor);
      return;
    }
    addMoney(parsed.amountMinor);
  };

  const addMoney = (amountMinor: bigint) => {
    const body = { amount: toWireAmount(amountMinor), currency: wallet.currency, wallet_id: wallet.id };
    movement.confirm((idempotencyKey) => createPayment(client, body, idempotencyKey));
  };

  const changeAmount = () => {
    setLargeAmount(null);
    requestAnimationFrame(() => form.current?.querySelector<HTMLInputElement>('#amount')?.focus());
  };

  if (state.status === 'succeeded') {
    const payment = state.result;
    return (
      <Notice tone="info" live>
        <p>
          <Trans
            t={t}
            i18nKey="redirecting"
            components={{ amount: <Money amount={payment.amount} currency={payment.currency} /> }}
          />{' '}
          {payment.sandbox ? <SandboxBadge /> : null}
        </p>
        {payment.approve_url === null ? (
          <>
            <p>{t('noApprovalPage')}</p>
            <button type="button" className="button button-secondary" onClick={movement.reset}>
              {t('startAgain')}
            </button>
          </>
        ) : (
          <p>
            <a href={payment.approve_url}>{t('continue')}</a>
          </p>
        )}
      </Notice>
    );
  }

  const sending = state.status === 'sending';
  if (largeAmount !== null && state.status === 'idle') {
    return (
      <section aria-labelledby="large-amount-heading" className="card form">
        <h2 id="large-amount-heading">{t('large.heading')}</h2>
        <Notice tone="warning" live>
          <p>
            <Trans
              t={t}
              i18nKey="large.warning"
              components={{ amount: <Money amount={largeAmount} currency={wallet.currency} /> }}
            />
          </p>
        </Notice>
        <div className="actions">
          <button type="button" className="button" onClick={() => addMoney(largeAmount)}>
            {/* One flex item, so the space before the amount stays. */}
            <span>
              <Trans
                t={t}
                i18nKey="large.confirm"
                components={{ amount: <Money amount={largeAmount} currency={wallet.currency} /> }}
              />
            </span>
          </button>
          <button type="button" className="button button-secondary" onClick={changeAmount}>
            {t('large.change')}
          </button>
        </div>
      </section>
    );
  }
  return (
    <form ref={form} onSubmit={submit} noValidate className="form card">
      <WalletField
        wallets={wallets}
        value={wallet.id}
        onValueChange={(value) => {
          setWalletId(value);
          movement.reset();
        }}
        label={t('toWallet')}
      />
      <AmountField
        currency={wallet.currency}
        value={amountText}
        onValueChange={(value) => {
          setAmountText(value);
          setAmountError(undefined);
          setLargeAmount(null);
          movement.reset();
        }}
        error={amountError}
      />
      {state.status === 'failed' ? (
        <ErrorNotice
          error={state.error}
          {...(state.retryable ? { onRetry: movement.retry } : {})}
          overrides={{ wallet_not_found: t('walletNotFound') }}
        />
      ) : null}
      <div className="actions">
        <button type="submit" className="button" disabled={sending} aria-disabled={sending}>
          {sending ? t('contacting') : t('continue')}
        </button>
      </div>
    </form>
  );
}
