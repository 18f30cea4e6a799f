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
import { isSettling, phaseNames, phaseOf, phaseTones } from '../payments';
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
  const [search] = useSearchParams();
  const paymentId = search.get('payment_id');
  if (paymentId === null || !isUuid(paymentId)) {
    return (
      <Screen title="Your payment">
        <Notice tone="error" live>
          <p>This link does not name a payment, so there is nothing to complete.</p>
        </Notice>
        <p>
          <Link to="/fund">Add money</Link>
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
  const { outcome, followAgain } = usePaymentOutcome(paymentId, action);

  if (outcome.stage === 'finishing') {
    return (
      <Screen title="Your payment">
        <Loading
          label={
            action === 'capture' ? 'Completing your payment with PayPal…' : 'Recording that you cancelled…'
          }
        />
      </Screen>
    );
  }
  if (outcome.stage === 'failed') {
    return (
      <Screen title="Your payment">
        <ErrorNotice
          error={outcome.error}
          onRetry={followAgain}
          overrides={{ not_found: 'We could not find this payment.' }}
        />
      </Screen>
    );
  }

  const { payment, wallet, stoppedWaiting } = outcome;
  const phase = phaseOf(payment);
  const amount = <Money amount={payment.amount} currency={payment.currency} />;
  return (
    <Screen title="Your payment">
      <p className="badges">
        <Badge tone={phaseTones[phase]}>{phaseNames[phase]}</Badge>
        {payment.sandbox ? <SandboxBadge /> : null}
      </p>
      {phase === 'captured' ? (
        wallet === null ? (
          stoppedWaiting ? (
            <Notice tone="success" live>
              <p>PayPal completed your payment of {amount}. Your balance will show it in a moment.</p>
              <button type="button" className="button button-secondary" onClick={followAgain}>
                Check again
              </button>
            </Notice>
          ) : (
            <Loading label="Payment complete. Updating your balance…" />
          )
        ) : (
          <>
            <Notice tone="success" live>
              <p>
                {payment.paid_to === null ? (
                  <>Payment complete: {amount} was added to your wallet.</>
                ) : (
                  <>
                    Payment complete: {amount} went through your wallet to the provider. Find the invoice in
                    Reports.
                  </>
                )}
              </p>
            </Notice>
            <WalletCard wallet={wallet} headingLevel={2} />
          </>
        )
      ) : null}
      {phase === 'processing' ? <Loading label="Completing your payment…" /> : null}
      {phase === 'pending' ? (
        <Notice tone="warning" live>
          <p>
            PayPal is still processing your payment of {amount} (pending). We add the money as soon as PayPal
            confirms it — you can leave this page.
          </p>
          {stoppedWaiting ? (
            <button type="button" className="button button-secondary" onClick={followAgain}>
              Check again
            </button>
          ) : (
            <Loading label="Waiting for PayPal…" />
          )}
        </Notice>
      ) : null}
      {phase === 'declined' ? (
        <Notice tone="error" live>
          <p>
            PayPal declined this payment of {amount}. No money was taken. You can try again with another way
            to pay.
          </p>
        </Notice>
      ) : null}
      {phase === 'cancelled' ? (
        <Notice tone="info" live>
          <p>You cancelled this payment of {amount} at PayPal. No money was taken.</p>
        </Notice>
      ) : null}
      {phase === 'expired' ? (
        <Notice tone="info" live>
          <p>This payment of {amount} expired before it was approved. No money was taken.</p>
        </Notice>
      ) : null}
      {phase === 'refunded' ? (
        <Notice tone="info" live>
          <p>This payment of {amount} was refunded.</p>
        </Notice>
      ) : null}
      {phase === 'awaiting-approval' ? (
        <Notice tone="info" live>
          <p>This payment of {amount} has not been approved at PayPal yet.</p>
          {payment.approve_url === null ? null : (
            <p>
              <a href={payment.approve_url}>Approve it at PayPal</a>
            </p>
          )}
        </Notice>
      ) : null}
      <nav aria-label="Next steps" className="quick-actions">
        <Link className="button button-secondary" to="/">
          Home
        </Link>
        {phase === 'captured' ? (
          <Link className="button button-secondary" to="/history">
            History
          </Link>
        ) : (
          <Link className="button button-secondary" to="/fund">
            Add money
          </Link>
        )}
      </nav>
    </Screen>
  );
}
