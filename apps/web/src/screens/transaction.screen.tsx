import { Link, useParams } from 'react-router-dom';
import { findInvoiceOf } from '../api/billing';
import { downloadTransactionReceipt, getTransaction } from '../api/ledger';
import type { Entry, Transfer } from '../api/types';
import { ReceiptDownload } from '../components/document-downloads';
import { Money } from '../components/money';
import { Screen } from '../components/screen';
import { AsyncView } from '../components/status';
import { formatDateTime } from '../dates';
import { useResource } from '../hooks/use-resource';
import { useWallets, walletIdsOf } from '../hooks/use-wallets';
import { i18n, useTranslation } from '../i18n';
import { useClient } from '../session';
import {
  type Direction,
  directionOf,
  noteOf,
  personLabel,
  shownAmountOf,
  transactionLabel,
} from '../transactions';

/** The movements a bill can have an invoice for. */
const invoicedTypes: ReadonlySet<Transfer['type']> = new Set([
  'payment',
  'hold',
  'hold_capture',
  'hold_void',
]);

/** A reference short enough to read out to support: the random end of the id. */
export function shortReferenceOf(id: string): string {
  return id.replaceAll('-', '').slice(-8).toUpperCase();
}

/** One movement in plain words; its double-entry lines behind "Details", balances of the person's own accounts only. */
export function TransactionScreen() {
  const { id = '' } = useParams();
  const client = useClient();
  const wallets = useWallets();
  const transfer = useResource(`transaction:${id}`, (signal) => getTransaction(client, id, signal));
  const walletIds = wallets.state.status === 'ready' ? walletIdsOf(wallets.state.data) : new Set<string>();
  const { t } = useTranslation('transaction');

  return (
    <Screen title={t('title')}>
      <AsyncView state={transfer.state} onRetry={transfer.reload} loadingLabel={t('loading')}>
        {(data) => <TransactionDetail transfer={data} walletIds={walletIds} />}
      </AsyncView>
      {transfer.state.status === 'ready' ? (
        <ReceiptDownload fetchReceipt={() => downloadTransactionReceipt(client, id)} />
      ) : null}
      <p>
        <Link to="/history">{t('back')}</Link>
      </p>
    </Screen>
  );
}

/** A side of the movement: the reader's own wallet, the person by name, or outside MoneyPal. */
function partyOf(
  walletId: string | null,
  person: string | null,
  walletIds: ReadonlySet<string>,
  outside: string,
): string {
  if (walletId === null) return outside;
  if (walletIds.has(walletId)) {
    return person === null
      ? i18n.t('parties.yourWallet', { ns: 'transaction' })
      : i18n.t('parties.yourWalletOf', { ns: 'transaction', person });
  }
  return person ?? i18n.t('parties.someone', { ns: 'transaction' });
}

/**
 * What an escrow release paid the payee and gave back to the payer, from the entries the
 * person may see: the payer sees their own side, the payee theirs; the two add up to the hold.
 */
function releaseSplitOf(transfer: Transfer): { paidMinor: bigint; backMinor: bigint } | null {
  const entries = transfer.entries;
  if (transfer.type !== 'hold_capture' || entries === undefined) return null;
  const amount = BigInt(transfer.amount);
  const sumOf = (walletId: string | null, accounts: readonly Entry['account'][]) =>
    entries
      .filter((entry) => entry.wallet_id === walletId && accounts.includes(entry.account))
      .reduce((total, entry) => total + BigInt(entry.amount), 0n);
  if (entries.some((entry) => entry.wallet_id === transfer.from_wallet_id)) {
    const backMinor = sumOf(transfer.from_wallet_id, ['main']);
    return { paidMinor: amount - backMinor, backMinor };
  }
  const paidMinor = sumOf(transfer.to_wallet_id, ['main', 'savings']);
  return { paidMinor, backMinor: amount - paidMinor };
}

function TransactionDetail({ transfer, walletIds }: { transfer: Transfer; walletIds: ReadonlySet<string> }) {
  const { t } = useTranslation('transaction');
  const direction = directionOf(transfer, walletIds);
  const shown = shownAmountOf(transfer, direction);
  const note = noteOf(transfer);
  const split = releaseSplitOf(transfer);
  return (
    <article className="card" aria-labelledby="transaction-heading">
      <h2 id="transaction-heading">{transactionLabel(transfer, direction)}</h2>
      <p className={`summary-amount amount-${shown.tone}`}>
        <Money amount={shown.amountMinor} currency={transfer.currency} signed={shown.tone !== 'within'} />
      </p>
      <dl className="summary">
        <div>
          <dt>{t('when')}</dt>
          <dd>
            <time dateTime={transfer.created_at}>{formatDateTime(transfer.created_at)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('from')}</dt>
          <dd>
            {partyOf(
              transfer.from_wallet_id,
              personLabel(transfer.from_name, transfer.from_handle),
              walletIds,
              t('parties.outsideFrom'),
            )}
          </dd>
        </div>
        <div>
          <dt>{t('to')}</dt>
          <dd>
            {partyOf(
              transfer.to_wallet_id,
              personLabel(transfer.to_name, transfer.to_handle),
              walletIds,
              t('parties.outsideTo'),
            )}
          </dd>
        </div>
        {split === null ? null : (
          <>
            <div>
              <dt>{t('paidToProvider')}</dt>
              <dd>
                <Money amount={split.paidMinor} currency={transfer.currency} />
              </dd>
            </div>
            <div>
              <dt>{t('backToPayer')}</dt>
              <dd>
                <Money amount={split.backMinor} currency={transfer.currency} />
              </dd>
            </div>
          </>
        )}
        {note === null ? null : (
          <div>
            <dt>{t('note')}</dt>
            <dd>{note}</dd>
          </div>
        )}
        <div>
          <dt>{t('reference')}</dt>
          <dd className="reference">{shortReferenceOf(transfer.id)}</dd>
        </div>
      </dl>
      <RelatedLinks transfer={transfer} direction={direction} />
      {transfer.entries === undefined || transfer.entries.length === 0 ? null : (
        <details className="disclosure">
          <summary>{t('details')}</summary>
          <EntriesTable transfer={transfer} entries={transfer.entries} walletIds={walletIds} />
        </details>
      )}
    </article>
  );
}

/** The invoice of a bill's movement and, for escrow, the held payments screen. */
function RelatedLinks({ transfer, direction }: { transfer: Transfer; direction: Direction }) {
  const { t } = useTranslation('transaction');
  const client = useClient();
  const invoiced = invoicedTypes.has(transfer.type);
  const role = direction === 'in' ? 'payee' : 'payer';
  // The side is known once the person's wallets are: the key asks again when it changes.
  const invoice = useResource(`transaction-invoice:${transfer.id}:${role}`, (signal) =>
    invoiced ? findInvoiceOf(client, transfer, role, signal) : Promise.resolve(null),
  );
  const found = invoice.state.status === 'ready' ? invoice.state.data : null;
  if (found === null && transfer.hold_id === undefined) return null;
  return (
    <ul className="link-list">
      {found === null ? null : (
        <li>
          <Link to={`/invoices/${found.id}`}>{t('seeInvoice', { invoiceNo: found.invoice_no })}</Link>
        </li>
      )}
      {transfer.hold_id === undefined ? null : (
        <li>
          <Link to="/holds">{t('seeHolds')}</Link>
        </li>
      )}
    </ul>
  );
}

function EntriesTable({
  transfer,
  entries,
  walletIds,
}: {
  transfer: Transfer;
  entries: readonly Entry[];
  walletIds: ReadonlySet<string>;
}) {
  const { t } = useTranslation('transaction');
  return (
    <table className="entries">
      <caption>{t('entries.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('entries.account')}</th>
          <th scope="col" className="numeric">
            {t('entries.change')}
          </th>
          <th scope="col" className="numeric">
            {t('entries.balanceAfter')}
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const mine = entry.wallet_id !== null && walletIds.has(entry.wallet_id);
          const owner = mine ? 'yours' : entry.wallet_id === null ? 'moneyPal' : 'others';
          return (
            <tr key={entry.id}>
              <th scope="row">{t(`entries.accounts.${owner}.${entry.account}`)}</th>
              <td className="numeric">
                <Money amount={entry.amount} currency={transfer.currency} signed />
              </td>
              <td className="numeric">
                {mine ? (
                  <Money amount={entry.balance_after} currency={transfer.currency} />
                ) : (
                  <>
                    <span aria-hidden="true">—</span>
                    <span className="visually-hidden">{t('entries.notShown')}</span>
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
