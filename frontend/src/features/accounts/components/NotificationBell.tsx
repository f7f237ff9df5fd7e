/** The header's bell: a link to my notifications with the unread count, announced politely. */
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

import { useUnreadCount } from '../api/notifications';
import './NotificationBell.css';

export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount({ isEnabled: true }).data?.unread ?? 0;
  return (
    <NavLink
      to="/notifications"
      className="notification-bell"
      aria-label={t('notifications.bellLabel', { count: unread })}
    >
      <span aria-hidden="true">🔔</span>
      {unread > 0 && (
        <span className="notification-bell__count" aria-hidden="true" data-testid="unread-count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </NavLink>
  );
}
