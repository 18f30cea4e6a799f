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
import { i18n, Trans, useTranslation } from '../i18n';
import { toWireAmount } from '../money';
import { useClient } from '../session';

/** Escrow as chosen on the form: held until released, and given back on `returnDay` unless released before. */
interface EscrowChoice {
  escrow: boolean;
  /** A local calendar day (`YYYY-MM-DD`), or empty for no expiry. */
  returnDay: string;
}

/** Why an escrow return day cannot be used, or undefined when it can (empty: no expiry). */
export function returnDayError(day: string, now: Date = new Date()): string | undefined {
  if (day === '') return undefined;
  if (!isDay(day)) return i18n.t('escrow.notADay', { ns: 'pay' });
  return day > today(now) ? undefined : i18n.t('escrow.notAfterToday', { ns: 'pay' });
}

/** Pay a provider: from the wallet when it holds enough, else through PayPal; or into escrow from the wallet. */
export function PayScreen() {
  const { t } = useTranslation(['pay', 'common', 'fund']);
  const wallets = useWallets();
  return (
    <Screen title={t('title')} lead={t('lead')}>
      <AsyncView state={wallets.state} onRetry={wallets.reload} loadingLabel={t('common:loadingWallets')}>
        {(data) =>
          data.length === 0 ? (
            <Loading label={t('common:walletOpening')} />
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
  const { t } = useTranslation(['pay', 'common', 'fund']);
  // The server's refusals of a payment to a provider, in the words of this screen.
  const billWords: Record<string, string> = t('refusals', { returnObjects: true });
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
      setReturnDayMessage(t('escrow.later'));
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
            <Trans
              t={t}
              i18nKey={checked === null ? 'done.heldForProvider' : 'done.held'}
              values={{ recipient: checked?.recipient, invoiceNo: invoice.invoice_no }}
              components={{ amount: <Money amount={invoice.amount} currency={invoice.currency} /> }}
            />
          </p>
          <div className="actions">
            <Link className="button" to="/holds">
              {t('done.seeHolds')}
            </Link>
            <Link className="button button-secondary" to={`/invoices/${invoice.id}`}>
              {t('done.seeInvoice')}
            </Link>
            <button type="button" className="button button-secondary" onClick={startOver}>
              {t('done.payAnother')}
            </button>
          </div>
        </Notice>
      );
    }
    return (
      <Notice tone="success" live>
        <p>
          <Trans
            t={t}
            i18nKey={checked === null ? 'done.paidProvider' : 'done.paid'}
            values={{ recipient: checked?.recipient, invoiceNo: invoice.invoice_no }}
            components={{ amount: <Money amount={invoice.amount} currency={invoice.currency} /> }}
          />
        </p>
        <div className="actions">
          <Link className="button" to={`/invoices/${invoice.id}`}>
            {t('done.seeInvoice')}
          </Link>
          <button type="button" className="button button-secondary" onClick={startOver}>
            {t('done.payAnother')}
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
          <Trans
            t={t}
            i18nKey="fund:redirecting"
            components={{ amount: <Money amount={payment.amount} currency={payment.currency} /> }}
          />{' '}
          {payment.sandbox ? <SandboxBadge /> : null}
        </p>
        {payment.approve_url === null ? null : (
          <p>
            <a href={payment.approve_url}>{t('fund:continue')}</a>
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
          recipientLabel={t('recipient')}
          recipientHint={t('recipientHint')}
          submitLabel={t('continue')}
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
            <label htmlFor="escrow">{t('escrow.label')}</label>
            <p className="hint" id="escrow-hint">
              {t('escrow.hint')}
            </p>
          </div>
          {escrow.escrow ? (
            <TextField
              id="return-day"
              type="date"
              label={t('escrow.returnDay')}
              optional
              hint={t('escrow.returnDayHint')}
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
      <h2 id="confirm-heading">{t('confirm.heading')}</h2>
      <SendSummary send={checked} verb={escrow.escrow ? t('confirm.verbHold') : t('confirm.verbPay')} />
      {escrow.escrow ? (
        <p className="hint">
          {escrow.returnDay === ''
            ? t('confirm.heldUntilReleased')
            : t('confirm.heldUntilDay', { day: formatDay(escrow.returnDay) })}
        </p>
      ) : null}
      {short && escrow.escrow ? (
        <Notice tone="warning">
          <p>
            <Trans
              t={t}
              i18nKey="confirm.shortForEscrow"
              components={{
                available: <Money amount={checked.wallet.available} currency={checked.wallet.currency} />,
              }}
            />
          </p>
        </Notice>
      ) : null}
      {short && !escrow.escrow ? (
        <Notice tone="warning">
          <p>
            <Trans
              t={t}
              i18nKey="confirm.shortForWallet"
              components={{
                available: <Money amount={checked.wallet.available} currency={checked.wallet.currency} />,
              }}
            />
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
              {paypal.state.status === 'sending' ? t('confirm.contactingPayPal') : t('confirm.payWithPayPal')}
            </button>
          )
        ) : failure === null && !(short && escrow.escrow) ? (
          <button type="button" className="button" disabled={sending} onClick={() => payFromWallet(checked)}>
            {sending ? t('confirm.paying') : escrow.escrow ? t('confirm.hold') : t('confirm.pay')}
          </button>
        ) : null}
        <button type="button" className="button button-secondary" onClick={edit} disabled={sending}>
          {t('confirm.change')}
        </button>
      </div>
    </section>
  );
}
