import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { createPaymentRequest } from '../api/payment-requests';
import type { PaymentRequest, User, Wallet } from '../api/types';
import { focusFirstInvalid, TextField } from '../components/fields';
import { useRefusalWords } from '../components/payment-request-item';
import { Screen } from '../components/screen';
import { AsyncView, ErrorNotice, Loading, Notice } from '../components/status';
import { AmountField, WalletField } from '../components/wallet-fields';
import { type FieldErrors, hasErrors, serverFieldErrors } from '../forms';
import { type RecipientLookup, useRecipientLookup } from '../hooks/use-recipient-lookup';
import { defaultWalletOf, useWallets } from '../hooks/use-wallets';
import { useTranslation } from '../i18n';
import { formatMoney, parseAmount, toWireAmount } from '../money';
import { useClient, useUser } from '../session';
import { personLabel } from '../transactions';

type Field = 'recipient' | 'amount' | 'description';

/** Most characters of a request's note (the server's limit). */
const maxNoteLength = 200;

/** The server's field names, on this form's fields. */
const fieldAliases: Readonly<Record<string, Field>> = {
  from_user: 'recipient',
  amount: 'amount',
  description: 'description',
};

/** Whether the text typed is the signed-in person: their user name, email or phone. */
function isYou(typed: string, user: User): boolean {
  const lower = typed.toLowerCase();
  return lower === user.user_name.toLowerCase() || lower === user.email.toLowerCase() || typed === user.phone;
}

/** Ask another user for money: whom (looked up as it is typed), how much, into which wallet, and why. */
export function RequestMoneyScreen() {
  const { t } = useTranslation('requests');
  const wallets = useWallets();
  return (
    <Screen title={t('ask.title')} lead={t('ask.lead')}>
      <AsyncView state={wallets.state} onRetry={wallets.reload} loadingLabel={t('ask.loadingWallets')}>
        {(data) =>
          data.length === 0 ? <Loading label={t('ask.openingWallet')} /> : <RequestForm wallets={data} />
        }
      </AsyncView>
    </Screen>
  );
}

function RequestForm({ wallets }: { wallets: readonly Wallet[] }) {
  const { t } = useTranslation('requests');
  const client = useClient();
  const user = useUser();
  const refusalWords = useRefusalWords();
  const form = useRef<HTMLFormElement>(null);
  const [recipient, setRecipient] = useState('');
  const [amountText, setAmountText] = useState('');
  const [description, setDescription] = useState('');
  const [walletId, setWalletId] = useState(() => defaultWalletOf(wallets)!.id);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [state, setState] = useState<
    | { status: 'idle' | 'sending' }
    | { status: 'failed'; error: unknown }
    | { status: 'sent'; request: PaymentRequest; name: string }
  >({ status: 'idle' });
  const { lookup, settle } = useRecipientLookup(recipient);
  const wallet = wallets.find((candidate) => candidate.id === walletId) ?? wallets[0]!;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.status === 'sending') return;
    const refusals: FieldErrors<Field> = {};
    const query = recipient.trim();
    let payer = query;
    let payerName = query;
    if (query === '') refusals.recipient = t('ask.errors.recipientEmpty');
    else if (query.length > 254) refusals.recipient = t('ask.errors.recipientTooLong');
    else if (isYou(query, user)) refusals.recipient = t('ask.errors.recipientYou');
    else {
      const settled = await settle(query);
      if (settled.status === 'unknown') refusals.recipient = t('ask.errors.recipientUnknown');
      else if (settled.status === 'found') {
        if (settled.recipient.user_name === user.user_name) refusals.recipient = t('ask.errors.recipientYou');
        // A phone number finds the person; the request names them by their user name.
        payer = settled.recipient.user_name;
        payerName = personLabel(settled.recipient.display_name, settled.recipient.user_name) ?? payer;
      }
      // A lookup that failed (offline, too many lookups) leaves the check to the server.
    }
    const amount = parseAmount(amountText, wallet.currency);
    if (!amount.ok) refusals.amount = amount.message;
    const note = description.trim();
    if (note.length > maxNoteLength) refusals.description = t('ask.errors.noteTooLong');
    if (hasErrors(refusals) || !amount.ok) {
      setErrors(refusals);
      focusFirstInvalid(form.current);
      return;
    }
    setErrors({});
    setState({ status: 'sending' });
    try {
      const created = await createPaymentRequest(client, {
        from_user: payer,
        to_wallet_id: wallet.id,
        amount: toWireAmount(amount.amountMinor),
        ...(note === '' ? {} : { description: note }),
      });
      setState({ status: 'sent', request: created, name: payerName });
    } catch (error) {
      const placed = serverFieldErrors(
        error,
        ['recipient', 'amount', 'description'] as const,
        fieldAliases,
      ).fields;
      if (error instanceof ApiError && error.code === 'recipient_not_found') {
        placed.recipient = t('ask.errors.recipientUnknown');
      }
      if (hasErrors(placed)) {
        setErrors(placed);
        setState({ status: 'idle' });
        focusFirstInvalid(form.current);
      } else {
        setState({ status: 'failed', error });
      }
    }
  };

  if (state.status === 'sent') {
    const { request, name } = state;
    return (
      <Notice tone="success" live>
        <p>{t('ask.sent', { amount: formatMoney(request.amount, request.currency), name })}</p>
        <div className="actions">
          <Link className="button" to={`/requests/${request.id}`}>
            {t('ask.seeRequest')}
          </Link>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setRecipient('');
              setAmountText('');
              setDescription('');
              setState({ status: 'idle' });
            }}
          >
            {t('ask.askAgain')}
          </button>
        </div>
      </Notice>
    );
  }

  const sending = state.status === 'sending';
  return (
    <form ref={form} onSubmit={submit} noValidate className="form card">
      {state.status === 'failed' ? (
        <ErrorNotice
          error={state.error}
          overrides={{
            ...refusalWords,
            wallet_not_found: t('ask.errors.walletNotFound'),
            wallet_frozen: t('ask.errors.walletFrozen'),
          }}
        />
      ) : null}
      <TextField
        id="recipient"
        label={t('ask.fromLabel')}
        hint={t('ask.fromHint')}
        value={recipient}
        onValueChange={(value) => {
          setRecipient(value);
          setErrors((current) => ({ ...current, recipient: undefined }));
        }}
        error={errors.recipient}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
      />
      <LookupStatus lookup={lookup} you={user} />
      <AmountField
        currency={wallet.currency}
        value={amountText}
        onValueChange={(value) => {
          setAmountText(value);
          setErrors((current) => ({ ...current, amount: undefined }));
        }}
        error={errors.amount}
      />
      <WalletField
        wallets={wallets}
        value={wallet.id}
        onValueChange={setWalletId}
        label={t('ask.intoWallet')}
      />
      <TextField
        id="description"
        label={t('ask.noteLabel')}
        optional
        hint={t('ask.noteHint')}
        value={description}
        onValueChange={(value) => {
          setDescription(value);
          setErrors((current) => ({ ...current, description: undefined }));
        }}
        error={errors.description}
        autoComplete="off"
      />
      <div className="actions">
        <button type="submit" className="button" disabled={sending}>
          {sending ? t('ask.sending') : t('ask.submit')}
        </button>
      </div>
    </form>
  );
}

/** Who the payer typed is, said politely to screen readers as it becomes known. */
function LookupStatus({ lookup, you }: { lookup: RecipientLookup; you: User }) {
  const { t } = useTranslation('requests');
  let text = '';
  if (lookup.status === 'checking') text = t('ask.lookingUp');
  else if (lookup.status === 'unknown') text = t('ask.unknownStatus');
  else if (lookup.status === 'found') {
    const { display_name: name, user_name: handle } = lookup.recipient;
    text =
      handle === you.user_name
        ? t('ask.youStatus')
        : t('ask.foundStatus', { name: personLabel(name, handle) });
  }
  return (
    <p className="hint recipient-status" role="status" aria-live="polite">
      {text}
    </p>
  );
}
