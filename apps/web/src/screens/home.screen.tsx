import { Link } from 'react-router-dom';
import { listTransactions } from '../api/ledger';
import { PendingRequestsNotice } from '../components/pending-requests-notice';
import { Screen } from '../components/screen';
import { AsyncView, Loading } from '../components/status';
import { TransactionList } from '../components/transaction-list';
import { WalletCard } from '../components/wallet-card';
import { useResource } from '../hooks/use-resource';
import { useWallets, walletIdsOf } from '../hooks/use-wallets';
import { useClient, useUser } from '../session';

/** Wallets with their balances, what to do next, and the latest movements. */
export function HomeScreen() {
  const user = useUser();
  const wallets = useWallets();
  const walletList = wallets.state.status === 'ready' ? wallets.state.data : null;
  // The history answers an admin every user's movements: an admin sees their own wallet's here.
  const adminWalletId =
    user.role === 'admin' ? walletList?.find((wallet) => wallet.is_default)?.id : undefined;

  return (
    <Screen title={`Hello, ${user.first_name}`}>
      <PendingRequestsNotice />
      <section aria-labelledby="wallets-heading" className="section">
        <h2 id="wallets-heading">Your wallets</h2>
        <AsyncView state={wallets.state} onRetry={wallets.reload} loadingLabel="Loading your wallets…">
          {(data) =>
            data.length === 0 ? (
              <div>
                <Loading label="Your wallet is being opened…" />
                <button type="button" className="button button-secondary" onClick={wallets.reload}>
                  Look again
                </button>
              </div>
            ) : (
              <div className="wallet-grid">
                {data.map((wallet) => (
                  <WalletCard key={wallet.id} wallet={wallet} />
                ))}
              </div>
            )
          }
        </AsyncView>
      </section>

      <nav aria-label="Quick actions" className="quick-actions">
        <Link className="button" to="/fund">
          Add money
        </Link>
        <Link className="button button-secondary" to="/pay">
          Pay a provider
        </Link>
        <Link className="button button-secondary" to="/transfer">
          Send money
        </Link>
        <Link className="button button-secondary" to="/cash-out">
          Cash out
        </Link>
        <Link className="button button-secondary" to="/savings">
          Savings
        </Link>
      </nav>

      <section aria-labelledby="activity-heading" className="section">
        <h2 id="activity-heading">Recent activity</h2>
        {user.role !== 'admin' ? (
          <RecentActivity walletId={undefined} walletIds={walletIdsOf(walletList ?? [])} />
        ) : walletList === null ? (
          <Loading label="Loading recent activity…" />
        ) : adminWalletId === undefined ? (
          <p className="empty">Nothing yet.</p>
        ) : (
          <RecentActivity walletId={adminWalletId} walletIds={walletIdsOf(walletList)} />
        )}
      </section>
    </Screen>
  );
}

function RecentActivity({
  walletId,
  walletIds,
}: {
  walletId: string | undefined;
  walletIds: ReadonlySet<string>;
}) {
  const client = useClient();
  const activity = useResource(`recent-activity:${walletId ?? 'all'}`, (signal) =>
    listTransactions(
      client,
      { limit: 5, ...(walletId === undefined ? {} : { wallet_id: walletId }) },
      signal,
    ).then((page) => page.data),
  );
  return (
    <AsyncView state={activity.state} onRetry={activity.reload} loadingLabel="Loading recent activity…">
      {(transfers) =>
        transfers.length === 0 ? (
          <p className="empty">Nothing yet. Money you add, send or receive shows up here.</p>
        ) : (
          <>
            <TransactionList transfers={transfers} walletIds={walletIds} />
            <p>
              <Link to="/history">See all your history</Link>
            </p>
          </>
        )
      }
    </AsyncView>
  );
}
