import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { payBill } from '../api/billing';
import { ApiError } from '../api/client';
import { createPayment } from '../api/payments';
import type { BillResult, Payment, Wallet } from '../api/types';
import { TextField } from '../components/fields';
import { Money } from '../components/money';
import { Screen } from '../components/screen';
import {
  type CheckedSend,
  checkSend,
  recipientRefusalCodes,
  type SendDetails,
  type SendField,
  SendForm,
  SendSummary,
  sendFieldAliases,
} from '../components/send-form';
import { AsyncView, ErrorNotice, Loading, Notice, SandboxBadge } from '../components/status';
import { formatDay, isDay, startOfLocalDay, today } from '../dates';
import { type FieldErrors, serverFieldErrors } from '../forms';
import { useMoneyMovement } from '../hooks/use-money-movement';
import { useRecentRecipients } from '../hooks/use-recent-recipients';
import { defaultWalletOf, useWallets } from '../hooks/use-wallets';
import { toWireAmount } from '../money';
import { useClient } from '../session';

/** The server's refusals of a payment to a provider, in the words of this screen. */
export const billWords: Record<string, string> = {
  recipient_not_found: 'Unknown user: no MoneyPal user has that user name or email.',
  recipient_has_no_wallet: 'They have no wallet in this currency, so they cannot be paid in it.',
  wallet_not_found: 'Your wallet was not found. Reload the page and try again.',
  insufficient_funds:
    'Your wallet does not have enough money for this payment. You can pay through PayPal instead.',
  currency_mismatch:
    'The provider’s wallet holds another currency than yours, so this payment is not possible.',
  wallet_frozen: 'One of the wallets is frozen, so no money can move. Please contact support.',
};

/** Escrow as chosen on the form: held until released, and given back on `returnDay` unless released before. */
interface EscrowChoice {
  escrow: boolean;
  /** A local calendar day (`YYYY-MM-DD`), or empty for no expiry. */
  returnDay: string;
}

/** Why an escrow return day cannot be used, or undefined when it can (empty: no expiry). */
export function returnDayError(day: string, now: Date = new Date()): string | undefined {
  if (day === '') return undefined;
  if (!isDay(day)) return 'Enter a date, such as 2027-01-15.';
  return day > today(now) ? undefined : 'Choose a day after today.';
}

/** Pay a provider: from the wallet when it holds enough, else through PayPal; or into escrow from the wallet. */
export function PayScreen() {
  const wallets = useWallets();
  return (
    <Screen title="Pay a provider" lead="Pay someone for a service. You get an invoice.">
      <AsyncView state={wallets.state} onRetry={wallets.reload} loadingLabel="Loading your wallets…">
        {(data) =>
          data.length === 0 ? (
            <Loading label="Your wallet is being opened…" />
          ) : (
            <PayFlow wallets={data} onPaid={wallets.reload} />
          )
        }
      </AsyncView>
    </Screen>
  );
}

const sendFields = ['recipient', 'amount', 'description'] as const;

function PayFlow({ wallets, onPaid }: { wallets: readonly Wallet[]; onPaid(): void }) {
  const recentRecipients = useRecentRecipients();
  const client = useClient();
  const emptyDetails = (): SendDetails => ({
    walletId: defaultWalletOf(wallets)!.id,
    recipient: '',
    amountText: '',
    description: '',
  });
  const [details, setDetails] = useState(emptyDetails);
  const [errors, setErrors] = useState<FieldErrors<SendField>>({});
  const [checked, setChecked] = useState<CheckedSend | null>(null);
  const [escrow, setEscrow] = useState<EscrowChoice>({ escrow: false, returnDay: '' });
  const [returnDayMessage, setReturnDayMessage] = useState<string | undefined>();
  const bill = useMoneyMovement<BillResult>();
  const paypal = useMoneyMovement<Payment>();

  useEffect(() => {
    const state = paypal.state;
    if (state.status === 'succeeded' && state.result.approve_url !== null) {
      window.location.assign(state.result.approve_url);
    }
  }, [paypal.state]);

  /** Field errors of a refusal go back to the form, next to their fields. */
  const placeFieldErrors = (error: unknown) => {
    const placed = serverFieldErrors(error, sendFields, sendFieldAliases);
    const returnDayProblem =
      error instanceof ApiError
        ? error.fieldErrors.find((problem) => problem.path === 'expires_at')
        : undefined;
    if (returnDayProblem !== undefined) {
      setReturnDayMessage('Choose a later day.');
      setChecked(null);
    }
    if (error instanceof ApiError && recipientRefusalCodes.has(error.code)) {
      setErrors({ recipient: billWords[error.code] });
      setChecked(null);
    } else if (
      error instanceof ApiError &&
      error.code === 'validation_failed' &&
      Object.keys(placed.fields).length > 0
    ) {
      setErrors(placed.fields);
      setChecked(null);
    }
  };

  const review = () => {
    const result = checkSend(details, wallets);
    const dayError = escrow.escrow ? returnDayError(escrow.returnDay) : undefined;
    setReturnDayMessage(dayError);
    if (!result.ok || dayError !== undefined) {
      setErrors(result.ok ? {} : result.errors);
      return false;
    }
    setErrors({});
    setChecked(result.send);
    return true;
  };

  const payFromWallet = (attempt: CheckedSend) => {
    const body = {
      to_user: attempt.recipient,
      amount: toWireAmount(attempt.amountMinor),
      wallet_id: attempt.wallet.id,
      ...(attempt.description === undefined ? {} : { description: attempt.description }),
      ...(escrow.escrow ? { escrow: true } : {}),
      ...(escrow.escrow && escrow.returnDay !== '' ? { expires_at: startOfLocalDay(escrow.returnDay) } : {}),
    };
    bill.confirm(async (idempotencyKey) => {
      try {
        const result = await payBill(client, body, idempotencyKey);
        onPaid();
        return result;
      } catch (error) {
        placeFieldErrors(error);
        throw error;
      }
    });
  };

  const payWithPaypal = (attempt: CheckedSend) => {
    const body = {
      amount: toWireAmount(attempt.amountMinor),
      currency: attempt.wallet.currency,
      wallet_id: attempt.wallet.id,
      paid_to: attempt.recipient,
      ...(attempt.description === undefined ? {} : { description: attempt.description }),
    };
    bill.reset();
    paypal.confirm(async (idempotencyKey) => {
      try {
        return await createPayment(client, body, idempotencyKey);
      } catch (error) {
        placeFieldErrors(error);
        throw error;
      }
    });
  };

  const edit = () => {
    bill.reset();
    paypal.reset();
    setChecked(null);
  };

  const startOver = () => {
    edit();
    setDetails(emptyDetails());
    setEscrow({ escrow: false, returnDay: '' });
  };

  if (bill.state.status === 'succeeded') {
    const { invoice } = bill.state.result;
    if (invoice.status === 'held') {
      return (
        <Notice tone="success" live>
          <p>
            <Money amount={invoice.amount} currency={invoice.currency} /> is held for{' '}
            {checked?.recipient ?? 'the provider'} until you release it. Invoice no. {invoice.invoice_no} is
            issued.
          </p>
          <div className="actions">
            <Link className="button" to="/holds">
              See held payments
            </Link>
            <Link className="button button-secondary" to={`/invoices/${invoice.id}`}>
              See the invoice
            </Link>
            <button type="button" className="button button-secondary" onClick={startOver}>
              Pay someone else
            </button>
          </div>
        </Notice>
      );
    }
    return (
      <Notice tone="success" live>
        <p>
          Paid <Money amount={invoice.amount} currency={invoice.currency} /> to{' '}
          {checked?.recipient ?? 'the provider'}. Invoice no. {invoice.invoice_no} is issued.
        </p>
        <div className="actions">
          <Link className="button" to={`/invoices/${invoice.id}`}>
            See the invoice
          </Link>
          <button type="button" className="button button-secondary" onClick={startOver}>
            Pay someone else
          </button>
        </div>
      </Notice>
    );
  }

  if (paypal.state.status === 'succeeded') {
    const payment = paypal.state.result;
    return (
      <Notice tone="info" live>
        <p>
          Taking you to PayPal to approve <Money amount={payment.amount} currency={payment.currency} />…{' '}
          {payment.sandbox ? <SandboxBadge /> : null}
        </p>
        {payment.approve_url === null ? null : (
          <p>
            <a href={payment.approve_url}>Continue to PayPal</a>
          </p>
        )}
      </Notice>
    );
  }

  const failure =
    bill.state.status === 'failed' ? bill.state : paypal.state.status === 'failed' ? paypal.state : null;

  if (checked === null) {
    return (
      <>
        {failure === null ? null : <ErrorNotice error={failure.error} overrides={billWords} />}
        <SendForm
          wallets={wallets}
          details={details}
          errors={errors}
          recipientLabel="Provider (user name or email)"
          recipientHint="The user name or email the provider uses on MoneyPal."
          submitLabel="Continue"
          recentRecipients={recentRecipients}
          onChange={(next, changed) => {
            setDetails(next);
            setErrors((current) => ({ ...current, [changed]: undefined }));
            bill.reset();
            paypal.reset();
          }}
          onSubmit={review}
        >
          <div className="choice">
            <input
              type="checkbox"
              id="escrow"
              checked={escrow.escrow}
              onChange={(event) => {
                setEscrow((current) => ({ ...current, escrow: event.target.checked }));
                setReturnDayMessage(undefined);
              }}
              aria-describedby="escrow-hint"
            />
            <label htmlFor="escrow">Hold the money until the job is done</label>
            <p className="hint" id="escrow-hint">
              The money leaves your balance now but reaches the provider only when you release it. They can
              decline the job, and then it comes back to you.
            </p>
          </div>
          {escrow.escrow ? (
            <TextField
              id="return-day"
              type="date"
              label="Give it back to me on"
              optional
              hint="Unless you release it before. Leave empty to hold it until you decide."
              min={today()}
              value={escrow.returnDay}
              onValueChange={(value) => {
                setEscrow((current) => ({ ...current, returnDay: value }));
                setReturnDayMessage(undefined);
              }}
              error={returnDayMessage}
            />
          ) : null}
        </SendForm>
      </>
    );
  }

  const short = checked.amountMinor > BigInt(checked.wallet.available);
  const sending = bill.state.status === 'sending' || paypal.state.status === 'sending';
  const walletRefusedForFunds =
    bill.state.status === 'failed' &&
    bill.state.error instanceof ApiError &&
    bill.state.error.code === 'insufficient_funds';
  const offerPaypal = !escrow.escrow && (short || walletRefusedForFunds || paypal.state.status !== 'idle');
  const retry = failure?.retryable ? (failure === bill.state ? bill.retry : paypal.retry) : undefined;

  return (
    <section aria-labelledby="confirm-heading" className="card">
      <h2 id="confirm-heading">Check and confirm</h2>
      <SendSummary send={checked} verb={escrow.escrow ? 'You hold' : 'You pay'} />
      {escrow.escrow ? (
        <p className="hint">
          Held in escrow until you release it
          {escrow.returnDay === ''
            ? '.'
            : `, and given back to you on ${formatDay(escrow.returnDay)} unless released before.`}
        </p>
      ) : null}
      {short && escrow.escrow ? (
        <Notice tone="warning">
          <p>
            Your wallet has <Money amount={checked.wallet.available} currency={checked.wallet.currency} />{' '}
            available, which is not enough. Money held in escrow comes from your balance: add money first.
          </p>
        </Notice>
      ) : null}
      {short && !escrow.escrow ? (
        <Notice tone="warning">
          <p>
            Your wallet has <Money amount={checked.wallet.available} currency={checked.wallet.currency} />{' '}
            available, which is not enough. Pay through PayPal instead: the money goes through your wallet to
            the provider.
          </p>
        </Notice>
      ) : null}
      {failure === null ? null : (
        <ErrorNotice
          error={failure.error}
          overrides={billWords}
          {...(retry === undefined ? {} : { onRetry: retry })}
        />
      )}
      <div className="actions">
        {offerPaypal ? (
          paypal.state.status === 'failed' ? null : (
            <button
              type="button"
              className="button"
              disabled={sending}
              onClick={() => payWithPaypal(checked)}
            >
              {paypal.state.status === 'sending' ? 'Contacting PayPal…' : 'Pay with PayPal'}
            </button>
          )
        ) : failure === null && !(short && escrow.escrow) ? (
          <button type="button" className="button" disabled={sending} onClick={() => payFromWallet(checked)}>
            {sending ? 'Paying…' : escrow.escrow ? 'Confirm and hold' : 'Confirm and pay'}
          </button>
        ) : null}
        <button type="button" className="button button-secondary" onClick={edit} disabled={sending}>
          Change details
        </button>
      </div>
    </section>
  );
}
