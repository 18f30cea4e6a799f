import { useState } from 'react';
import { listMessages, markAllMessagesRead, markMessageRead } from '../api/notifications';
import type { InboxMessage } from '../api/types';
import { LoadMore } from '../components/load-more';
import { Screen } from '../components/screen';
import { Badge, ErrorNotice, Loading, Notice } from '../components/status';
import { formatDateTime } from '../dates';
import { usePagedList } from '../hooks/use-paged-list';
import { useUnreadCount } from '../hooks/use-unread-count';
import { useTranslation } from '../i18n';
import { useClient, useUser } from '../session';

const statusTones = { pending: 'warning', sent: 'success', failed: 'error' } as const;

/** Every email and text message MoneyPal sent the person, newest first. */
export function NotificationsScreen() {
  const { t } = useTranslation('notifications');
  const client = useClient();
  const user = useUser();
  const { list, loadMore } = usePagedList('messages', (cursor, signal) =>
    listMessages(client, cursor, signal),
  );
  const inbox = useInbox();
  return (
    <Screen title={t('title')} lead={t('lead')}>
      {user.role === 'admin' ? <p className="hint">{t('admin')}</p> : null}
      {list.status === 'loading' ? <Loading label={t('loading')} /> : null}
      {list.status === 'failed' && list.items.length === 0 ? (
        <ErrorNotice error={list.error} onRetry={loadMore} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? <p className="empty">{t('none')}</p> : null}
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
      <LoadMore list={list} onLoadMore={loadMore} loadingLabel={t('loadingMore')} loadLabel={t('loadMore')} />
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
  const title = message.subject ?? t(`templates.${message.template}`);
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
            {t(`channels.${message.channel}`)} ·{' '}
            <time dateTime={message.created_at}>{formatDateTime(message.created_at)}</time>
          </span>
          <span className="badges">
            <Badge tone={statusTones[message.status]}>{t(`statuses.${message.status}`)}</Badge>
          </span>
        </span>
      </summary>
      <div className="message-body">
        {message.body === '' ? (
          <p className="hint">{t('inbox.noText')}</p>
        ) : (
          <p className="message-text">{message.body}</p>
        )}
        <p>{t(`meanings.${message.template}`)}</p>
        <dl className="summary">
          <div>
            <dt>{t('item.subject')}</dt>
            <dd>{title}</dd>
          </div>
          <div>
            <dt>{t('item.sentTo')}</dt>
            <dd>{message.to}</dd>
          </div>
          <div>
            <dt>{message.sent_at === null ? t('item.written') : t('item.sent')}</dt>
            <dd>
              <time dateTime={message.sent_at ?? message.created_at}>
                {formatDateTime(message.sent_at ?? message.created_at)}
              </time>
            </dd>
          </div>
          <div>
            <dt>{t('item.tries')}</dt>
            <dd>{message.attempts}</dd>
          </div>
          {message.status === 'failed' && message.error !== null ? (
            <div>
              <dt>{t('item.whyNot')}</dt>
              <dd>{message.error}</dd>
            </div>
          ) : null}
        </dl>
      </div>
    </details>
  );
}
