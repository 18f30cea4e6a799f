import { Link } from 'react-router-dom';
import { useUnreadCount } from '../hooks/use-unread-count';
import { useTranslation } from '../i18n';

/** Counts above this show as "99+": the badge stays one size. */
const largestShownCount = 99;

/** The header's link to the messages, with a badge of how many are unread, named for screen readers. */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const { count } = useUnreadCount();
  const unread = count ?? 0;
  return (
    <Link to="/notifications" className="notification-bell" aria-label={t('bell.label', { count: unread })}>
      <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread === 0 ? null : (
        <span className="notification-count" aria-hidden="true" data-testid="unread-count">
          {unread > largestShownCount ? `${largestShownCount}+` : unread}
        </span>
      )}
    </Link>
  );
}
