import { useState } from 'react';
import { listMessages, markAllMessagesRead, markMessageRead } from '../api/notifications';
import type { InboxMessage, Message } from '../api/types';
import { LoadMore } from '../components/load-more';
import { Screen } from '../components/screen';
import { Badge, ErrorNotice, Loading, Notice } from '../components/status';
import { formatDateTime } from '../dates';
import { usePagedList } from '../hooks/use-paged-list';
import { useUnreadCount } from '../hooks/use-unread-count';
import { useTranslation } from '../i18n';
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
  const inbox = useInbox();
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
      <InboxActions inbox={inbox} />
      {list.items.length === 0 ? null : (
        <ul className="item-list">
          {list.items.map((message) => (
            <li key={message.id}>
              <MessageItem message={message} inbox={inbox} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} onLoadMore={loadMore} noun="messages" />
    </Screen>
  );
}

/** What the person read on this screen, over what the list answered when it loaded. */
interface Inbox {
  isUnread(message: InboxMessage): boolean;
  open(message: InboxMessage): void;
  markAll(): void;
  markingAll: boolean;
  failure: 'one' | 'all' | null;
  error: unknown;
}

function useInbox(): Inbox {
  const client = useClient();
  const user = useUser();
  const { refresh } = useUnreadCount();
  const [readIds, setReadIds] = useState<ReadonlySet<string>>(new Set());
  // Every message the list holds, or loads later, is older than the moment all were marked read.
  const [allRead, setAllRead] = useState(false);
  const [markingAll, setMarkingAll] = useState(false);
  const [failure, setFailure] = useState<{ kind: 'one' | 'all'; error: unknown } | null>(null);
  // Only the person's own messages have a read state: an admin sees others' too.
  const isUnread = (message: InboxMessage) =>
    message.user_id === user.id && message.read_at === null && !readIds.has(message.id) && !allRead;
  return {
    isUnread,
    markingAll,
    failure: failure?.kind ?? null,
    error: failure?.error,
    open(message) {
      if (!isUnread(message)) return;
      setReadIds((current) => new Set(current).add(message.id));
      markMessageRead(client, message.id).then(
        () => {
          setFailure(null);
          refresh();
        },
        (error: unknown) => {
          setReadIds((current) => {
            const next = new Set(current);
            next.delete(message.id);
            return next;
          });
          setFailure({ kind: 'one', error });
        },
      );
    },
    markAll() {
      setMarkingAll(true);
      markAllMessagesRead(client).then(
        () => {
          setAllRead(true);
          setFailure(null);
          setMarkingAll(false);
          refresh();
        },
        (error: unknown) => {
          setFailure({ kind: 'all', error });
          setMarkingAll(false);
        },
      );
    },
  };
}

/** How many are unread, and the button that marks them all read. */
function InboxActions({ inbox }: { inbox: Inbox }) {
  const { t } = useTranslation('notifications');
  const { count } = useUnreadCount();
  if (count === null) return null;
  return (
    <div className="inbox-actions">
      <p role="status">{count === 0 ? t('inbox.allRead') : t('inbox.unreadSummary', { count })}</p>
      {count === 0 ? null : (
        <button
          type="button"
          className="button button-secondary"
          disabled={inbox.markingAll}
          onClick={inbox.markAll}
        >
          {inbox.markingAll ? t('inbox.markingAllRead') : t('inbox.markAllRead')}
        </button>
      )}
      {inbox.failure === 'all' ? <ErrorNotice error={inbox.error} /> : null}
      {inbox.failure === 'one' ? (
        <Notice tone="warning" live>
          <p>{t('inbox.markReadFailed')}</p>
        </Notice>
      ) : null}
    </div>
  );
}

/** A message: its subject and date; opened, its text (which marks it read) and everything MoneyPal keeps of it. */
function MessageItem({ message, inbox }: { message: InboxMessage; inbox: Inbox }) {
  const { t } = useTranslation('notifications');
  const title = message.subject ?? templateNames[message.template];
  const unread = inbox.isUnread(message);
  return (
    <details
      className={unread ? 'message message-unread' : 'message'}
      onToggle={(event) => {
        if (event.currentTarget.open) inbox.open(message);
      }}
    >
      <summary className="item">
        <span className="item-main">
          <span className={unread ? 'item-title unread-title' : 'item-title'}>
            {unread ? <span className="unread-dot" aria-hidden="true" /> : null}
            {title}
            {unread ? <span className="visually-hidden"> ({t('inbox.unread')})</span> : null}
          </span>
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
        {message.body === '' ? (
          <p className="hint">{t('inbox.noText')}</p>
        ) : (
          <p className="message-text">{message.body}</p>
        )}
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
