import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { getPaymentRequest, listPaymentRequests } from '../api/payment-requests';
import type { Wallet } from '../api/types';
import { LoadMore } from '../components/load-more';
import { PaymentRequestItem, useRefusalWords } from '../components/payment-request-item';
import { Screen } from '../components/screen';
import { AsyncView, ErrorNotice, Loading, Notice } from '../components/status';
import { usePagedList } from '../hooks/use-paged-list';
import { useResource } from '../hooks/use-resource';
import { useWallets } from '../hooks/use-wallets';
import { useTranslation } from '../i18n';
import { useClient } from '../session';

/** What the person just did to a request, said once the server agreed, and a count that reloads the lists. */
function useChanges() {
  const [changes, setChanges] = useState({ count: 0, message: null as string | null });
  return {
    count: changes.count,
    message: changes.message,
    changed: (message: string) => setChanges((current) => ({ count: current.count + 1, message })),
  };
}

/** Requests others sent the person, to pay or decline; requests the person sent, to cancel. */
export function PaymentRequestsScreen() {
  const { t } = useTranslation('requests');
  const wallets = useWallets();
  const changes = useChanges();
  const walletList = wallets.state.status === 'ready' ? wallets.state.data : [];
  return (
    <Screen title={t('list.title')} lead={t('list.lead')}>
      <div className="actions requests-actions">
        <Link className="button" to="/request">
          {t('list.requestMoney')}
        </Link>
      </div>
      {changes.message === null ? null : (
        <Notice tone="success" live>
          <p>{changes.message}</p>
        </Notice>
      )}
      <RequestSection
        direction="incoming"
        wallets={walletList}
        refreshKey={changes.count}
        onChanged={(message) => {
          changes.changed(message);
          wallets.reload();
        }}
      />
      <RequestSection
        direction="outgoing"
        wallets={walletList}
        refreshKey={changes.count}
        onChanged={changes.changed}
      />
    </Screen>
  );
}

function RequestSection({
  direction,
  wallets,
  refreshKey,
  onChanged,
}: {
  direction: 'incoming' | 'outgoing';
  wallets: readonly Wallet[];
  refreshKey: number;
  onChanged(message: string): void;
}) {
  const { t } = useTranslation('requests');
  const client = useClient();
  const { list, loadMore } = usePagedList(`payment-requests:${direction}:${refreshKey}`, (cursor, signal) =>
    listPaymentRequests(client, { direction, ...(cursor === undefined ? {} : { cursor }) }, signal),
  );
  const incoming = direction === 'incoming';
  const headingId = `requests-${direction}-heading`;
  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{incoming ? t('list.incomingHeading') : t('list.outgoingHeading')}</h2>
      {list.status === 'loading' ? (
        <Loading label={incoming ? t('list.loadingIncoming') : t('list.loadingOutgoing')} />
      ) : null}
      {list.status === 'failed' && list.items.length === 0 ? (
        <ErrorNotice error={list.error} onRetry={loadMore} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <p className="empty">{incoming ? t('list.noIncoming') : t('list.noOutgoing')}</p>
      ) : null}
      {list.items.length === 0 ? null : (
        <ul className="item-list">
          {list.items.map((request) => (
            <PaymentRequestItem key={request.id} request={request} wallets={wallets} onChanged={onChanged} />
          ))}
        </ul>
      )}
      <LoadMore
        list={list}
        onLoadMore={loadMore}
        loadingLabel={incoming ? t('list.loadingMoreIncoming') : t('list.loadingMoreOutgoing')}
        loadLabel={incoming ? t('list.loadMoreIncoming') : t('list.loadMoreOutgoing')}
      />
    </section>
  );
}

/** One request, as its link in a message opens it: with the same answers as in the list. */
export function PaymentRequestScreen() {
  const { t } = useTranslation('requests');
  const { id = '' } = useParams();
  const client = useClient();
  const wallets = useWallets();
  const changes = useChanges();
  const refusalWords = useRefusalWords();
  const request = useResource(`payment-request:${id}`, (signal) => getPaymentRequest(client, id, signal));
  const walletList = wallets.state.status === 'ready' ? wallets.state.data : [];
  return (
    <Screen title={t('one.title')}>
      {changes.message === null ? null : (
        <Notice tone="success" live>
          <p>{changes.message}</p>
        </Notice>
      )}
      {request.state.status === 'failed' ? (
        <ErrorNotice error={request.state.error} overrides={refusalWords} onRetry={request.reload} />
      ) : (
        <AsyncView state={request.state} loadingLabel={t('one.loading')}>
          {(data) => (
            <PaymentRequestItem
              as="div"
              request={data}
              wallets={walletList}
              onChanged={(message) => {
                changes.changed(message);
                request.reload();
                wallets.reload();
              }}
            />
          )}
        </AsyncView>
      )}
      <p>
        <Link to="/requests">{t('one.backToList')}</Link>
      </p>
    </Screen>
  );
}
