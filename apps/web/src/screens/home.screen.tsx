import { Link } from 'react-router-dom';
import { listTransactions } from '../api/ledger';
import { PendingRequestsNotice } from '../components/pending-requests-notice';
import { Screen } from '../components/screen';
import { AsyncView, Loading } from '../components/status';
import { TransactionList } from '../components/transaction-list';
import { WalletCard } from '../components/wallet-card';
import { useResource } from '../hooks/use-resource';
import { useWallets, walletIdsOf } from '../hooks/use-wallets';
import { useTranslation } from '../i18n';
import { useClient, useUser } from '../session';

/** Wallets with their balances, what to do next, and the latest movements. */
export function HomeScreen() {
  const { t } = useTranslation(['home', 'common']);
  const user = useUser();
  const wallets = useWallets();
  const walletList = wallets.state.status === 'ready' ? wallets.state.data : null;
  // The history answers an admin every user's movements: an admin sees their own wallet's here.
  const adminWalletId =
    user.role === 'admin' ? walletList?.find((wallet) => wallet.is_default)?.id : undefined;

  return (
    <Screen title={t('title', { firstName: user.first_name })}>
      <PendingRequestsNotice />
      <section aria-labelledby="wallets-heading" className="section">
        <h2 id="wallets-heading">{t('wallets')}</h2>
        <AsyncView state={wallets.state} onRetry={wallets.reload} loadingLabel={t('common:loadingWallets')}>
          {(data) =>
            data.length === 0 ? (
              <div>
                <Loading label={t('common:walletOpening')} />
                <button type="button" className="button button-secondary" onClick={wallets.reload}>
                  {t('lookAgain')}
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

      <nav aria-label={t('quickActions.label')} className="quick-actions">
        <Link className="button" to="/fund">
          {t('quickActions.fund')}
        </Link>
        <Link className="button button-secondary" to="/pay">
          {t('quickActions.pay')}
        </Link>
        <Link className="button button-secondary" to="/transfer">
          {t('quickActions.send')}
        </Link>
        <Link className="button button-secondary" to="/cash-out">
          {t('quickActions.cashOut')}
        </Link>
        <Link className="button button-secondary" to="/savings">
          {t('quickActions.savings')}
        </Link>
      </nav>

      <section aria-labelledby="activity-heading" className="section">
        <h2 id="activity-heading">{t('activity.heading')}</h2>
        {user.role !== 'admin' ? (
          <RecentActivity walletId={undefined} walletIds={walletIdsOf(walletList ?? [])} />
        ) : walletList === null ? (
          <Loading label={t('activity.loading')} />
        ) : adminWalletId === undefined ? (
          <p className="empty">{t('activity.nothingYet')}</p>
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
  const { t } = useTranslation(['home', 'common']);
  const client = useClient();
  const activity = useResource(`recent-activity:${walletId ?? 'all'}`, (signal) =>
    listTransactions(
      client,
      { limit: 5, ...(walletId === undefined ? {} : { wallet_id: walletId }) },
      signal,
    ).then((page) => page.data),
  );
  return (
    <AsyncView state={activity.state} onRetry={activity.reload} loadingLabel={t('activity.loading')}>
      {(transfers) =>
        transfers.length === 0 ? (
          <p className="empty">{t('activity.empty')}</p>
        ) : (
          <>
            <TransactionList transfers={transfers} walletIds={walletIds} />
            <p>
              <Link to="/history">{t('activity.seeAll')}</Link>
            </p>
          </>
        )
      }
    </AsyncView>
  );
}
