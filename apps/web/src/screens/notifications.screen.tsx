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
  payment_request_received: 'Money requested',
  payment_request_paid: 'Request paid',
  payment_request_declined: 'Request declined',
};

/** What each kind of message tells the person, in a sentence. */
const templateMeanings: Readonly<Record<Message['template'], string>> = {
  registration: 'Welcome to MoneyPal, sent when you created your account.',
  payment_sent: 'A receipt for money you sent or paid to another user.',
  payment_received: 'Word that money from another user reached your wallet.',
  invoice_issued: 'The invoice of a payment you made to a provider.',
  refund: 'Word that a payment of yours was refunded, and how much.',
  one_time_code: 'A one-time code to log in. Its code is erased as soon as it is sent.',
  hold_created: 'Word that money is held in escrow for a job until the payer releases it.',
  hold_captured: 'Word that money held in escrow was released: what the provider got and what went back.',
  hold_voided: 'Word that a payment held in escrow was declined and given back to the payer.',
  hold_expired: 'Word that a payment held in escrow reached its date and settled by itself.',
  password_reset: 'A code to choose a new password. Its code is erased as soon as it is sent.',
  payment_request_received: 'Word that another user asks you for money, with a link to pay or decline it.',
  payment_request_paid: 'Word that a request of yours was paid, and the money reached your wallet.',
  payment_request_declined: 'Word that a request of yours was declined, with the reason given.',
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
    <Screen title="Messages" lead="The emails and text messages we sent you. Open one to read it.">
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
            <li key={message.id}>
              <MessageItem message={message} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} onLoadMore={loadMore} noun="messages" />
    </Screen>
  );
}

/** A message: its subject and date; opened, everything MoneyPal keeps of it. */
function MessageItem({ message }: { message: Message }) {
  const title = message.subject ?? templateNames[message.template];
  return (
    <details className="message">
      <summary className="item">
        <span className="item-main">
          <span className="item-title">{title}</span>
          <span className="item-detail">
            {message.channel === 'email' ? 'Email' : 'Text message'} ·{' '}
            <time dateTime={message.created_at}>{formatDateTime(message.created_at)}</time>
          </span>
          <span className="badges">
            <Badge tone={statusTones[message.status]}>{statusNames[message.status]}</Badge>
          </span>
        </span>
      </summary>
      <div className="message-body">
        <p>{templateMeanings[message.template]}</p>
        <dl className="summary">
          <div>
            <dt>Subject</dt>
            <dd>{title}</dd>
          </div>
          <div>
            <dt>Sent to</dt>
            <dd>{message.to}</dd>
          </div>
          <div>
            <dt>{message.sent_at === null ? 'Written' : 'Sent'}</dt>
            <dd>
              <time dateTime={message.sent_at ?? message.created_at}>
                {formatDateTime(message.sent_at ?? message.created_at)}
              </time>
            </dd>
          </div>
          <div>
            <dt>Tries</dt>
            <dd>{message.attempts}</dd>
          </div>
          {message.status === 'failed' && message.error !== null ? (
            <div>
              <dt>Why not delivered</dt>
              <dd>{message.error}</dd>
            </div>
          ) : null}
        </dl>
      </div>
    </details>
  );
}
