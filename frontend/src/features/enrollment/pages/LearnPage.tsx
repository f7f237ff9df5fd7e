/** /learn/:enrollmentId/:lessonKey? — study a course: lesson navigation, the lesson, progress. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { isApiError, isNotSignedIn } from '@/lib/api-error';
import { contentLanguageAttributes } from '@/lib/content-language';
import { signInPath } from '@/lib/session';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useEnrollment } from '../api/get-enrollment';
import { useProgress } from '../api/get-progress';
import { LessonNavigation } from '../components/LessonNavigation';
import { LessonView } from '../components/LessonView';
import { MissingList } from '../components/MissingList';
import { ProgressBar } from '@/components/ProgressBar';
import { learnPath } from '../paths';
import type { LessonTitle, Progress } from '../types';

import './LearnPage.css';

const NOT_FOUND_STATUS = 404;

function lessonOrder(progress: Progress): string[] {
  return progress.modules.flatMap((module) => module.lessons.map((lesson) => lesson.key));
}

function LearnError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  // The location this page was rendered for, not the browser's, which may already be /login: the
  // app may have sent the reader there first (a session that ended while signed in).
  if (isNotSignedIn(error))
    return <Navigate to={signInPath('/login', location.pathname)} replace />;
  const isNotFound = isApiError(error) && error.status === NOT_FOUND_STATUS;
  return (
    <section className="card card--narrow stack stack--small" aria-labelledby="learn-error-title">
      <h1 id="learn-error-title">
        {isNotFound ? t('learning.notFoundTitle') : t('learning.errorTitle')}
      </h1>
      {isNotFound ? <p>{t('learning.notFoundBody')}</p> : <ErrorBanner error={error} />}
      <div className="button-row">
        {!isNotFound && (
          <button className="button" type="button" onClick={onRetry}>
            {t('common.retry')}
          </button>
        )}
        <Link className="button" to="/learning">
          {t('learning.toMyLearning')}
        </Link>
      </div>
    </section>
  );
}

export function LearnPage({
  enrollmentId,
  lessonKey,
  lessonTitles = new Map(),
  renderCertificate,
}: {
  enrollmentId: number;
  lessonKey: string | undefined;
  /** Lesson titles and kinds from the course outline, which the app layer provides. */
  lessonTitles?: ReadonlyMap<string, LessonTitle>;
  /** Once the course is complete: its certificate (being prepared, then ready), which the app
   * layer provides from the certificates feature. */
  renderCertificate?: (enrollmentId: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const enrollment = useEnrollment(enrollmentId, language);
  const progress = useProgress(enrollmentId, language);
  useDocumentTitle(enrollment.data?.title ?? t('learning.title'));

  if (enrollment.isPending || progress.isPending) return <LoadingState />;
  if (enrollment.isError || progress.isError) {
    return (
      <LearnError
        error={enrollment.error ?? progress.error}
        onRetry={() => {
          void enrollment.refetch();
          void progress.refetch();
        }}
      />
    );
  }

  const order = lessonOrder(progress.data);
  // Resume where the learner left off (the server's next lesson), else at the beginning.
  if (!lessonKey || !order.includes(lessonKey)) {
    const resumeAt = progress.data.next_lesson ?? order[0];
    if (resumeAt && resumeAt !== lessonKey)
      return <Navigate to={learnPath(enrollmentId, resumeAt)} replace />;
  }

  const index = lessonKey ? order.indexOf(lessonKey) : -1;
  const previousKey = index > 0 ? order[index - 1] : undefined;
  const nextKey = index >= 0 && index < order.length - 1 ? order[index + 1] : undefined;
  const isDone = progress.data.modules
    .flatMap((module) => module.lessons)
    .some((lesson) => lesson.key === lessonKey && lesson.is_done);
  const contentLanguage = contentLanguageAttributes(progress.data.served_language);
  const isActive = enrollment.data.status === 'active' || enrollment.data.status === 'completed';

  return (
    <div className="learn">
      <aside className="learn__sidebar stack stack--small" aria-labelledby="learn-course-title">
        <Link className="back-link" to="/learning">
          <span className="back-link__arrow" aria-hidden="true">
            ←
          </span>{' '}
          {t('learning.toMyLearning')}
        </Link>
        <p className="learn__course-title" id="learn-course-title" {...contentLanguage}>
          {enrollment.data.title}
        </p>
        <ProgressBar percent={progress.data.percent} />
        {progress.data.is_complete ? (
          <div className="banner banner--success stack stack--small">
            <p className="banner__message" role="status">
              {t('learning.courseComplete')}
            </p>
            {renderCertificate ? (
              renderCertificate(enrollmentId)
            ) : (
              <Link to="/learning">{t('learning.seeCertificate')}</Link>
            )}
          </div>
        ) : (
          <details className="missing-details">
            <summary>{t('learning.whatIsMissing')}</summary>
            <MissingList
              missing={progress.data.missing}
              lessonPath={(key) => learnPath(enrollmentId, key)}
            />
          </details>
        )}
        <details className="lesson-nav__toggle" open>
          <summary>{t('learning.lessonsNavigation')}</summary>
          <LessonNavigation
            enrollmentId={enrollmentId}
            modules={progress.data.modules}
            titles={lessonTitles}
            currentLessonKey={lessonKey}
            contentLanguage={contentLanguage}
          />
        </details>
      </aside>
      <div className="learn__main stack">
        {!isActive ? (
          <div className="banner banner--warning" role="alert">
            <p className="banner__message">{t('learning.notActive')}</p>
            <Link to={`/courses/${enrollment.data.course}`}>{t('learning.toCoursePage')}</Link>
          </div>
        ) : (
          lessonKey && (
            <LessonView
              key={lessonKey}
              enrollmentId={enrollmentId}
              lessonKey={lessonKey}
              isDone={isDone}
            />
          )
        )}
        <nav className="lesson-pager" aria-label={t('learning.pagerLabel')}>
          {previousKey ? (
            <Link className="button" to={learnPath(enrollmentId, previousKey)} rel="prev">
              {t('learning.previousLesson')}
            </Link>
          ) : (
            <span />
          )}
          {nextKey && (
            <Link
              className={isDone ? 'button button--primary' : 'button'}
              to={learnPath(enrollmentId, nextKey)}
              rel="next"
            >
              {t('learning.nextLesson')}
            </Link>
          )}
        </nav>
      </div>
    </div>
  );
}
