/** /courses/:slug/discussions/:threadId — a thread: its question, replies one level deep, and
 * the reply form; follow, mark answered, and the moderator's lock and pin. */
import { type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { isApiError } from '@/lib/api-error';

import { usePosts, useReply } from '../api/posts';
import { useFollowThread, useMarkAnswered, useModerateThread, useThread } from '../api/threads';
import { AttachmentPicker } from '../components/AttachmentPicker';
import { useAttachmentUploads } from '../components/use-attachment-uploads';
import { LanguageBadge } from '../components/LanguageBadge';
import { MarkdownField } from '../components/MarkdownField';
import { PostCard } from '../components/PostCard';
import type { Post } from '../types';
import '../discussions.css';

function ReplyForm({
  threadId,
  courseSlug,
  parent,
  onDone,
}: {
  threadId: number;
  courseSlug: string;
  parent?: Post | undefined;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const reply = useReply(threadId);
  const uploads = useAttachmentUploads(courseSlug);
  const [body, setBody] = useState('');
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    reply.mutate(
      { body, parent_id: parent?.id ?? null, attachment_keys: uploads.keys },
      {
        onSuccess: () => {
          setBody('');
          uploads.clear();
          onDone?.();
        },
      },
    );
  }
  const fields = isApiError(reply.error) ? reply.error.fields : {};
  return (
    <form className="stack stack--small discussion-reply-form" onSubmit={submit}>
      <ErrorBanner error={reply.error} shownFields={['body']} />
      <MarkdownField
        label={
          parent
            ? t('discussions.replyTo', { name: parent.author?.name ?? t('discussions.someone') })
            : t('discussions.yourReply')
        }
        value={body}
        onChange={setBody}
        errors={fields.body}
        rows={4}
      />
      <AttachmentPicker uploads={uploads} />
      <div className="button-row">
        <button
          className="button button--primary"
          type="submit"
          disabled={reply.isPending || uploads.isUploading}
        >
          {reply.isPending ? t('discussions.posting') : t('discussions.sendReply')}
        </button>
        {onDone && (
          <button className="button" type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

export function ThreadPage() {
  const { t } = useTranslation();
  const { slug = '', threadId = '' } = useParams();
  const id = Number(threadId);
  const [page, setPage] = useState(1);
  const [replyingTo, setReplyingTo] = useState<number | null>(null);
  const thread = useThread(id);
  const posts = usePosts(id, page);
  const follow = useFollowThread(id);
  const answered = useMarkAnswered(id);
  const moderateThread = useModerateThread(id);

  if (thread.isPending) return <LoadingState />;
  if (thread.isError)
    return (
      <RequestError
        error={thread.error}
        onRetry={() => {
          void thread.refetch();
        }}
      />
    );
  const { thread: info, opening_post: opening, is_moderator: isModerator } = thread.data;
  const canMarkAnswered = info.kind === 'question' && (opening.is_mine || isModerator);
  const replies = posts.data?.results ?? [];

  return (
    <div className="stack discussion-thread">
      <Link className="back-link" to={`/courses/${slug}/discussions`}>
        {t('discussions.backToList')}
      </Link>
      <header className="page-header stack stack--small">
        <p className="discussion-thread__labels">
          <span className="badge">{t(`discussions.kind.${info.kind}`)}</span>{' '}
          <LanguageBadge language={info.language} />{' '}
          {info.is_answered && (
            <span className="badge badge--status-completed">{t('discussions.answered')}</span>
          )}{' '}
          {info.is_locked && <span className="badge">{t('discussions.locked')}</span>}{' '}
          {info.is_pinned && <span className="badge">{t('discussions.pinned')}</span>}
        </p>
        <h1 dir="auto">{info.title}</h1>
      </header>
      <PostCard post={opening} isModerator={isModerator} canEndorse={false} />
      <ErrorBanner error={follow.error ?? answered.error ?? moderateThread.error} />
      <div className="button-row">
        <button
          type="button"
          className="button"
          aria-pressed={info.is_following}
          onClick={() => {
            follow.mutate(!info.is_following);
          }}
        >
          {info.is_following ? t('discussions.unfollow') : t('discussions.follow')}
        </button>
        {canMarkAnswered && (
          <button
            type="button"
            className="button"
            onClick={() => {
              answered.mutate(!info.is_answered);
            }}
          >
            {info.is_answered ? t('discussions.markUnanswered') : t('discussions.markAnswered')}
          </button>
        )}
        {isModerator && (
          <>
            <button
              type="button"
              className="button"
              onClick={() => {
                moderateThread.mutate(info.is_locked ? 'unlock' : 'lock');
              }}
            >
              {info.is_locked ? t('discussions.unlock') : t('discussions.lock')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                moderateThread.mutate(info.is_pinned ? 'unpin' : 'pin');
              }}
            >
              {info.is_pinned ? t('discussions.unpin') : t('discussions.pin')}
            </button>
          </>
        )}
      </div>
      <section className="stack" aria-labelledby="replies-heading">
        <h2 id="replies-heading">{t('discussions.replies', { count: info.reply_count })}</h2>
        {posts.isPending && <LoadingState />}
        {posts.isError && (
          <RequestError
            error={posts.error}
            onRetry={() => {
              void posts.refetch();
            }}
          />
        )}
        <ol className="plain-list stack discussion-replies">
          {replies.map((post) => (
            <li
              key={post.id}
              className={post.parent_id ? 'discussion-replies__child' : 'discussion-replies__top'}
            >
              <PostCard
                post={post}
                isModerator={isModerator}
                canEndorse={isModerator}
                onReply={
                  info.is_locked && !isModerator
                    ? undefined
                    : () => {
                        setReplyingTo(post.id);
                      }
                }
              />
              {replyingTo === post.id && (
                <ReplyForm
                  threadId={id}
                  courseSlug={thread.data.course_slug}
                  parent={post}
                  onDone={() => {
                    setReplyingTo(null);
                  }}
                />
              )}
            </li>
          ))}
        </ol>
        {posts.data && (posts.data.next || posts.data.previous) && (
          <nav className="pagination" aria-label={t('pagination.label')}>
            <button
              type="button"
              className="button"
              disabled={!posts.data.previous}
              onClick={() => {
                setPage(page - 1);
              }}
            >
              {t('pagination.previous')}
            </button>
            <span>{t('pagination.page', { page })}</span>
            <button
              type="button"
              className="button"
              disabled={!posts.data.next}
              onClick={() => {
                setPage(page + 1);
              }}
            >
              {t('pagination.next')}
            </button>
          </nav>
        )}
      </section>
      {info.is_locked && !isModerator ? (
        <p className="muted">{t('discussions.lockedNote')}</p>
      ) : (
        <section className="card">
          <ReplyForm threadId={id} courseSlug={thread.data.course_slug} />
        </section>
      )}
    </div>
  );
}
