/** /moderation — the moderation queue of an organisation I am staff of: reported posts (with
 * the reasons) and posts the word list held; hide, restore or dismiss each, mute an author; and
 * the links to the organisation's mutes and word list. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';

import { useModerationQueue } from '../api/moderation';
import { useModeratePost } from '../api/posts';
import type { PostModerationAction, QueueItem } from '../types';
import '../discussions.css';

function QueueEntry({ item, organizationSlug }: { item: QueueItem; organizationSlug: string }) {
  const { t, i18n } = useTranslation();
  const moderate = useModeratePost();
  const act = (action: PostModerationAction) => {
    moderate.mutate({ postId: item.id, action });
  };
  return (
    <li className="card stack stack--small">
      <p>
        <Link to={`/courses/${item.course_slug}/discussions/${item.thread_id}`}>
          {item.thread_title}
        </Link>{' '}
        <span className="muted">
          · {item.author?.name ?? t('discussions.someone')} ·{' '}
          {new Date(item.created_at).toLocaleString(i18n.language)}
        </span>{' '}
        <span className="badge">{t(`discussions.state.${item.state}`)}</span>
      </p>
      {/* Sanitised by the backend when the post was written. */}
      <div className="rich-text" dir="auto" dangerouslySetInnerHTML={{ __html: item.body_html }} />
      {item.reports.length > 0 && (
        <div>
          <h3 className="discussion-queue__reasons">
            {t('discussions.reports', { count: item.open_reports })}
          </h3>
          <ul>
            {item.reports.map((report) => (
              <li key={report.id} dir="auto">
                {report.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ErrorBanner error={moderate.error} />
      <div className="button-row">
        {item.state !== 'hidden' && (
          <button
            type="button"
            className="button button--danger"
            disabled={moderate.isPending}
            onClick={() => {
              act('hide');
            }}
          >
            {t('discussions.hide')}
          </button>
        )}
        {(item.state === 'held' || item.state === 'hidden') && (
          <button
            type="button"
            className="button"
            disabled={moderate.isPending}
            onClick={() => {
              act('restore');
            }}
          >
            {t('discussions.restore')}
          </button>
        )}
        {item.state === 'visible' && (
          <button
            type="button"
            className="button"
            disabled={moderate.isPending}
            onClick={() => {
              act('dismiss');
            }}
          >
            {t('discussions.dismiss')}
          </button>
        )}
        {item.author && (
          <Link
            className="button"
            to={`/moderation/${organizationSlug}/mutes?${new URLSearchParams({
              user: String(item.author.id),
              name: item.author.name,
            }).toString()}`}
            aria-label={t('discussions.mutes.muteAuthor', { name: item.author.name })}
          >
            {t('discussions.mutes.muteAuthorShort')}
          </Link>
        )}
      </div>
    </li>
  );
}

export function ModerationPage({
  organizations,
}: {
  organizations: readonly { slug: string; name: string }[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const [slug, setSlug] = useState(organizations[0]?.slug ?? '');
  const [page, setPage] = useState(1);
  const queue = useModerationQueue(slug, page);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('discussions.moderationTitle')}</h1>
      </header>
      {organizations.length > 1 && (
        <div className="field">
          <label className="field__label" htmlFor={id}>
            {t('discussions.organization')}
          </label>
          <select
            id={id}
            className="field__control"
            value={slug}
            onChange={(event) => {
              setSlug(event.target.value);
              setPage(1);
            }}
          >
            {organizations.map((organization) => (
              <option key={organization.slug} value={organization.slug}>
                {organization.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {slug && (
        <nav className="button-row" aria-label={t('discussions.settingsNav')}>
          <Link to={`/moderation/${slug}/mutes`}>{t('discussions.mutes.title')}</Link>
          <Link to={`/moderation/${slug}/word-filter`}>{t('discussions.wordFilter.title')}</Link>
        </nav>
      )}
      {queue.isPending && slug && <LoadingState />}
      {queue.isError && (
        <RequestError
          error={queue.error}
          onRetry={() => {
            void queue.refetch();
          }}
        />
      )}
      {queue.data && queue.data.count === 0 && (
        <p className="empty-state">{t('discussions.queueEmpty')}</p>
      )}
      {queue.data && queue.data.count > 0 && (
        <ol className="plain-list stack">
          {queue.data.results.map((item) => (
            <QueueEntry key={item.id} item={item} organizationSlug={slug} />
          ))}
        </ol>
      )}
      {queue.data && (queue.data.next || queue.data.previous) && (
        <nav className="pagination" aria-label={t('pagination.label')}>
          <button
            type="button"
            className="button"
            disabled={!queue.data.previous}
            onClick={() => {
              setPage(page - 1);
            }}
          >
            {t('pagination.previous')}
          </button>
          <button
            type="button"
            className="button"
            disabled={!queue.data.next}
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
