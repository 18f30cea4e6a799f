import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { payBill } from '../api/billing';
import { ApiError } from '../api/client';
import { createPayment } from '../api/payments';
import type { BillResult, Payment, Wallet } from '../api/types';
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
import { type FieldErrors, serverFieldErrors } from '../forms';
import { useMoneyMovement } from '../hooks/use-money-movement';
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

/** Pay a provider: from the wallet when it holds enough, else through PayPal. */
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
    if (!result.ok) {
      setErrors(result.errors);
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
  };

  if (bill.state.status === 'succeeded') {
    const { invoice } = bill.state.result;
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
          onChange={(next, changed) => {
            setDetails(next);
            setErrors((current) => ({ ...current, [changed]: undefined }));
            bill.reset();
            paypal.reset();
          }}
          onSubmit={review}
        />
      </>
    );
  }

  const short = checked.amountMinor > BigInt(checked.wallet.available);
  const sending = bill.state.status === 'sending' || paypal.state.status === 'sending';
  const walletRefusedForFunds =
    bill.state.status === 'failed' &&
    bill.state.error instanceof ApiError &&
    bill.state.error.code === 'insufficient_funds';
  const offerPaypal = short || walletRefusedForFunds || paypal.state.status !== 'idle';
  const retry = failure?.retryable ? (failure === bill.state ? bill.retry : paypal.retry) : undefined;

  return (
    <section aria-labelledby="confirm-heading" className="card">
      <h2 id="confirm-heading">Check and confirm</h2>
      <SendSummary send={checked} verb="You pay" />
      {short ? (
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
        ) : failure === null ? (
          <button type="button" className="button" disabled={sending} onClick={() => payFromWallet(checked)}>
            {sending ? 'Paying…' : 'Confirm and pay'}
          </button>
        ) : null}
        <button type="button" className="button button-secondary" onClick={edit} disabled={sending}>
          Change details
        </button>
      </div>
    </section>
  );
}
