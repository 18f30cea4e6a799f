import { Link, useParams } from 'react-router-dom';
import { getTransaction } from '../api/ledger';
import type { Entry, Transfer } from '../api/types';
import { Money } from '../components/money';
import { Screen } from '../components/screen';
import { AsyncView } from '../components/status';
import { formatDateTime } from '../dates';
import { useResource } from '../hooks/use-resource';
import { useWallets, walletIdsOf } from '../hooks/use-wallets';
import { useClient } from '../session';
import { directionOf, personLabel, transactionLabel } from '../transactions';

const accountNames: Record<Entry['account'], string> = {
  main: 'main balance',
  savings: 'savings',
  held: 'held in escrow',
  system: 'account',
};

/** One movement with its double-entry lines; balances are shown for the person's own accounts only. */
export function TransactionScreen() {
  const { id = '' } = useParams();
  const client = useClient();
  const wallets = useWallets();
  const transfer = useResource(`transaction:${id}`, (signal) => getTransaction(client, id, signal));
  const walletIds = wallets.state.status === 'ready' ? walletIdsOf(wallets.state.data) : new Set<string>();

  return (
    <Screen title="Transaction">
      <AsyncView state={transfer.state} onRetry={transfer.reload} loadingLabel="Loading the transaction…">
        {(data) => <TransactionDetail transfer={data} walletIds={walletIds} />}
      </AsyncView>
      <p>
        <Link to="/history">Back to your history</Link>
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
  if (walletIds.has(walletId)) return person === null ? 'Your wallet' : `Your wallet (${person})`;
  return person ?? 'A MoneyPal user';
}

function TransactionDetail({ transfer, walletIds }: { transfer: Transfer; walletIds: ReadonlySet<string> }) {
  const direction = directionOf(transfer, walletIds);
  const amount = BigInt(transfer.amount);
  return (
    <article className="card" aria-labelledby="transaction-heading">
      <h2 id="transaction-heading">{transactionLabel(transfer, direction)}</h2>
      <p className={`summary-amount amount-${direction}`}>
        {direction === 'within' ? (
          <Money amount={amount} currency={transfer.currency} />
        ) : (
          <Money amount={direction === 'in' ? amount : -amount} currency={transfer.currency} signed />
        )}
      </p>
      <dl className="summary">
        <div>
          <dt>When</dt>
          <dd>
            <time dateTime={transfer.created_at}>{formatDateTime(transfer.created_at)}</time>
          </dd>
        </div>
        <div>
          <dt>From</dt>
          <dd>
            {partyOf(
              transfer.from_wallet_id,
              personLabel(transfer.from_name, transfer.from_handle),
              walletIds,
              'Outside MoneyPal (PayPal or back office)',
            )}
          </dd>
        </div>
        <div>
          <dt>To</dt>
          <dd>
            {partyOf(
              transfer.to_wallet_id,
              personLabel(transfer.to_name, transfer.to_handle),
              walletIds,
              'Outside MoneyPal',
            )}
          </dd>
        </div>
        {transfer.description === null ? null : (
          <div>
            <dt>Note</dt>
            <dd>{transfer.description}</dd>
          </div>
        )}
        <div>
          <dt>Reference</dt>
          <dd className="reference">{transfer.id}</dd>
        </div>
      </dl>
      {transfer.entries === undefined || transfer.entries.length === 0 ? null : (
        <div className="table-scroll">
          <table>
            <caption>Ledger entries</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col" className="numeric">
                  Change
                </th>
                <th scope="col" className="numeric">
                  Balance after
                </th>
              </tr>
            </thead>
            <tbody>
              {transfer.entries.map((entry) => {
                const mine = entry.wallet_id !== null && walletIds.has(entry.wallet_id);
                return (
                  <tr key={entry.id}>
                    <th scope="row">
                      {mine ? 'Your' : entry.wallet_id === null ? 'MoneyPal' : 'Other'}{' '}
                      {accountNames[entry.account]}
                    </th>
                    <td className="numeric">
                      <Money amount={entry.amount} currency={transfer.currency} signed />
                    </td>
                    <td className="numeric">
                      {mine ? (
                        <Money amount={entry.balance_after} currency={transfer.currency} />
                      ) : (
                        <>
                          <span aria-hidden="true">—</span>
                          <span className="visually-hidden">not shown</span>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
