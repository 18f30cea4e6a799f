import { type FormEvent, useRef, useState } from 'react';
import { captureHold, listHolds, voidHold } from '../api/holds';
import type { Hold, HoldResult } from '../api/types';
import { focusFirstInvalid } from '../components/fields';
import { LoadMore } from '../components/load-more';
import { Money } from '../components/money';
import { Screen } from '../components/screen';
import { Badge, ErrorNotice, Loading, Notice } from '../components/status';
import { AmountField } from '../components/wallet-fields';
import { formatDateTime } from '../dates';
import { useMoneyMovement } from '../hooks/use-money-movement';
import { usePagedList } from '../hooks/use-paged-list';
import { formatMoney, parseAmount, toWireAmount } from '../money';
import { useClient } from '../session';
import { shortReferenceOf } from './transaction.screen';

const holdStatusNames: Readonly<Record<Hold['status'], string>> = {
  held: 'Held',
  captured: 'Released',
  voided: 'Returned',
  expired: 'Expired',
};

const holdStatusTones = {
  held: 'warning',
  captured: 'success',
  voided: 'neutral',
  expired: 'neutral',
} as const;

const holdWords: Record<string, string> = {
  hold_already_settled: 'This payment was already settled meanwhile. Reload the page to see how.',
  wallet_frozen: 'One of the wallets is frozen, so the money cannot be released. Please contact support.',
};

type Side = 'payer' | 'payee';

/** Escrow payments the person made or is owed: the payer releases them, the payee may decline them. */
export function HoldsScreen() {
  const [settled, setSettled] = useState(0);
  const onSettled = () => setSettled((count) => count + 1);
  return (
    <Screen
      title="Held payments"
      lead="Money held in escrow until a job is done. The payer releases it; the provider may decline it."
    >
      <HoldSection side="payer" refreshKey={settled} onSettled={onSettled} />
      <HoldSection side="payee" refreshKey={settled} onSettled={onSettled} />
      <section aria-labelledby="dispute-heading" className="section">
        <h2 id="dispute-heading">Not happy with a job?</h2>
        <p>
          Do not release the money. Write to MoneyPal support with the payment’s reference: support settles
          disputes and can give the money back to you or release it to the provider.
        </p>
      </section>
    </Screen>
  );
}

function HoldSection({ side, refreshKey, onSettled }: { side: Side; refreshKey: number; onSettled(): void }) {
  const client = useClient();
  const direction = side === 'payer' ? 'out' : 'in';
  const { list, loadMore } = usePagedList(`holds:${direction}:${refreshKey}`, (cursor, signal) =>
    listHolds(client, { direction, ...(cursor === undefined ? {} : { cursor }) }, signal),
  );
  const heading = side === 'payer' ? 'Payments you hold' : 'Payments held for you';
  const noun = side === 'payer' ? 'payments you hold' : 'payments held for you';
  return (
    <section aria-labelledby={`holds-${side}-heading`} className="section">
      <h2 id={`holds-${side}-heading`}>{heading}</h2>
      {list.status === 'loading' ? <Loading label={`Loading ${noun}…`} /> : null}
      {list.status === 'failed' && list.items.length === 0 ? (
        <ErrorNotice error={list.error} onRetry={loadMore} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <p className="empty">
          {side === 'payer'
            ? 'None. Choose “Hold the money until the job is done” when you pay a provider.'
            : 'None yet.'}
        </p>
      ) : null}
      {list.items.length === 0 ? null : (
        <ul className="item-list">
          {list.items.map((hold) => (
            <HoldItem key={hold.id} hold={hold} side={side} onSettled={onSettled} />
          ))}
        </ul>
      )}
      <LoadMore list={list} onLoadMore={loadMore} noun={noun} />
    </section>
  );
}

function HoldItem({ hold, side, onSettled }: { hold: Hold; side: Side; onSettled(): void }) {
  const title = hold.description ?? (side === 'payer' ? 'Payment to a provider' : 'Payment for you');
  return (
    <li className="item hold" aria-label={title}>
      <div className="item-main">
        <span className="item-title">{title}</span>
        <span className="item-detail">
          Reference {shortReferenceOf(hold.id)} · held{' '}
          <time dateTime={hold.created_at}>{formatDateTime(hold.created_at)}</time>
        </span>
        {hold.status === 'held' && hold.expires_at !== null ? (
          <span className="item-detail">
            {hold.on_expiry === 'void' ? 'Goes back to the payer' : 'Released to the provider'} on{' '}
            <time dateTime={hold.expires_at}>{formatDateTime(hold.expires_at)}</time> unless settled before.
          </span>
        ) : null}
        {hold.status === 'captured' ? (
          <span className="item-detail">
            <Money amount={hold.captured_amount} currency={hold.currency} /> released to the provider
            {hold.captured_amount < hold.amount ? (
              <>
                , <Money amount={hold.amount - hold.captured_amount} currency={hold.currency} /> back to the
                payer
              </>
            ) : null}
            .
          </span>
        ) : null}
        <span className="badges">
          <Badge tone={holdStatusTones[hold.status]}>{holdStatusNames[hold.status]}</Badge>
        </span>
        {hold.status === 'held' ? <HoldActions hold={hold} side={side} onSettled={onSettled} /> : null}
      </div>
      <span className="item-amount">
        <Money amount={hold.amount} currency={hold.currency} />
      </span>
    </li>
  );
}

/** The payer releases all or part; the payee declines. */
function HoldActions({ hold, side, onSettled }: { hold: Hold; side: Side; onSettled(): void }) {
  const client = useClient();
  const form = useRef<HTMLFormElement>(null);
  const movement = useMoneyMovement<HoldResult>();
  const [partOpen, setPartOpen] = useState(false);
  const [amountText, setAmountText] = useState('');
  const [amountError, setAmountError] = useState<string | undefined>();
  const sending = movement.state.status === 'sending';
  const fieldId = `release-${hold.id}`;

  const settle = (send: (idempotencyKey: string) => Promise<HoldResult>) =>
    movement.confirm(async (idempotencyKey) => {
      const result = await send(idempotencyKey);
      onSettled();
      return result;
    });

  const releasePart = (event: FormEvent) => {
    event.preventDefault();
    const amount = parseAmount(amountText, hold.currency);
    const error = !amount.ok
      ? amount.message
      : amount.amountMinor >= BigInt(hold.amount)
        ? `Enter less than ${formatMoney(hold.amount, hold.currency)}, or release all of it.`
        : undefined;
    setAmountError(error);
    if (error !== undefined || !amount.ok) {
      focusFirstInvalid(form.current);
      return;
    }
    const minor = toWireAmount(amount.amountMinor);
    settle((key) => captureHold(client, hold.id, minor, key));
  };

  return (
    <div className="hold-actions">
      {movement.state.status === 'failed' ? (
        <ErrorNotice
          error={movement.state.error}
          overrides={holdWords}
          {...(movement.state.retryable ? { onRetry: movement.retry } : {})}
        />
      ) : null}
      {sending ? <Notice tone="info">Working on it…</Notice> : null}
      {side === 'payee' ? (
        <div className="actions">
          <button
            type="button"
            className="button button-secondary"
            disabled={sending}
            onClick={() => settle((key) => voidHold(client, hold.id, key))}
          >
            Decline the job
          </button>
        </div>
      ) : (
        <>
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={sending}
              onClick={() => settle((key) => captureHold(client, hold.id, undefined, key))}
            >
              Release all
            </button>
            <button
              type="button"
              className="button button-secondary"
              aria-expanded={partOpen}
              aria-controls={`${fieldId}-form`}
              disabled={sending}
              onClick={() => setPartOpen((open) => !open)}
            >
              Release part
            </button>
          </div>
          {partOpen ? (
            <form ref={form} id={`${fieldId}-form`} className="form" onSubmit={releasePart} noValidate>
              <AmountField
                id={fieldId}
                label="Amount to release"
                currency={hold.currency}
                value={amountText}
                onValueChange={(value) => {
                  setAmountText(value);
                  setAmountError(undefined);
                }}
                error={amountError}
              />
              <p className="hint">The rest goes back to your balance.</p>
              <div className="actions">
                <button type="submit" className="button" disabled={sending}>
                  Release this amount
                </button>
              </div>
            </form>
          ) : null}
        </>
      )}
    </div>
  );
}
