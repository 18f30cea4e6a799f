import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { createTransfer } from '../api/ledger';
import type { TransferResult, User, Wallet } from '../api/types';
import { Money } from '../components/money';
import { PaymentLinkNotice, usePaymentLink } from '../components/payment-link-notice';
import { Screen } from '../components/screen';
import {
  type CheckedSend,
  checkSend,
  type SendDetails,
  type SendField,
  SendForm,
  SendSummary,
  sendFieldAliases,
} from '../components/send-form';
import { AsyncView, ErrorNotice, Loading, Notice } from '../components/status';
import { type FieldErrors, hasErrors, serverFieldErrors } from '../forms';
import { useMoneyMovement } from '../hooks/use-money-movement';
import { useRecentRecipients } from '../hooks/use-recent-recipients';
import { type RecipientLookup, useRecipientLookup } from '../hooks/use-recipient-lookup';
import { defaultWalletOf, useWallets } from '../hooks/use-wallets';
import { Trans, useTranslation } from '../i18n';
import { formatMoney, toWireAmount } from '../money';
import { useClient, useUser } from '../session';
import { personLabel } from '../transactions';

/** The field each refusal of the server belongs to, so that the person sees where to act. */
const refusalFields: Readonly<Record<string, SendField>> = {
  recipient_not_found: 'recipient',
  recipient_has_no_wallet: 'recipient',
  currency_mismatch: 'recipient',
  insufficient_funds: 'amount',
  limit_exceeded: 'amount',
};

/** Whether the recipient typed is the signed-in person: their user name, email or phone. */
function isYou(recipient: string, user: User): boolean {
  const typed = recipient.toLowerCase();
  return (
    typed === user.user_name.toLowerCase() || typed === user.email.toLowerCase() || recipient === user.phone
  );
}

/**
 * Send money to another user by user name, email or phone: who they are is looked up as it
 * is typed and named on the confirmation step; yourself, nobody and more than the wallet
 * holds are refused on the form.
 */
export function TransferScreen() {
  const { t } = useTranslation(['transfer', 'common']);
  const wallets = useWallets();
  return (
    <Screen title={t('title')} lead={t('lead')}>
      <AsyncView state={wallets.state} onRetry={wallets.reload} loadingLabel={t('common:loadingWallets')}>
        {(data) =>
          data.length === 0 ? (
            <Loading label={t('common:walletOpening')} />
          ) : (
            <TransferFlow wallets={data} onDone={wallets.reload} />
          )
        }
      </AsyncView>
    </Screen>
  );
}

function TransferFlow({ wallets, onDone }: { wallets: readonly Wallet[]; onDone(): void }) {
  const { t } = useTranslation(['transfer', 'common']);
  // The server's refusals of a transfer, in the words of this screen.
  const transferWords: Record<string, string> = t('refusals', { returnObjects: true });
  const client = useClient();
  const recentRecipients = useRecentRecipients();
  const user = useUser();
  const emptyDetails = (): SendDetails => ({
    walletId: defaultWalletOf(wallets)!.id,
    recipient: '',
    amountText: '',
    description: '',
  });
  // A payment link (`/send?to=…&amount=…&note=…`) fills the form; the person still confirms.
  const link = usePaymentLink(defaultWalletOf(wallets)!.currency);
  const [details, setDetails] = useState(() => ({ ...emptyDetails(), ...link.details }));
  const [errors, setErrors] = useState<FieldErrors<SendField>>({});
  const [checked, setChecked] = useState<CheckedSend | null>(null);
  const movement = useMoneyMovement<TransferResult>();
  const { state } = movement;
  const { lookup, settle } = useRecipientLookup(details.recipient);

  const review = async () => {
    const result = checkSend(details, wallets);
    const refusals: FieldErrors<SendField> = result.ok ? {} : { ...result.errors };
    let recipientName: string | undefined;
    if (refusals.recipient === undefined) {
      const query = details.recipient.trim();
      const settled = isYou(query, user) ? undefined : await settle(query);
      if (
        settled === undefined ||
        (settled.status === 'found' && settled.recipient.user_name === user.user_name)
      ) {
        refusals.recipient = t('yourself');
      } else if (settled.status === 'unknown') {
        refusals.recipient = transferWords.recipient_not_found;
      } else if (settled.status === 'found') {
        recipientName = personLabel(settled.recipient.display_name, settled.recipient.user_name) ?? undefined;
      }
      // A lookup that failed (offline, too many lookups) leaves the check to the transfer itself.
    }
    if (result.ok && result.send.amountMinor > BigInt(result.send.wallet.available)) {
      const available = formatMoney(result.send.wallet.available, result.send.wallet.currency);
      refusals.amount = t('moreThanAvailable', { available });
    }
    if (!result.ok || hasErrors(refusals)) {
      setErrors(refusals);
      return false;
    }
    setErrors({});
    setChecked(recipientName === undefined ? result.send : { ...result.send, recipientName });
    return true;
  };

  const send = (attempt: CheckedSend) => {
    const body = {
      from_wallet_id: attempt.wallet.id,
      to_user: attempt.recipient,
      amount: toWireAmount(attempt.amountMinor),
      ...(attempt.description === undefined ? {} : { description: attempt.description }),
    };
    movement.confirm(async (idempotencyKey) => {
      try {
        const result = await createTransfer(client, body, idempotencyKey);
        onDone();
        return result;
      } catch (error) {
        // Field errors belong next to the fields: back to the form with them.
        const placed = serverFieldErrors(
          error,
          ['recipient', 'amount', 'description'] as const,
          sendFieldAliases,
        ).fields;
        const field = error instanceof ApiError ? refusalFields[error.code] : undefined;
        if (error instanceof ApiError && field !== undefined) {
          setErrors({ ...placed, [field]: transferWords[error.code] });
          setChecked(null);
        } else if (hasErrors(placed)) {
          setErrors(placed);
          setChecked(null);
        }
        throw error;
      }
    });
  };

  const edit = () => {
    movement.reset();
    setChecked(null);
  };

  const startOver = () => {
    movement.reset();
    setChecked(null);
    setDetails(emptyDetails());
  };

  if (state.status === 'succeeded') {
    const { transfer, balance } = state.result;
    return (
      <Notice tone="success" live>
        <p>
          <Trans
            t={t}
            i18nKey={checked === null ? 'sentToThem' : 'sent'}
            values={{ recipient: checked?.recipientName ?? checked?.recipient }}
            components={{
              amount: <Money amount={transfer.amount} currency={transfer.currency} />,
              balance: <Money amount={balance.main} currency={balance.currency} />,
            }}
          />
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={startOver}>
            {t('sendMore')}
          </button>
          <Link className="button button-secondary" to={`/history/${transfer.id}`}>
            {t('seeTransfer')}
          </Link>
        </div>
      </Notice>
    );
  }

  if (checked === null) {
    return (
      <>
        {state.status === 'failed' ? <ErrorNotice error={state.error} overrides={transferWords} /> : null}
        <PaymentLinkNotice link={link} />
        <SendForm
          wallets={wallets}
          details={details}
          errors={errors}
          recipientLabel={t('recipient')}
          recipientHint={t('recipientHint')}
          recipientStatus={<RecipientStatus lookup={lookup} you={user} />}
          submitLabel={t('continue')}
          recentRecipients={recentRecipients}
          onChange={(next, changed) => {
            setDetails(next);
            setErrors((current) => ({ ...current, [changed]: undefined }));
            movement.reset();
          }}
          onSubmit={review}
        />
      </>
    );
  }

  const sending = state.status === 'sending';
  return (
    <section aria-labelledby="confirm-heading" className="card">
      <h2 id="confirm-heading">{t('confirm.heading')}</h2>
      <SendSummary send={checked} verb={t('confirm.verb')} />
      {state.status === 'failed' ? (
        <ErrorNotice
          error={state.error}
          overrides={transferWords}
          {...(state.retryable ? { onRetry: movement.retry } : {})}
        />
      ) : null}
      <div className="actions">
        {state.status === 'failed' ? null : (
          <button type="button" className="button" disabled={sending} onClick={() => send(checked)}>
            {sending ? t('confirm.sending') : t('confirm.send')}
          </button>
        )}
        <button type="button" className="button button-secondary" onClick={edit} disabled={sending}>
          {t('confirm.change')}
        </button>
      </div>
    </section>
  );
}

/** Who the recipient typed is, said politely to screen readers as it becomes known. */
function RecipientStatus({ lookup, you }: { lookup: RecipientLookup; you: User }) {
  const { t } = useTranslation(['transfer', 'common']);
  let text = '';
  if (lookup.status === 'checking') text = t('lookup.checking');
  else if (lookup.status === 'unknown') text = t('lookup.unknown');
  else if (lookup.status === 'found') {
    const { display_name: name, user_name: handle } = lookup.recipient;
    text =
      handle === you.user_name ? t('lookup.you') : t('lookup.found', { person: personLabel(name, handle) });
  }
  return (
    <p className="hint recipient-status" role="status" aria-live="polite">
      {text}
    </p>
  );
}
