/** One lesson to study: Markdown text, video with transcript, a resource to download, a quiz, or a
 * SCORM / cmi5 package. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { contentLanguageAttributes } from '@/lib/content-language';
import { formatDuration, formatFileSize, formatPercent } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { useLesson } from '../api/get-lesson';
import { newEventId, useRecordEvent } from '../api/record-event';
import { useStartQuizAttempt } from '../api/start-quiz-attempt';
import type { EventInput, QuizAnswer } from '../types';
import type { Segment } from '../watched-segments';
import { PackageLesson } from './PackageLesson';
import { Quiz } from './Quiz';
import { LessonText, LessonVideo } from './LessonSections';

import './LessonView.css';

/** Text and resource lessons are done when the learner says so; videos and quizzes by the server. */
const MARKED_COMPLETE_KINDS = new Set(['text', 'resource']);

export function LessonView({
  enrollmentId,
  lessonKey,
  isDone,
}: {
  enrollmentId: number;
  lessonKey: string;
  isDone: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const lesson = useLesson(enrollmentId, lessonKey, language);
  const recordEvent = useRecordEvent();
  const { mutateAsync } = recordEvent;
  const [watchedPercent, setWatchedPercent] = useState<number | null>(null);
  // One id per attempt to complete, so a retried click is recorded once.
  const completeEventId = useRef(newEventId());

  const send = useCallback(
    (event: Omit<EventInput, 'lesson' | 'id'>, id = newEventId()) =>
      mutateAsync({ enrollmentId, event: { ...event, id, lesson: lessonKey } }),
    [mutateAsync, enrollmentId, lessonKey],
  );

  // Opening a lesson moves the resume point here (a quiz's clock starts with each attempt).
  useEffect(() => {
    void send({ kind: 'lesson_opened' }).catch(() => undefined);
  }, [send]);

  const onWatched = useCallback(
    (segments: Segment[], duration: number | undefined, position: number) => {
      send({
        kind: 'video_progress',
        segments,
        position,
        ...(duration !== undefined && { duration }),
      })
        .then((result) => {
          if (result.watched_percent !== undefined) setWatchedPercent(result.watched_percent);
        })
        .catch(() => undefined); // The next report carries the same stretches again.
    },
    [send],
  );

  const { mutateAsync: startAttempt } = useStartQuizAttempt();
  const startQuiz = useCallback(
    () => startAttempt({ enrollmentId, lessonKey }),
    [startAttempt, enrollmentId, lessonKey],
  );

  const submitQuiz = useCallback(
    (answers: Record<string, QuizAnswer>) => send({ kind: 'quiz_submitted', answers }),
    [send],
  );

  if (lesson.isPending) return <LoadingState />;
  if (lesson.isError) {
    return <RequestError error={lesson.error} onRetry={() => void lesson.refetch()} />;
  }

  const content = lesson.data;
  const contentLanguage = contentLanguageAttributes(content.served_language);
  const canMarkComplete = MARKED_COMPLETE_KINDS.has(content.kind);

  return (
    <article className="lesson-view stack" aria-labelledby="lesson-title">
      <header className="lesson-view__header">
        <p className="lesson-view__meta muted">
          {[
            t('learning.lessonLabel', { label: content.label }),
            t(`lessonKind.${content.kind as 'text' | 'video' | 'resource' | 'quiz' | 'package'}`),
            formatDuration(content.duration_minutes, language),
            content.is_required ? null : t('course.optional'),
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        <h1 id="lesson-title" {...contentLanguage}>
          {content.title}
        </h1>
      </header>

      <LessonVideo
        content={content}
        contentLanguage={contentLanguage}
        startAt={content.state.resume_at_seconds ?? 0}
        onWatched={onWatched}
      >
        <p className="muted" role="status">
          {isDone
            ? content.state.completed_by === 'transcript'
              ? t('lesson.transcriptCompleted')
              : t('lesson.videoWatched')
            : watchedPercent === null
              ? t(
                  content.video_completion === 'watched_or_transcript' && content.transcript
                    ? 'lesson.videoHintOrTranscript'
                    : 'lesson.videoHint',
                  { percent: formatPercent(content.video_watched_percent ?? 90, language) },
                )
              : t('lesson.videoProgress', { percent: formatPercent(watchedPercent, language) })}
        </p>
      </LessonVideo>

      <LessonText
        content={content}
        contentLanguage={contentLanguage}
        transcriptActions={
          content.video_completion === 'watched_or_transcript' &&
          !isDone && (
            <div className="transcript__done">
              {/* The accessible path: a learner who cannot watch completes by reading. */}
              <button
                type="button"
                className="button"
                disabled={recordEvent.isPending}
                onClick={() => {
                  send({ kind: 'transcript_read' }, completeEventId.current)
                    .then(() => {
                      completeEventId.current = newEventId();
                    })
                    .catch(() => undefined);
                }}
              >
                {t('lesson.transcriptRead')}
              </button>
              {recordEvent.variables?.event.kind === 'transcript_read' && (
                <ErrorBanner error={recordEvent.error} />
              )}
            </div>
          )
        }
      />

      {content.resource && (
        <section className="card resource" aria-labelledby="resource-title">
          <h2 id="resource-title">{t('lesson.resourceHeading')}</h2>
          <a className="button" href={content.resource.url} download={content.resource.filename}>
            <span aria-hidden="true">⭳ </span>
            {t('lesson.download', {
              filename: content.resource.filename,
              size: formatFileSize(content.resource.size, language),
            })}
          </a>
        </section>
      )}

      {content.quiz && (
        <section className="card" aria-labelledby="quiz-title">
          <h2 id="quiz-title">{t('quiz.heading')}</h2>
          <Quiz
            key={lessonKey}
            quiz={content.quiz}
            contentLanguage={contentLanguage}
            start={startQuiz}
            submit={submitQuiz}
            isAttemptRunning={content.state.attempt_started_at !== null}
          />
        </section>
      )}

      {content.kind === 'package' && (
        <PackageLesson
          enrollmentId={enrollmentId}
          lessonKey={lessonKey}
          title={content.title}
          lessonPackage={content.package}
          attempt={content.package_attempt}
        />
      )}

      {canMarkComplete && (
        <div className="lesson-view__complete">
          {isDone ? (
            <p className="done-note" role="status">
              <span aria-hidden="true">✓ </span>
              {t('lesson.completed')}
            </p>
          ) : (
            <>
              <button
                type="button"
                className="button button--primary"
                disabled={recordEvent.isPending}
                onClick={() => {
                  send({ kind: 'lesson_completed' }, completeEventId.current)
                    .then(() => {
                      completeEventId.current = newEventId();
                    })
                    .catch(() => undefined);
                }}
              >
                {t('lesson.markComplete')}
              </button>
              {recordEvent.variables?.event.kind === 'lesson_completed' && (
                <ErrorBanner error={recordEvent.error} />
              )}
            </>
          )}
        </div>
      )}
    </article>
  );
}
