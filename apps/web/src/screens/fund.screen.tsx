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
import { isLargeAmount, parseAmount, toWireAmount } from '../money';
import { useClient, useUser } from '../session';

/** Add money with PayPal: create the payment, then approve it on PayPal's page. */
export function FundScreen() {
  const client = useClient();
  const user = useUser();
  const wallets = useWallets();
  const payments = useResource('recent-payments', (signal) =>
    listPayments(client, 5, signal).then((page) => page.data),
  );

  return (
    <Screen
      title="Add money"
      lead="Add money to your wallet with PayPal. You approve the payment on PayPal’s page."
    >
      <AsyncView state={wallets.state} onRetry={wallets.reload} loadingLabel="Loading your wallets…">
        {(data) =>
          data.length === 0 ? <Loading label="Your wallet is being opened…" /> : <FundForm wallets={data} />
        }
      </AsyncView>
      <section aria-labelledby="payments-heading" className="section">
        <h2 id="payments-heading">Your recent PayPal payments</h2>
        {user.role === 'admin' ? (
          <p className="hint">As an administrator, you see every user’s payments here.</p>
        ) : null}
        <AsyncView state={payments.state} onRetry={payments.reload} loadingLabel="Loading your payments…">
          {(data) =>
            data.length === 0 ? (
              <p className="empty">No PayPal payments yet.</p>
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
          Taking you to PayPal to approve <Money amount={payment.amount} currency={payment.currency} />…{' '}
          {payment.sandbox ? <SandboxBadge /> : null}
        </p>
        {payment.approve_url === null ? (
          <>
            <p>PayPal gave no approval page for this payment.</p>
            <button type="button" className="button button-secondary" onClick={movement.reset}>
              Start again
            </button>
          </>
        ) : (
          <p>
            <a href={payment.approve_url}>Continue to PayPal</a>
          </p>
        )}
      </Notice>
    );
  }

  const sending = state.status === 'sending';
  if (largeAmount !== null && state.status === 'idle') {
    return (
      <section aria-labelledby="large-amount-heading" className="card form">
        <h2 id="large-amount-heading">Is this amount right?</h2>
        <Notice tone="warning" live>
          <p>
            You are about to add <Money amount={largeAmount} currency={wallet.currency} /> to your wallet.
            That is a large amount: check that no extra digit slipped in.
          </p>
        </Notice>
        <div className="actions">
          <button type="button" className="button" onClick={() => addMoney(largeAmount)}>
            {/* One flex item, so the space before the amount stays. */}
            <span>
              Yes, add <Money amount={largeAmount} currency={wallet.currency} />
            </span>
          </button>
          <button type="button" className="button button-secondary" onClick={changeAmount}>
            Change the amount
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
        label="To wallet"
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
          overrides={{ wallet_not_found: 'That wallet was not found. Reload the page and try again.' }}
        />
      ) : null}
      <div className="actions">
        <button type="submit" className="button" disabled={sending} aria-disabled={sending}>
          {sending ? 'Contacting PayPal…' : 'Continue to PayPal'}
        </button>
      </div>
    </form>
  );
}
