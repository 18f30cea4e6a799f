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
import { i18n, Trans, useTranslation } from '../i18n';
import { formatMoney, parseAmount, toWireAmount } from '../money';
import { useClient } from '../session';

type CashOutField = 'amount' | 'receiver';

/** The screen's words outside its components, in the language of the moment. */
const words = i18n.getFixedT(null, 'cashOut');

/** The server's refusals of a payout that belong to the amount, in the words of this screen. */
const amountRefusals = (): Record<string, string> => words('amountRefusals', { returnObjects: true });

const payoutWords = (): Record<string, string> => ({
  ...amountRefusals(),
  wallet_frozen: words('walletFrozen'),
});

/** A payout's state in a word or two, as its badge shows it. */
export function payoutStatusName(status: PayoutStatus): string {
  return words(`statuses.${status}`);
}

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
      return words('meanings.pending');
    case 'processing':
      return words('meanings.processing');
    case 'unclaimed':
      return words('meanings.unclaimed', { count: 30 });
    case 'succeeded':
      return words('meanings.succeeded', { receiver: payout.receiver });
    case 'failed':
      return payout.transfer_id === null ? words('meanings.refused') : words('meanings.failed');
    case 'returned':
      return words('meanings.returned');
  }
}

const finalStatuses: ReadonlySet<PayoutStatus> = new Set(['succeeded', 'failed', 'returned']);
/** How often an open payout is read again while its state is on screen. */
const payoutPollMs = 2000;

/** Money out of a wallet to a PayPal account, after a confirmation step; then its state, and every payout. */
export function CashOutScreen() {
  const { t } = useTranslation(['cashOut', 'common']);
  const wallets = useWallets();
  // Each payout made or changed reads the balances and the list again.
  const [changes, setChanges] = useState(0);
  return (
    <Screen title={t('title')} lead={t('lead')}>
      <AsyncView state={wallets.state} onRetry={wallets.reload} loadingLabel={t('common:loadingWallets')}>
        {(data) =>
          data.length === 0 ? (
            <Loading label={t('common:walletOpening')} />
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
  const { t } = useTranslation(['cashOut', 'sendForm']);
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
      found.amount = t('moreThanAvailable', { available: formatMoney(wallet.available, wallet.currency) });
    }
    const email = receiver.trim();
    if (!emailPattern.test(email)) found.receiver = t('receiverInvalid');
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
        const amountRefusal = error instanceof ApiError ? amountRefusals()[error.code] : undefined;
        if (amountRefusal !== undefined) {
          setErrors({ amount: amountRefusal });
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
          <ErrorNotice error={movement.state.error} overrides={payoutWords()} />
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
            label={t('receiver')}
            hint={t('receiverHint')}
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
              {t('continue')}
            </button>
          </div>
        </form>
      </>
    );
  }

  const sending = movement.state.status === 'sending';
  return (
    <section aria-labelledby="confirm-heading" className="card">
      <h2 id="confirm-heading">{t('confirm.heading')}</h2>
      <dl className="summary">
        <div>
          <dt>{t('confirm.verb')}</dt>
          <dd className="summary-amount">
            <Money amount={checked.amountMinor} currency={checked.wallet.currency} />
          </dd>
        </div>
        <div>
          <dt>{t('sendForm:to')}</dt>
          <dd>{t('confirm.account', { receiver: checked.receiver })}</dd>
        </div>
        <div>
          <dt>{t('sendForm:from')}</dt>
          <dd>
            <Trans
              t={t}
              i18nKey="sendForm:fromWallet"
              values={{ currency: checked.wallet.currency }}
              components={{
                available: <Money amount={checked.wallet.available} currency={checked.wallet.currency} />,
              }}
            />
          </dd>
        </div>
      </dl>
      <p className="hint">{t('confirm.hint')}</p>
      {movement.state.status === 'failed' ? (
        <ErrorNotice
          error={movement.state.error}
          overrides={payoutWords()}
          {...(movement.state.retryable ? { onRetry: movement.retry } : {})}
        />
      ) : null}
      <div className="actions">
        {movement.state.status === 'failed' ? null : (
          <button type="button" className="button" disabled={sending} onClick={() => confirm(checked)}>
            {sending ? t('confirm.sending') : t('confirm.send')}
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
          {t('confirm.change')}
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
  const { t } = useTranslation('cashOut');
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
        <Trans
          t={t}
          i18nKey="state.heading"
          values={{ receiver: payout.receiver }}
          components={{ amount: <Money amount={payout.amount} currency={payout.currency} /> }}
        />{' '}
        <Badge tone={payoutStatusTones[payout.status]}>{payoutStatusName(payout.status)}</Badge>{' '}
        {payout.sandbox ? <SandboxBadge /> : null}
      </p>
      <p>{payoutMeaningOf(payout)}</p>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={onStartOver}>
          {t('state.more')}
        </button>
      </div>
    </Notice>
  );
}

function PayoutList({ refreshKey }: { refreshKey: number }) {
  const { t } = useTranslation('cashOut');
  const client = useClient();
  const { list, loadMore } = usePagedList(`payouts:${refreshKey}`, (cursor, signal) =>
    listPayouts(client, cursor, signal),
  );
  return (
    <section aria-labelledby="payouts-heading" className="section">
      <h2 id="payouts-heading">{t('list.heading')}</h2>
      {list.status === 'loading' ? <Loading label={t('list.loading')} /> : null}
      {list.status === 'failed' && list.items.length === 0 ? (
        <ErrorNotice error={list.error} onRetry={loadMore} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? <p className="empty">{t('list.none')}</p> : null}
      {list.items.length === 0 ? null : (
        <ul className="item-list">
          {list.items.map((payout) => (
            <li key={payout.id} className="item">
              <span className="item-main">
                <span className="item-title">{t('list.to', { receiver: payout.receiver })}</span>
                <span className="item-detail">
                  <time dateTime={payout.created_at}>{formatDateTime(payout.created_at)}</time>
                </span>
                <span className="item-detail">{payoutMeaningOf(payout)}</span>
                <span className="badges">
                  <Badge tone={payoutStatusTones[payout.status]}>{payoutStatusName(payout.status)}</Badge>
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
      <LoadMore
        list={list}
        onLoadMore={loadMore}
        loadingLabel={t('list.loadingMore')}
        loadLabel={t('list.loadMore')}
      />
    </section>
  );
}
