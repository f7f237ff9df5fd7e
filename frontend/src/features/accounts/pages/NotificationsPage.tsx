/** /notifications — my notifications, newest first; opening one marks it read. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';

import { useMarkNotificationsRead, useNotifications } from '../api/notifications';

export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const notifications = useNotifications(page);
  const markRead = useMarkNotificationsRead();
  if (notifications.isPending) return <LoadingState />;
  if (notifications.isError)
    return (
      <RequestError
        error={notifications.error}
        onRetry={() => {
          void notifications.refetch();
        }}
      />
    );
  const { results, next, previous, count } = notifications.data;
  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('notifications.title')}</h1>
      </header>
      {count > 0 && (
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={markRead.isPending}
            onClick={() => {
              markRead.mutate(null);
            }}
          >
            {t('notifications.markAllRead')}
          </button>
        </div>
      )}
      {count === 0 && <p className="empty-state">{t('notifications.empty')}</p>}
      <ol className="plain-list stack">
        {results.map((notice) => (
          <li key={notice.id} className="card stack stack--small">
            <p>
              {!notice.is_read && <span className="badge">{t('notifications.new')}</span>}{' '}
              {notice.link.startsWith('/') ? (
                <Link
                  to={notice.link}
                  onClick={() => {
                    if (!notice.is_read) markRead.mutate([notice.id]);
                  }}
                >
                  {notice.title}
                </Link>
              ) : (
                notice.title
              )}
            </p>
            {notice.body && (
              <p className="muted" dir="auto">
                {notice.body}
              </p>
            )}
            <p className="muted">{new Date(notice.created_at).toLocaleString(i18n.language)}</p>
          </li>
        ))}
      </ol>
      {(next || previous) && (
        <nav className="pagination" aria-label={t('pagination.label')}>
          <button
            type="button"
            className="button"
            disabled={!previous}
            onClick={() => {
              setPage(page - 1);
            }}
          >
            {t('pagination.previous')}
          </button>
          <button
            type="button"
            className="button"
            disabled={!next}
            onClick={() => {
              setPage(page + 1);
            }}
          >
            {t('pagination.next')}
          </button>
        </nav>
      )}
    </div>
  );
}
