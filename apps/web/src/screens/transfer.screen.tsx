import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { createTransfer } from '../api/ledger';
import type { TransferResult, Wallet } from '../api/types';
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
import { AsyncView, ErrorNotice, Loading, Notice } from '../components/status';
import { type FieldErrors, serverFieldErrors } from '../forms';
import { useMoneyMovement } from '../hooks/use-money-movement';
import { defaultWalletOf, useWallets } from '../hooks/use-wallets';
import { toWireAmount } from '../money';
import { useClient } from '../session';

/** The server's refusals of a transfer, in the words of this screen. */
export const transferWords: Record<string, string> = {
  recipient_not_found: 'Unknown user: no MoneyPal user has that user name or email.',
  recipient_has_no_wallet: 'They have no wallet in this currency, so they cannot receive this transfer.',
  wallet_not_found: 'Your wallet was not found. Reload the page and try again.',
  insufficient_funds: 'Your wallet does not have enough money for this transfer.',
  currency_mismatch: 'Their wallet holds another currency than yours, so this transfer is not possible.',
  wallet_frozen: 'One of the wallets is frozen, so no money can move. Please contact support.',
};

/** Send money to another user by user name or email, after a confirmation step. */
export function TransferScreen() {
  const wallets = useWallets();
  return (
    <Screen title="Send money" lead="Send money from your wallet to another MoneyPal user.">
      <AsyncView state={wallets.state} onRetry={wallets.reload} loadingLabel="Loading your wallets…">
        {(data) =>
          data.length === 0 ? (
            <Loading label="Your wallet is being opened…" />
          ) : (
            <TransferFlow wallets={data} onDone={wallets.reload} />
          )
        }
      </AsyncView>
    </Screen>
  );
}

function TransferFlow({ wallets, onDone }: { wallets: readonly Wallet[]; onDone(): void }) {
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
  const movement = useMoneyMovement<TransferResult>();
  const { state } = movement;

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
        );
        if (error instanceof ApiError && recipientRefusalCodes.has(error.code)) {
          setErrors({ recipient: transferWords[error.code] });
          setChecked(null);
        } else if (
          error instanceof ApiError &&
          error.code === 'validation_failed' &&
          Object.keys(placed.fields).length > 0
        ) {
          setErrors(placed.fields);
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
          Sent <Money amount={transfer.amount} currency={transfer.currency} /> to{' '}
          {checked?.recipient ?? 'them'}. Your balance is now{' '}
          <Money amount={balance.main} currency={balance.currency} />.
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={startOver}>
            Send more
          </button>
          <Link className="button button-secondary" to={`/history/${transfer.id}`}>
            See the transfer
          </Link>
        </div>
      </Notice>
    );
  }

  if (checked === null) {
    return (
      <>
        {state.status === 'failed' ? <ErrorNotice error={state.error} overrides={transferWords} /> : null}
        <SendForm
          wallets={wallets}
          details={details}
          errors={errors}
          recipientLabel="To (user name or email)"
          recipientHint="The user name or email they use on MoneyPal."
          submitLabel="Continue"
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
      <h2 id="confirm-heading">Check and confirm</h2>
      <SendSummary send={checked} verb="You send" />
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
            {sending ? 'Sending…' : 'Confirm and send'}
          </button>
        )}
        <button type="button" className="button button-secondary" onClick={edit} disabled={sending}>
          Change details
        </button>
      </div>
    </section>
  );
}
