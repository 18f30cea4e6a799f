import { listMessages } from '../api/notifications';
import type { Message } from '../api/types';
import { LoadMore } from '../components/load-more';
import { Screen } from '../components/screen';
import { Badge, ErrorNotice, Loading } from '../components/status';
import { formatDateTime } from '../dates';
import { usePagedList } from '../hooks/use-paged-list';
import { useClient, useUser } from '../session';

const templateNames: Readonly<Record<Message['template'], string>> = {
  registration: 'Welcome',
  payment_sent: 'Payment sent',
  payment_received: 'Payment received',
  invoice_issued: 'Invoice issued',
  refund: 'Refund',
  one_time_code: 'One-time code',
  password_reset: 'Password reset code',
  hold_created: 'Money held in escrow',
  hold_captured: 'Escrow released',
  hold_voided: 'Escrow returned',
  hold_expired: 'Escrow expired',
};

const statusTones = { pending: 'warning', sent: 'success', failed: 'error' } as const;
const statusNames = { pending: 'Sending', sent: 'Sent', failed: 'Not delivered' } as const;

/** Every email and text message MoneyPal sent the person, newest first. */
export function NotificationsScreen() {
  const client = useClient();
  const user = useUser();
  const { list, loadMore } = usePagedList('messages', (cursor, signal) =>
    listMessages(client, cursor, signal),
  );
  return (
    <Screen title="Messages" lead="The emails and text messages we sent you.">
      {user.role === 'admin' ? (
        <p className="hint">As an administrator, you see every user’s messages here.</p>
      ) : null}
      {list.status === 'loading' ? <Loading label="Loading your messages…" /> : null}
      {list.status === 'failed' && list.items.length === 0 ? (
        <ErrorNotice error={list.error} onRetry={loadMore} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? <p className="empty">No messages yet.</p> : null}
      {list.items.length === 0 ? null : (
        <ul className="item-list">
          {list.items.map((message) => (
            <li key={message.id} className="item">
              <span className="item-main">
                <span className="item-title">{message.subject ?? templateNames[message.template]}</span>
                <span className="item-detail">
                  {message.channel === 'email' ? 'Email' : 'Text message'} to {message.to} ·{' '}
                  <time dateTime={message.created_at}>{formatDateTime(message.created_at)}</time>
                </span>
                {message.status === 'failed' && message.error !== null ? (
                  <span className="item-detail">Why: {message.error}</span>
                ) : null}
                <span className="badges">
                  <Badge tone={statusTones[message.status]}>{statusNames[message.status]}</Badge>
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} onLoadMore={loadMore} noun="messages" />
    </Screen>
  );
}
