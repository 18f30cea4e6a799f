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
import { Trans, useTranslation } from '../i18n';
import { formatMoney, parseAmount, toWireAmount } from '../money';
import { useClient } from '../session';
import { shortReferenceOf } from './transaction.screen';

const holdStatusTones = {
  held: 'warning',
  captured: 'success',
  voided: 'neutral',
  expired: 'neutral',
} as const;

type Side = 'payer' | 'payee';

/** Escrow payments the person made or is owed: the payer releases them, the payee may decline them. */
export function HoldsScreen() {
  const { t } = useTranslation('holds');
  const [settled, setSettled] = useState(0);
  const onSettled = () => setSettled((count) => count + 1);
  return (
    <Screen title={t('title')} lead={t('lead')}>
      <HoldSection side="payer" refreshKey={settled} onSettled={onSettled} />
      <HoldSection side="payee" refreshKey={settled} onSettled={onSettled} />
      <section aria-labelledby="dispute-heading" className="section">
        <h2 id="dispute-heading">{t('dispute.heading')}</h2>
        <p>{t('dispute.text')}</p>
      </section>
    </Screen>
  );
}

function HoldSection({ side, refreshKey, onSettled }: { side: Side; refreshKey: number; onSettled(): void }) {
  const { t } = useTranslation('holds');
  const client = useClient();
  const direction = side === 'payer' ? 'out' : 'in';
  const { list, loadMore } = usePagedList(`holds:${direction}:${refreshKey}`, (cursor, signal) =>
    listHolds(client, { direction, ...(cursor === undefined ? {} : { cursor }) }, signal),
  );
  return (
    <section aria-labelledby={`holds-${side}-heading`} className="section">
      <h2 id={`holds-${side}-heading`}>{t(`${side}.heading`)}</h2>
      {list.status === 'loading' ? <Loading label={t(`${side}.loading`)} /> : null}
      {list.status === 'failed' && list.items.length === 0 ? (
        <ErrorNotice error={list.error} onRetry={loadMore} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <p className="empty">{t(`${side}.none`)}</p>
      ) : null}
      {list.items.length === 0 ? null : (
        <ul className="item-list">
          {list.items.map((hold) => (
            <HoldItem key={hold.id} hold={hold} side={side} onSettled={onSettled} />
          ))}
        </ul>
      )}
      <LoadMore
        list={list}
        onLoadMore={loadMore}
        loadingLabel={t(`${side}.loadingMore`)}
        loadLabel={t(`${side}.loadMore`)}
      />
    </section>
  );
}

function HoldItem({ hold, side, onSettled }: { hold: Hold; side: Side; onSettled(): void }) {
  const { t } = useTranslation('holds');
  const title = hold.description ?? t(`${side}.untitled`);
  return (
    <li className="item hold" aria-label={title}>
      <div className="item-main">
        <span className="item-title">{title}</span>
        <span className="item-detail">
          <Trans
            t={t}
            i18nKey="item.heldOn"
            values={{ reference: shortReferenceOf(hold.id) }}
            components={{
              time: <time dateTime={hold.created_at}>{formatDateTime(hold.created_at)}</time>,
            }}
          />
        </span>
        {hold.status === 'held' && hold.expires_at !== null ? (
          <span className="item-detail">
            <Trans
              t={t}
              i18nKey={hold.on_expiry === 'void' ? 'item.returnsOn' : 'item.releasedOn'}
              components={{
                time: <time dateTime={hold.expires_at}>{formatDateTime(hold.expires_at)}</time>,
              }}
            />
          </span>
        ) : null}
        {hold.status === 'captured' ? (
          <span className="item-detail">
            <Trans
              t={t}
              i18nKey={hold.captured_amount < hold.amount ? 'item.releasedPart' : 'item.releasedAll'}
              components={{
                released: <Money amount={hold.captured_amount} currency={hold.currency} />,
                back: <Money amount={hold.amount - hold.captured_amount} currency={hold.currency} />,
              }}
            />
          </span>
        ) : null}
        <span className="badges">
          <Badge tone={holdStatusTones[hold.status]}>{t(`statuses.${hold.status}`)}</Badge>
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
  const { t } = useTranslation('holds');
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
        ? t('actions.lessThan', { amount: formatMoney(hold.amount, hold.currency) })
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
          overrides={t('refusals', { returnObjects: true })}
          {...(movement.state.retryable ? { onRetry: movement.retry } : {})}
        />
      ) : null}
      {sending ? <Notice tone="info">{t('actions.working')}</Notice> : null}
      {side === 'payee' ? (
        <div className="actions">
          <button
            type="button"
            className="button button-secondary"
            disabled={sending}
            onClick={() => settle((key) => voidHold(client, hold.id, key))}
          >
            {t('actions.decline')}
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
              {t('actions.releaseAll')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              aria-expanded={partOpen}
              aria-controls={`${fieldId}-form`}
              disabled={sending}
              onClick={() => setPartOpen((open) => !open)}
            >
              {t('actions.releasePart')}
            </button>
          </div>
          {partOpen ? (
            <form ref={form} id={`${fieldId}-form`} className="form" onSubmit={releasePart} noValidate>
              <AmountField
                id={fieldId}
                label={t('actions.amount')}
                currency={hold.currency}
                value={amountText}
                onValueChange={(value) => {
                  setAmountText(value);
                  setAmountError(undefined);
                }}
                error={amountError}
              />
              <p className="hint">{t('actions.rest')}</p>
              <div className="actions">
                <button type="submit" className="button" disabled={sending}>
                  {t('actions.release')}
                </button>
              </div>
            </form>
          ) : null}
        </>
      )}
    </div>
  );
}
