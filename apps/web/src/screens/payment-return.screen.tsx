import { isUuid } from '@moneypal/contracts/ids';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { ApiClient } from '../api/client';
import { codeOf } from '../api/errors';
import { getWallet, listTransactions } from '../api/ledger';
import { cancelPayment, capturePayment, getPayment } from '../api/payments';
import type { Payment, Wallet } from '../api/types';
import { Money } from '../components/money';
import { Screen } from '../components/screen';
import { Badge, ErrorNotice, Loading, Notice, SandboxBadge } from '../components/status';
import { WalletCard } from '../components/wallet-card';
import { Trans, useTranslation } from '../i18n';
import { isSettling, phaseName, phaseOf, phaseTones } from '../payments';
import { useClient } from '../session';

type FinishAction = 'capture' | 'cancel';

type Outcome =
  | { stage: 'finishing' }
  | { stage: 'failed'; error: unknown }
  | {
      stage: 'known';
      payment: Payment;
      /** The wallet once the ledger has the payment's movement; null while waiting for it. */
      wallet: Wallet | null;
      /** Polling stopped before the payment or the balance settled; the person may check again. */
      stoppedWaiting: boolean;
    };

/** PayPal sends the buyer back here after approving: capture, then follow the payment until it settles. */
export function PaymentReturnScreen() {
  return <PaymentOutcomeScreen action="capture" />;
}

/** PayPal sends the buyer back here after cancelling. */
export function PaymentCancelScreen() {
  return <PaymentOutcomeScreen action="cancel" />;
}

function PaymentOutcomeScreen({ action }: { action: FinishAction }) {
  const { t } = useTranslation('paymentReturn');
  const [search] = useSearchParams();
  const paymentId = search.get('payment_id');
  if (paymentId === null || !isUuid(paymentId)) {
    return (
      <Screen title={t('title')}>
        <Notice tone="error" live>
          <p>{t('noPayment')}</p>
        </Notice>
        <p>
          <Link to="/fund">{t('fund')}</Link>
        </p>
      </Screen>
    );
  }
  return <PaymentOutcome paymentId={paymentId} action={action} />;
}

/*
 * The capture or cancel of one payment is sent once per page, however often the screen
 * mounts (React's development double effects, a re-render): the server answers a repeated
 * one unchanged anyway, but there is no need to ask twice.
 */
const finishing = new Map<string, Promise<Payment>>();

function finishOnce(client: ApiClient, paymentId: string, action: FinishAction): Promise<Payment> {
  const key = `${action}:${paymentId}`;
  let pending = finishing.get(key);
  if (pending === undefined) {
    pending = (
      action === 'capture' ? capturePayment(client, paymentId) : cancelPayment(client, paymentId)
    ).catch((error: unknown) => {
      finishing.delete(key);
      // The payment moved on (captured by PayPal's webhook, declined, cancelled): read where it is.
      if (codeOf(error) === 'payment_not_capturable') return getPayment(client, paymentId);
      throw error;
    });
    finishing.set(key, pending);
  }
  return pending;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** Quick looks first, then slower ones: a capture usually settles in a second, a pending one may take long. */
const pollDelaysMs = [...Array<number>(10).fill(1_000), ...Array<number>(20).fill(3_000)];
const ledgerPolls = 30;

/** Whether the ledger already holds the movement a captured payment makes in the payer's wallet. */
async function ledgerHasMovementOf(
  client: ApiClient,
  payment: Payment,
  signal: AbortSignal,
): Promise<boolean> {
  const page = await listTransactions(client, { wallet_id: payment.wallet_id, limit: 20 }, signal);
  const type = payment.paid_to === null ? 'deposit' : 'payment';
  return page.data.some((transfer) => transfer.type === type && transfer.metadata.payment === payment.id);
}

function usePaymentOutcome(paymentId: string, action: FinishAction) {
  const client = useClient();
  const [outcome, setOutcome] = useState<Outcome>({ stage: 'finishing' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const follow = async () => {
      let payment = await finishOnce(client, paymentId, action);
      if (round > 0) payment = await getPayment(client, paymentId, signal);
      setOutcome({ stage: 'known', payment, wallet: null, stoppedWaiting: false });
      for (const delayMs of pollDelaysMs) {
        if (!isSettling(phaseOf(payment))) break;
        await pause(delayMs, signal);
        payment = await getPayment(client, paymentId, signal);
        setOutcome({ stage: 'known', payment, wallet: null, stoppedWaiting: false });
      }
      if (phaseOf(payment) !== 'captured') {
        setOutcome({ stage: 'known', payment, wallet: null, stoppedWaiting: isSettling(phaseOf(payment)) });
        return;
      }
      // Billing credits the wallet once it hears of the capture: wait for that before showing the balance.
      for (let poll = 0; poll < ledgerPolls; poll += 1) {
        if (await ledgerHasMovementOf(client, payment, signal)) {
          const wallet = await getWallet(client, payment.wallet_id, signal);
          setOutcome({ stage: 'known', payment, wallet, stoppedWaiting: false });
          return;
        }
        await pause(1_000, signal);
      }
      setOutcome({ stage: 'known', payment, wallet: null, stoppedWaiting: true });
    };
    follow().catch((error: unknown) => {
      if (!signal.aborted) setOutcome({ stage: 'failed', error });
    });
    return () => controller.abort();
  }, [client, paymentId, action, round]);

  const followAgain = useCallback(() => {
    setOutcome((current) => (current.stage === 'failed' ? { stage: 'finishing' } : current));
    setRound((value) => value + 1);
  }, []);
  return { outcome, followAgain };
}

function PaymentOutcome({ paymentId, action }: { paymentId: string; action: FinishAction }) {
  const { t } = useTranslation('paymentReturn');
  const { outcome, followAgain } = usePaymentOutcome(paymentId, action);

  if (outcome.stage === 'finishing') {
    return (
      <Screen title={t('title')}>
        <Loading label={action === 'capture' ? t('completing') : t('cancelling')} />
      </Screen>
    );
  }
  if (outcome.stage === 'failed') {
    return (
      <Screen title={t('title')}>
        <ErrorNotice error={outcome.error} onRetry={followAgain} overrides={{ not_found: t('notFound') }} />
      </Screen>
    );
  }

  const { payment, wallet, stoppedWaiting } = outcome;
  const phase = phaseOf(payment);
  // An amount inside a sentence: the sentence's `<amount/>` tag.
  const amount = { amount: <Money amount={payment.amount} currency={payment.currency} /> };
  return (
    <Screen title={t('title')}>
      <p className="badges">
        <Badge tone={phaseTones[phase]}>{phaseName(phase)}</Badge>
        {payment.sandbox ? <SandboxBadge /> : null}
      </p>
      {phase === 'captured' ? (
        wallet === null ? (
          stoppedWaiting ? (
            <Notice tone="success" live>
              <p>
                <Trans t={t} i18nKey="captured.soon" components={amount} />
              </p>
              <button type="button" className="button button-secondary" onClick={followAgain}>
                {t('checkAgain')}
              </button>
            </Notice>
          ) : (
            <Loading label={t('captured.updating')} />
          )
        ) : (
          <>
            <Notice tone="success" live>
              <p>
                <Trans
                  t={t}
                  i18nKey={payment.paid_to === null ? 'captured.added' : 'captured.paidProvider'}
                  components={amount}
                />
              </p>
            </Notice>
            <WalletCard wallet={wallet} headingLevel={2} />
          </>
        )
      ) : null}
      {phase === 'processing' ? <Loading label={t('processing')} /> : null}
      {phase === 'pending' ? (
        <Notice tone="warning" live>
          <p>
            <Trans t={t} i18nKey="pending" components={amount} />
          </p>
          {stoppedWaiting ? (
            <button type="button" className="button button-secondary" onClick={followAgain}>
              {t('checkAgain')}
            </button>
          ) : (
            <Loading label={t('waiting')} />
          )}
        </Notice>
      ) : null}
      {phase === 'declined' ? (
        <Notice tone="error" live>
          <p>
            <Trans t={t} i18nKey="declined" components={amount} />
          </p>
        </Notice>
      ) : null}
      {phase === 'cancelled' ? (
        <Notice tone="info" live>
          <p>
            <Trans t={t} i18nKey="cancelled" components={amount} />
          </p>
        </Notice>
      ) : null}
      {phase === 'expired' ? (
        <Notice tone="info" live>
          <p>
            <Trans t={t} i18nKey="expired" components={amount} />
          </p>
        </Notice>
      ) : null}
      {phase === 'refunded' ? (
        <Notice tone="info" live>
          <p>
            <Trans t={t} i18nKey="refunded" components={amount} />
          </p>
        </Notice>
      ) : null}
      {phase === 'awaiting-approval' ? (
        <Notice tone="info" live>
          <p>
            <Trans t={t} i18nKey="awaitingApproval" components={amount} />
          </p>
          {payment.approve_url === null ? null : (
            <p>
              <a href={payment.approve_url}>{t('approve')}</a>
            </p>
          )}
        </Notice>
      ) : null}
      <nav aria-label={t('nextSteps')} className="quick-actions">
        <Link className="button button-secondary" to="/">
          {t('home')}
        </Link>
        {phase === 'captured' ? (
          <Link className="button button-secondary" to="/history">
            {t('history')}
          </Link>
        ) : (
          <Link className="button button-secondary" to="/fund">
            {t('fund')}
          </Link>
        )}
      </nav>
    </Screen>
  );
}
