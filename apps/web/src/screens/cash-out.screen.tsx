import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { createPayout, getPayout, listPayouts } from '../api/payouts';
import type { Payout, PayoutStatus, Wallet } from '../api/types';
import { focusFirstInvalid, TextField } from '../components/fields';
import { LoadMore } from '../components/load-more';
import { Money } from '../components/money';
import { Screen } from '../components/screen';
import { AsyncView, Badge, ErrorNotice, Loading, Notice, SandboxBadge } from '../components/status';
import { AmountField, WalletField } from '../components/wallet-fields';
import { formatDateTime } from '../dates';
import { type FieldErrors, hasErrors, serverFieldErrors } from '../forms';
import { useMoneyMovement } from '../hooks/use-money-movement';
import { usePagedList } from '../hooks/use-paged-list';
import { useResource } from '../hooks/use-resource';
import { defaultWalletOf, useWallets } from '../hooks/use-wallets';
import { formatMoney, parseAmount, toWireAmount } from '../money';
import { useClient } from '../session';

type CashOutField = 'amount' | 'receiver';

/** The server's refusals of a payout that belong to the amount, in the words of this screen. */
const amountRefusals: Record<string, string> = {
  insufficient_funds: 'That is more than your wallet has available.',
  limit_exceeded: 'That goes over your wallet’s daily limit for cashing out. Try a smaller amount.',
};

const payoutWords: Record<string, string> = {
  ...amountRefusals,
  wallet_frozen: 'Your wallet is frozen, so no money can leave it. Please contact support.',
};

export const payoutStatusNames: Readonly<Record<PayoutStatus, string>> = {
  pending: 'Waiting for PayPal',
  processing: 'With PayPal',
  unclaimed: 'Waiting to be claimed',
  succeeded: 'Paid',
  failed: 'Failed',
  returned: 'Returned',
};

const payoutStatusTones = {
  pending: 'warning',
  processing: 'warning',
  unclaimed: 'warning',
  succeeded: 'success',
  failed: 'error',
  returned: 'neutral',
} as const;

/** What each state means for the person's money. */
function payoutMeaningOf(payout: Payout): string {
  switch (payout.status) {
    case 'pending':
      return 'The money has left your wallet. PayPal could not be reached yet; we keep trying, and it is never paid twice.';
    case 'processing':
      return 'The money has left your wallet and PayPal is paying it.';
    case 'unclaimed':
      return 'The PayPal account does not exist yet. PayPal gives the money back after 30 days unless it is claimed.';
    case 'succeeded':
      return `PayPal paid it to ${payout.receiver}.`;
    case 'failed':
      return payout.transfer_id === null
        ? 'It was refused before any money left your wallet.'
        : 'PayPal could not pay it. The money is back in your wallet.';
    case 'returned':
      return 'Nobody claimed it at PayPal. The money is back in your wallet.';
  }
}

const finalStatuses: ReadonlySet<PayoutStatus> = new Set(['succeeded', 'failed', 'returned']);
/** How often an open payout is read again while its state is on screen. */
const payoutPollMs = 2000;

/** Money out of a wallet to a PayPal account, after a confirmation step; then its state, and every payout. */
export function CashOutScreen() {
  const wallets = useWallets();
  // Each payout made or changed reads the balances and the list again.
  const [changes, setChanges] = useState(0);
  return (
    <Screen title="Cash out" lead="Send money from your wallet to a PayPal account.">
      <AsyncView state={wallets.state} onRetry={wallets.reload} loadingLabel="Loading your wallets…">
        {(data) =>
          data.length === 0 ? (
            <Loading label="Your wallet is being opened…" />
          ) : (
            <CashOutFlow
              wallets={data}
              onPayoutChanged={() => {
                wallets.reload();
                setChanges((count) => count + 1);
              }}
            />
          )
        }
      </AsyncView>
      <PayoutList refreshKey={changes} />
    </Screen>
  );
}

interface CheckedCashOut {
  wallet: Wallet;
  amountMinor: bigint;
  receiver: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function CashOutFlow({ wallets, onPayoutChanged }: { wallets: readonly Wallet[]; onPayoutChanged(): void }) {
  const client = useClient();
  const form = useRef<HTMLFormElement>(null);
  const [walletId, setWalletId] = useState(defaultWalletOf(wallets)!.id);
  const [amountText, setAmountText] = useState('');
  const [receiver, setReceiver] = useState('');
  const [errors, setErrors] = useState<FieldErrors<CashOutField>>({});
  const [checked, setChecked] = useState<CheckedCashOut | null>(null);
  const movement = useMoneyMovement<Payout>();
  const wallet = wallets.find((candidate) => candidate.id === walletId) ?? wallets[0]!;

  const review = (event: FormEvent) => {
    event.preventDefault();
    movement.reset();
    const found: FieldErrors<CashOutField> = {};
    const amount = parseAmount(amountText, wallet.currency);
    if (!amount.ok) found.amount = amount.message;
    else if (amount.amountMinor > BigInt(wallet.available)) {
      found.amount = `That is more than your wallet has available (${formatMoney(wallet.available, wallet.currency)}).`;
    }
    const email = receiver.trim();
    if (!emailPattern.test(email)) found.receiver = 'Enter the email address of a PayPal account.';
    setErrors(found);
    if (hasErrors(found) || !amount.ok) {
      focusFirstInvalid(form.current);
      return;
    }
    setChecked({ wallet, amountMinor: amount.amountMinor, receiver: email });
  };

  const confirm = (attempt: CheckedCashOut) => {
    const body = {
      wallet_id: attempt.wallet.id,
      amount: toWireAmount(attempt.amountMinor),
      receiver: attempt.receiver,
    };
    movement.confirm(async (idempotencyKey) => {
      try {
        return await createPayout(client, body, idempotencyKey);
      } catch (error) {
        // A refusal of a field goes back to the form, next to it.
        const placed = serverFieldErrors(error, ['amount', 'receiver'] as const);
        if (error instanceof ApiError && amountRefusals[error.code] !== undefined) {
          setErrors({ amount: amountRefusals[error.code] });
          setChecked(null);
        } else if (error instanceof ApiError && Object.keys(placed.fields).length > 0) {
          setErrors(placed.fields);
          setChecked(null);
        }
        throw error;
      }
    });
  };

  const startOver = () => {
    movement.reset();
    setChecked(null);
    setAmountText('');
  };

  if (movement.state.status === 'succeeded') {
    return <PayoutState payout={movement.state.result} onChanged={onPayoutChanged} onStartOver={startOver} />;
  }

  if (checked === null) {
    return (
      <>
        {movement.state.status === 'failed' ? (
          <ErrorNotice error={movement.state.error} overrides={payoutWords} />
        ) : null}
        <form ref={form} onSubmit={review} noValidate className="form card">
          <WalletField wallets={wallets} value={wallet.id} onValueChange={setWalletId} />
          <AmountField
            currency={wallet.currency}
            value={amountText}
            onValueChange={(value) => {
              setAmountText(value);
              setErrors((current) => ({ ...current, amount: undefined }));
            }}
            error={errors.amount}
          />
          <TextField
            id="receiver"
            label="PayPal email"
            hint="The email address of the PayPal account that gets the money."
            type="email"
            value={receiver}
            onValueChange={(value) => {
              setReceiver(value);
              setErrors((current) => ({ ...current, receiver: undefined }));
            }}
            error={errors.receiver}
            autoComplete="email"
            autoCapitalize="none"
            spellCheck={false}
          />
          <div className="actions">
            <button type="submit" className="button">
              Continue
            </button>
          </div>
        </form>
      </>
    );
  }

  const sending = movement.state.status === 'sending';
  return (
    <section aria-labelledby="confirm-heading" className="card">
      <h2 id="confirm-heading">Check and confirm</h2>
      <dl className="summary">
        <div>
          <dt>You cash out</dt>
          <dd className="summary-amount">
            <Money amount={checked.amountMinor} currency={checked.wallet.currency} />
          </dd>
        </div>
        <div>
          <dt>To</dt>
          <dd>PayPal account {checked.receiver}</dd>
        </div>
        <div>
          <dt>From</dt>
          <dd>
            Your {checked.wallet.currency} wallet (
            <Money amount={checked.wallet.available} currency={checked.wallet.currency} /> available)
          </dd>
        </div>
      </dl>
      <p className="hint">The money leaves your wallet at once. If PayPal cannot pay it, it comes back.</p>
      {movement.state.status === 'failed' ? (
        <ErrorNotice
          error={movement.state.error}
          overrides={payoutWords}
          {...(movement.state.retryable ? { onRetry: movement.retry } : {})}
        />
      ) : null}
      <div className="actions">
        {movement.state.status === 'failed' ? null : (
          <button type="button" className="button" disabled={sending} onClick={() => confirm(checked)}>
            {sending ? 'Cashing out…' : 'Confirm and cash out'}
          </button>
        )}
        <button
          type="button"
          className="button button-secondary"
          disabled={sending}
          onClick={() => {
            movement.reset();
            setChecked(null);
          }}
        >
          Change details
        </button>
      </div>
    </section>
  );
}

/** A payout just made, read again until PayPal's answer is final; `onChanged` hears each state it reaches. */
function PayoutState({
  payout: made,
  onChanged,
  onStartOver,
}: {
  payout: Payout;
  onChanged(): void;
  onStartOver(): void;
}) {
  const client = useClient();
  const current = useResource(`payout:${made.id}`, (signal) => getPayout(client, made.id, signal));
  const payout = current.state.status === 'ready' ? current.state.data : made;
  const open = !finalStatuses.has(payout.status);
  const { reload } = current;
  const { status } = payout;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new state is what is heard, not a new callback.
  useEffect(() => {
    onChanged();
  }, [status]);

  useEffect(() => {
    if (!open) return;
    const timer = setInterval(reload, payoutPollMs);
    return () => clearInterval(timer);
  }, [open, reload]);

  return (
    <Notice tone={payout.status === 'failed' ? 'warning' : 'success'} live>
      <p>
        Cash out of <Money amount={payout.amount} currency={payout.currency} /> to {payout.receiver}:{' '}
        <Badge tone={payoutStatusTones[payout.status]}>{payoutStatusNames[payout.status]}</Badge>{' '}
        {payout.sandbox ? <SandboxBadge /> : null}
      </p>
      <p>{payoutMeaningOf(payout)}</p>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={onStartOver}>
          Cash out more
        </button>
      </div>
    </Notice>
  );
}

function PayoutList({ refreshKey }: { refreshKey: number }) {
  const client = useClient();
  const { list, loadMore } = usePagedList(`payouts:${refreshKey}`, (cursor, signal) =>
    listPayouts(client, cursor, signal),
  );
  return (
    <section aria-labelledby="payouts-heading" className="section">
      <h2 id="payouts-heading">Your cash outs</h2>
      {list.status === 'loading' ? <Loading label="Loading your cash outs…" /> : null}
      {list.status === 'failed' && list.items.length === 0 ? (
        <ErrorNotice error={list.error} onRetry={loadMore} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? <p className="empty">No cash outs yet.</p> : null}
      {list.items.length === 0 ? null : (
        <ul className="item-list">
          {list.items.map((payout) => (
            <li key={payout.id} className="item">
              <span className="item-main">
                <span className="item-title">To {payout.receiver}</span>
                <span className="item-detail">
                  <time dateTime={payout.created_at}>{formatDateTime(payout.created_at)}</time>
                </span>
                <span className="item-detail">{payoutMeaningOf(payout)}</span>
                <span className="badges">
                  <Badge tone={payoutStatusTones[payout.status]}>{payoutStatusNames[payout.status]}</Badge>
                </span>
              </span>
              {payout.status === 'failed' || payout.status === 'returned' ? (
                <span className="item-amount">
                  <Money amount={payout.amount} currency={payout.currency} />
                </span>
              ) : (
                <span className="item-amount amount-out">
                  <Money amount={-payout.amount} currency={payout.currency} signed />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} onLoadMore={loadMore} noun="cash outs" />
    </section>
  );
}
