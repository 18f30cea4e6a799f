import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { cancelPaymentRequest, declinePaymentRequest, payPaymentRequest } from '../api/payment-requests';
import type { PaymentRequest, Wallet } from '../api/types';
import { formatDateTime } from '../dates';
import { useMoneyMovement } from '../hooks/use-money-movement';
import { useTranslation } from '../i18n';
import { formatMoney } from '../money';
import { useClient, useUser } from '../session';
import { personLabel } from '../transactions';
import { TextField } from './fields';
import { Money } from './money';
import { SendSummary } from './send-form';
import { Badge, ErrorNotice, Notice } from './status';
import { WalletField } from './wallet-fields';

const statusTones = {
  pending: 'warning',
  paid: 'success',
  declined: 'error',
  cancelled: 'neutral',
  expired: 'neutral',
} as const;

/** The server's refusals of a request's pay, decline or cancel, in the words of these screens. */
export function useRefusalWords(): Record<string, string> {
  const { t } = useTranslation('requests');
  return {
    payment_request_closed: t('refusals.payment_request_closed'),
    insufficient_funds: t('refusals.insufficient_funds'),
    limit_exceeded: t('refusals.limit_exceeded'),
    wallet_frozen: t('refusals.wallet_frozen'),
    currency_mismatch: t('refusals.currency_mismatch'),
    not_found: t('refusals.not_found'),
    rate_limited: t('refusals.rate_limited'),
  };
}

/** Whom a request names from the reader's side: the requester to the payer, the payer to the requester. */
function otherPartyOf(request: PaymentRequest, incoming: boolean): string | null {
  return incoming
    ? personLabel(request.requester_name, request.requester_handle)
    : personLabel(request.payer_name, request.payer_handle);
}

/**
 * One payment request, from the reader's side: the payer pays it or declines it (each one tap,
 * then a confirmation naming the amount and the requester), the requester cancels it.
 * `onChanged` is told what happened, in a sentence, once the server agreed.
 */
export function PaymentRequestItem({
  request,
  wallets,
  onChanged,
  as: Element = 'li',
}: {
  request: PaymentRequest;
  wallets: readonly Wallet[];
  onChanged(message: string): void;
  as?: 'li' | 'div';
}) {
  const { t } = useTranslation('requests');
  const user = useUser();
  const incoming = request.payer_id === user.id;
  const other = otherPartyOf(request, incoming) ?? t('item.someone');
  const title = request.description ?? t('item.untitled');
  return (
    <Element
      className="item payment-request"
      aria-label={`${title}, ${formatMoney(request.amount, request.currency)}`}
    >
      <div className="item-main">
        <span className="item-title">{title}</span>
        <span className="item-detail">
          {incoming ? t('item.from', { name: other }) : t('item.to', { name: other })}
        </span>
        <span className="item-detail">
          {t('item.asked', { date: formatDateTime(request.created_at) })}
          {request.status === 'pending'
            ? ` · ${t('item.expires', { date: formatDateTime(request.expires_at) })}`
            : null}
          {request.paid_at !== null
            ? ` · ${t('item.paidOn', { date: formatDateTime(request.paid_at) })}`
            : null}
          {request.closed_at !== null
            ? ` · ${t('item.closedOn', { date: formatDateTime(request.closed_at) })}`
            : null}
        </span>
        {request.decline_reason === null ? null : (
          <span className="item-detail">{t('item.reason', { reason: request.decline_reason })}</span>
        )}
        <span className="badges">
          <Badge tone={statusTones[request.status]}>{t(`status.${request.status}`)}</Badge>
        </span>
        {request.transfer_id === null ? null : (
          <Link to={`/history/${request.transfer_id}`}>{t('item.seeTransfer')}</Link>
        )}
      </div>
      <span className="item-amount">
        <Money amount={request.amount} currency={request.currency} />
      </span>
      {request.status !== 'pending' ? null : (
        <div className="request-answer">
          {incoming ? (
            <AnswerActions request={request} requester={other} wallets={wallets} onChanged={onChanged} />
          ) : (
            <CancelAction request={request} onChanged={onChanged} />
          )}
        </div>
      )}
    </Element>
  );
}

type Step = 'choose' | 'pay' | 'decline';

/** The payer's two answers: Pay (then the same confirmation as sending) or Decline (then a confirmation). */
function AnswerActions({
  request,
  requester,
  wallets,
  onChanged,
}: {
  request: PaymentRequest;
  requester: string;
  wallets: readonly Wallet[];
  onChanged(message: string): void;
}) {
  const { t } = useTranslation('requests');
  const [step, setStep] = useState<Step>('choose');
  if (step === 'pay') {
    return (
      <PayStep
        request={request}
        requester={requester}
        wallets={wallets}
        onBack={() => setStep('choose')}
        onChanged={onChanged}
      />
    );
  }
  if (step === 'decline') {
    return (
      <DeclineStep
        request={request}
        requester={requester}
        onBack={() => setStep('choose')}
        onChanged={onChanged}
      />
    );
  }
  return (
    <div className="actions">
      <button type="button" className="button" onClick={() => setStep('pay')}>
        {t('actions.pay')}
      </button>
      <button type="button" className="button button-secondary" onClick={() => setStep('decline')}>
        {t('actions.decline')}
      </button>
    </div>
  );
}

function PayStep({
  request,
  requester,
  wallets,
  onBack,
  onChanged,
}: {
  request: PaymentRequest;
  requester: string;
  wallets: readonly Wallet[];
  onBack(): void;
  onChanged(message: string): void;
}) {
  const { t } = useTranslation('requests');
  const client = useClient();
  const refusalWords = useRefusalWords();
  const payable = wallets.filter(
    (wallet) => wallet.currency === request.currency && wallet.status === 'active',
  );
  const [walletId, setWalletId] = useState(
    () => (payable.find((wallet) => wallet.is_default) ?? payable[0])?.id ?? '',
  );
  const movement = useMoneyMovement<PaymentRequest>();
  const wallet = payable.find((candidate) => candidate.id === walletId) ?? payable[0];
  const headingId = `pay-${request.id}-heading`;
  if (wallet === undefined) {
    return (
      <Notice tone="warning">
        <p>{t('actions.noWallet', { currency: request.currency })}</p>
        <button type="button" className="button button-secondary" onClick={onBack}>
          {t('actions.back')}
        </button>
      </Notice>
    );
  }
  const sending = movement.state.status === 'sending';
  const pay = () =>
    movement.confirm(async (idempotencyKey) => {
      const paid = await payPaymentRequest(client, request.id, wallet.id, idempotencyKey);
      onChanged(t('actions.paid', { amount: formatMoney(paid.amount, paid.currency), name: requester }));
      return paid;
    });
  return (
    <section aria-labelledby={headingId} className="confirm-step">
      <h3 id={headingId}>{t('actions.payHeading')}</h3>
      {payable.length > 1 ? (
        <WalletField wallets={payable} value={wallet.id} onValueChange={setWalletId} />
      ) : null}
      <SendSummary
        send={{
          wallet,
          recipient: request.requester_handle ?? requester,
          recipientName: requester,
          amountMinor: BigInt(request.amount),
          description: request.description ?? undefined,
        }}
        verb={t('actions.youPay')}
      />
      {movement.state.status === 'failed' ? (
        <ErrorNotice
          error={movement.state.error}
          overrides={refusalWords}
          {...(movement.state.retryable ? { onRetry: movement.retry } : {})}
        />
      ) : null}
      <div className="actions">
        {movement.state.status === 'failed' ? null : (
          <button type="button" className="button" disabled={sending} onClick={pay}>
            {sending ? t('actions.paying') : t('actions.confirmPay')}
          </button>
        )}
        <button type="button" className="button button-secondary" disabled={sending} onClick={onBack}>
          {t('actions.back')}
        </button>
      </div>
    </section>
  );
}

function DeclineStep({
  request,
  requester,
  onBack,
  onChanged,
}: {
  request: PaymentRequest;
  requester: string;
  onBack(): void;
  onChanged(message: string): void;
}) {
  const { t } = useTranslation('requests');
  const client = useClient();
  const refusalWords = useRefusalWords();
  const [reason, setReason] = useState('');
  const [state, setState] = useState<{ status: 'idle' | 'sending' } | { status: 'failed'; error: unknown }>({
    status: 'idle',
  });
  const headingId = `decline-${request.id}-heading`;
  const sending = state.status === 'sending';
  const decline = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    setState({ status: 'sending' });
    try {
      const trimmed = reason.trim();
      await declinePaymentRequest(client, request.id, trimmed === '' ? undefined : trimmed);
      onChanged(t('actions.declined'));
    } catch (error) {
      setState({ status: 'failed', error });
    }
  };
  return (
    <form aria-labelledby={headingId} className="confirm-step form" onSubmit={decline} noValidate>
      <h3 id={headingId}>{t('actions.declineHeading')}</h3>
      <p>
        {t('actions.declineSummary', {
          name: requester,
          amount: formatMoney(request.amount, request.currency),
        })}
      </p>
      <TextField
        id={`reason-${request.id}`}
        label={t('actions.reasonLabel')}
        optional
        hint={t('actions.reasonHint')}
        value={reason}
        onValueChange={setReason}
        maxLength={500}
        autoComplete="off"
      />
      {state.status === 'failed' ? <ErrorNotice error={state.error} overrides={refusalWords} /> : null}
      <div className="actions">
        <button type="submit" className="button" disabled={sending}>
          {sending ? t('actions.declining') : t('actions.confirmDecline')}
        </button>
        <button type="button" className="button button-secondary" disabled={sending} onClick={onBack}>
          {t('actions.keep')}
        </button>
      </div>
    </form>
  );
}

/** The requester takes a pending request back, in one tap. */
function CancelAction({ request, onChanged }: { request: PaymentRequest; onChanged(message: string): void }) {
  const { t } = useTranslation('requests');
  const client = useClient();
  const refusalWords = useRefusalWords();
  const [state, setState] = useState<{ status: 'idle' | 'sending' } | { status: 'failed'; error: unknown }>({
    status: 'idle',
  });
  const sending = state.status === 'sending';
  const cancel = async () => {
    if (sending) return;
    setState({ status: 'sending' });
    try {
      await cancelPaymentRequest(client, request.id);
      onChanged(t('actions.cancelled'));
    } catch (error) {
      setState({ status: 'failed', error });
    }
  };
  return (
    <>
      {state.status === 'failed' ? <ErrorNotice error={state.error} overrides={refusalWords} /> : null}
      <div className="actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={sending}
          onClick={() => void cancel()}
        >
          {sending ? t('actions.cancelling') : t('actions.cancel')}
        </button>
      </div>
    </>
  );
}
