import { Link } from 'react-router-dom';
import { listPaymentRequests } from '../api/payment-requests';
import { useResource } from '../hooks/use-resource';
import { useTranslation } from '../i18n';
import { useClient } from '../session';

/** How many pending requests home counts at most before it says "many". */
const countedRequests = 20;

/** On home: the requests for money waiting for the person's answer, when there are any. */
export function PendingRequestsNotice() {
  const { t } = useTranslation('requests');
  const client = useClient();
  const pending = useResource('payment-requests:incoming:pending', (signal) =>
    listPaymentRequests(client, { direction: 'incoming', status: 'pending', limit: countedRequests }, signal),
  );
  if (pending.state.status !== 'ready' || pending.state.data.data.length === 0) return null;
  const count = pending.state.data.data.length;
  return (
    <div className="notice notice-info pending-requests">
      <p>{t('home.pending', { count })}</p>
      <Link className="button" to="/requests">
        {t('home.answer')}
      </Link>
    </div>
  );
}
