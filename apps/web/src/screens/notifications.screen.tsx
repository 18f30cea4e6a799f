import { listMessages } from '../api/notifications';
import type { Message } from '../api/types';
import { LoadMore } from '../components/load-more';
import { Screen } from '../components/screen';
import { Badge, ErrorNotice, Loading } from '../components/status';
import { formatDateTime } from '../dates';
import { usePagedList } from '../hooks/use-paged-list';
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
  return (
    <Screen title={t('title')} lead={t('lead')}>
      {user.role === 'admin' ? <p className="hint">{t('admin')}</p> : null}
      {list.status === 'loading' ? <Loading label={t('loading')} /> : null}
      {list.status === 'failed' && list.items.length === 0 ? (
        <ErrorNotice error={list.error} onRetry={loadMore} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? <p className="empty">{t('none')}</p> : null}
      {list.items.length === 0 ? null : (
        <ul className="item-list">
          {list.items.map((message) => (
            <li key={message.id}>
              <MessageItem message={message} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} onLoadMore={loadMore} loadingLabel={t('loadingMore')} loadLabel={t('loadMore')} />
    </Screen>
  );
}

/** A message: its subject and date; opened, everything MoneyPal keeps of it. */
function MessageItem({ message }: { message: Message }) {
  const { t } = useTranslation('notifications');
  const title = message.subject ?? t(`templates.${message.template}`);
  return (
    <details className="message">
      <summary className="item">
        <span className="item-main">
          <span className="item-title">{title}</span>
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
