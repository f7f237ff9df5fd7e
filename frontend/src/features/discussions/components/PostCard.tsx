/** One post: its author, text (or the placeholder of a deleted or hidden post), files, and
 * what the reader may do with it. */
import { type SubmitEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { SuccessBanner } from '@/components/SuccessBanner';

import { useDeletePost, useEndorse, useModeratePost, useReport, useUpvote } from '../api/posts';
import type { Post } from '../types';

interface PostCardProps {
  post: Post;
  isModerator: boolean;
  canEndorse: boolean;
  onReply?: (() => void) | undefined;
}

function ReportForm({ postId, onDone }: { postId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const report = useReport();
  const [reason, setReason] = useState('');
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    report.mutate({ postId, reason });
  }
  if (report.isSuccess) return <SuccessBanner>{t('discussions.reported')}</SuccessBanner>;
  return (
    <form className="stack stack--small" onSubmit={submit}>
      <ErrorBanner error={report.error} />
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {t('discussions.reportReason')}
        </label>
        <input
          id={id}
          className="field__control"
          required
          maxLength={1000}
          value={reason}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
      </div>
      <div className="button-row">
        <button className="button button--small button--danger" type="submit">
          {t('discussions.sendReport')}
        </button>
        <button className="button button--small" type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function PostCard({ post, isModerator, canEndorse, onReply }: PostCardProps) {
  const { t, i18n } = useTranslation();
  const upvote = useUpvote();
  const endorse = useEndorse();
  const remove = useDeletePost();
  const moderate = useModeratePost();
  const [isReporting, setReporting] = useState(false);
  const isGone = post.state === 'deleted' || (post.state === 'hidden' && !isModerator);
  const created = new Date(post.created_at).toLocaleString(i18n.language);
  const error = upvote.error ?? endorse.error ?? remove.error ?? moderate.error;

  return (
    <article
      className={`discussion-post discussion-post--${post.state}${post.is_endorsed ? ' discussion-post--endorsed' : ''}`}
      aria-label={t('discussions.postBy', { name: post.author?.name ?? t('discussions.someone') })}
    >
      <header className="discussion-post__meta">
        <strong>{post.author?.name ?? t('discussions.someone')}</strong>
        <span className="muted"> · {created}</span>
        {post.is_endorsed && (
          <span className="badge badge--status-completed">{t('discussions.endorsed')}</span>
        )}
        {post.state === 'held' && <span className="badge">{t('discussions.state.held')}</span>}
        {post.state === 'hidden' && isModerator && (
          <span className="badge badge--status-unenrolled">{t('discussions.state.hidden')}</span>
        )}
      </header>
      {isGone ? (
        <p className="muted discussion-post__placeholder">
          {post.state === 'deleted'
            ? t('discussions.deletedPlaceholder')
            : t('discussions.hiddenPlaceholder')}
        </p>
      ) : (
        // The backend renders Markdown and sanitises it (courses.text.render_markdown).
        <div
          className="rich-text"
          dir="auto"
          dangerouslySetInnerHTML={{ __html: post.body_html }}
        />
      )}
      {!isGone && post.attachments.length > 0 && (
        <ul className="plain-list discussion-post__files">
          {post.attachments.map((file) => (
            <li key={file.key}>
              <a href={file.url}>{file.name}</a>
            </li>
          ))}
        </ul>
      )}
      <ErrorBanner error={error} />
      {(!isGone || isModerator) && post.state !== 'deleted' && (
        <div className="button-row discussion-post__actions">
          <button
            type="button"
            className="button button--small"
            aria-pressed={post.is_upvoted}
            disabled={post.is_mine || post.state !== 'visible'}
            onClick={() => {
              upvote.mutate({ postId: post.id, isUpvoted: !post.is_upvoted });
            }}
          >
            {t('discussions.upvote', { count: post.upvote_count })}
          </button>
          {onReply && (
            <button type="button" className="button button--small" onClick={onReply}>
              {t('discussions.reply')}
            </button>
          )}
          {canEndorse && !post.is_opening && post.state === 'visible' && (
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                endorse.mutate({ postId: post.id, isEndorsed: !post.is_endorsed });
              }}
            >
              {post.is_endorsed ? t('discussions.unendorse') : t('discussions.endorse')}
            </button>
          )}
          {!post.is_mine && (
            <button
              type="button"
              className="button button--small button--link"
              aria-expanded={isReporting}
              onClick={() => {
                setReporting(!isReporting);
              }}
            >
              {t('discussions.report')}
            </button>
          )}
          {post.is_mine && (
            <button
              type="button"
              className="button button--small button--link"
              onClick={() => {
                if (window.confirm(t('discussions.confirmDelete'))) remove.mutate(post.id);
              }}
            >
              {t('discussions.delete')}
            </button>
          )}
          {isModerator && post.state === 'visible' && (
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => {
                moderate.mutate({ postId: post.id, action: 'hide' });
              }}
            >
              {t('discussions.hide')}
            </button>
          )}
          {isModerator && (post.state === 'hidden' || post.state === 'held') && (
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                moderate.mutate({ postId: post.id, action: 'restore' });
              }}
            >
              {t('discussions.restore')}
            </button>
          )}
        </div>
      )}
      {isReporting && (
        <ReportForm
          postId={post.id}
          onDone={() => {
            setReporting(false);
          }}
        />
      )}
    </article>
  );
}
