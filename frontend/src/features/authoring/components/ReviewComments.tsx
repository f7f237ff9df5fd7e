/** Review comments per lesson (or on the whole version): write, read, resolve and re-open. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { useCreateComment } from '../api/create-comment';
import { useComments } from '../api/list-comments';
import { useResolveComment } from '../api/resolve-comment';
import { lessonIndex } from '../course-package';
import type { PackageCourse } from '../types';
import { SelectInput, TextInput } from './inputs';

import './editor.css';
import './ReviewComments.css';

const WHOLE_VERSION = '';

export function ReviewComments({ slug, course }: { slug: string; course: PackageCourse }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const comments = useComments(slug, language);
  const create = useCreateComment(slug);
  const resolve = useResolveComment(slug);
  const lessons = lessonIndex(course);
  const [lesson, setLesson] = useState(WHOLE_VERSION);
  const [body, setBody] = useState('');

  if (comments.isPending) return <LoadingState />;
  if (comments.isError) {
    return <RequestError error={comments.error} onRetry={() => void comments.refetch()} />;
  }
  const titleOf = (key: string | null) =>
    key === null
      ? t('studio.review.wholeVersion')
      : (lessons.find((item) => item.key === key)?.title ?? key);

  return (
    <section className="stack" aria-labelledby="comments-title">
      <h3 id="comments-title">{t('studio.review.comments')}</h3>
      {comments.data.length === 0 ? (
        <p className="muted">{t('studio.review.noComments')}</p>
      ) : (
        <ul className="comment-list">
          {comments.data.map((comment) => (
            <li
              key={comment.id}
              className={comment.is_resolved ? 'comment comment--resolved' : 'comment'}
              data-testid="review-comment"
            >
              <p className="comment__meta">
                <strong>{comment.lesson_title ?? titleOf(comment.lesson)}</strong> ·{' '}
                {comment.author?.full_name ?? t('studio.history.someone')} ·{' '}
                {formatDateTime(comment.created_at, language)} ·{' '}
                {t('studio.review.version', { number: comment.version })}
                {comment.is_resolved && (
                  <>
                    {' '}
                    · <span className="badge">{t('studio.review.resolved')}</span>
                  </>
                )}
              </p>
              <p className="comment__body" dir="auto">
                {comment.body}
              </p>
              <button
                type="button"
                className="button button--small"
                disabled={resolve.isPending}
                onClick={() => {
                  resolve.mutate({ id: comment.id, isResolved: !comment.is_resolved });
                }}
              >
                {comment.is_resolved ? t('studio.review.reopen') : t('studio.review.resolve')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="card stack stack--small"
        onSubmit={(event) => {
          event.preventDefault();
          if (!body.trim()) return;
          create.mutate(
            { body, lesson: lesson === WHOLE_VERSION ? null : lesson },
            {
              onSuccess: () => {
                setBody('');
              },
            },
          );
        }}
      >
        <SelectInput
          label={t('studio.review.about')}
          value={lesson}
          options={[
            { value: WHOLE_VERSION, label: t('studio.review.wholeVersion') },
            ...lessons.map((item) => ({
              value: item.key,
              label: `${formatNumber(item.moduleIndex + 1, language)}.${formatNumber(item.lessonIndex + 1, language)} ${item.title}`,
            })),
          ]}
          onChange={setLesson}
        />
        <TextInput label={t('studio.review.comment')} value={body} isMultiline onChange={setBody} />
        <ErrorBanner error={create.error ?? resolve.error} />
        <div>
          <button
            type="submit"
            className="button button--primary"
            disabled={create.isPending || !body.trim()}
          >
            {t('studio.review.addComment')}
          </button>
        </div>
      </form>
    </section>
  );
}
