/** /learning — every enrollment with its progress, grade, what is missing and the next lesson. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { contentLanguageAttributes } from '@/lib/content-language';
import { formatDate, formatNumber, formatPercent } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useProgresses } from '../api/get-progress';
import { useEnrollments } from '../api/list-enrollments';
import { useMoveToCurrentVersion } from '../api/move-to-current-version';
import { useUnenroll } from '../api/unenroll';
import { MissingList } from '../components/MissingList';
import { ProgressBar } from '@/components/ProgressBar';
import { learnPath } from '../paths';
import type { Enrollment, Progress } from '../types';

import './MyLearningPage.css';

/** Completed courses last, otherwise as the API lists them (newest first). */
const STATUS_ORDER = { active: 0, waitlisted: 1, completed: 2, unenrolled: 3 } as const;

function lessonLabel(progress: Progress, lessonKey: string): string | undefined {
  for (const module of progress.modules)
    for (const lesson of module.lessons) if (lesson.key === lessonKey) return lesson.label;
  return undefined;
}

/** Leave a course (after a confirmation), or move to the newest version of it. */
function EnrollmentActions({ enrollment }: { enrollment: Enrollment }) {
  const { t } = useTranslation();
  const unenroll = useUnenroll();
  const move = useMoveToCurrentVersion();
  const [isConfirming, setIsConfirming] = useState(false);
  const canLeave = enrollment.status === 'active' || enrollment.status === 'waitlisted';
  const canMove = enrollment.status === 'active' && enrollment.newer_version_available;
  if (!canLeave && !canMove) return null;
  return (
    <div className="stack stack--small">
      {canMove && (
        <div className="banner banner--warning">
          <p className="banner__message">{t('learning.newerVersion')}</p>
          <button
            type="button"
            className="button"
            disabled={move.isPending}
            onClick={() => {
              move.mutate(enrollment.id);
            }}
          >
            {t('learning.moveToCurrent')}
          </button>
        </div>
      )}
      {canLeave &&
        (isConfirming ? (
          <div className="banner banner--warning" role="alert">
            <p className="banner__message">
              {t('learning.unenrolConfirm', { course: enrollment.title })}
            </p>
            <div className="button-row">
              <button
                type="button"
                className="button button--danger"
                disabled={unenroll.isPending}
                onClick={() => {
                  unenroll.mutate(enrollment.id);
                }}
              >
                {t('learning.unenrolYes')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setIsConfirming(false);
                }}
              >
                {t('common.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div>
            <button
              type="button"
              className="button button--link"
              onClick={() => {
                setIsConfirming(true);
              }}
            >
              {t('learning.unenrol')}
            </button>
          </div>
        ))}
      <ErrorBanner error={unenroll.error ?? move.error} />
    </div>
  );
}

function EnrollmentCard({
  enrollment,
  progress,
  isProgressLoading,
  progressError,
  onRetry,
  certificate,
}: {
  enrollment: Enrollment;
  progress: Progress | undefined;
  isProgressLoading: boolean;
  progressError: unknown;
  onRetry: () => void;
  certificate: ReactNode;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const titleId = `enrollment-${String(enrollment.id)}-title`;
  const grade = enrollment.final_grade ?? progress?.grade ?? null;
  const nextLabel = progress?.next_lesson ? lessonLabel(progress, progress.next_lesson) : undefined;
  const contentLanguage = progress ? contentLanguageAttributes(progress.served_language) : {};

  return (
    <article className="card enrollment-card stack stack--small" aria-labelledby={titleId}>
      <p className="enrollment-card__facts">
        <span className={`badge badge--status-${enrollment.status}`}>
          {t(`enrolmentStatus.${enrollment.status}`)}
        </span>
        <span className="muted">
          {t('enrolment.enrolledOn', { date: formatDate(enrollment.enrolled_at, language) })}
        </span>
      </p>
      <h2 id={titleId} className="enrollment-card__title" {...contentLanguage}>
        <Link to={`/courses/${enrollment.course}`}>{enrollment.title}</Link>
      </h2>

      {enrollment.status === 'waitlisted' && (
        <p>
          {enrollment.waitlist_position === null
            ? t('enrolment.waitlisted')
            : t('enrolment.waitlistPosition', {
                position: formatNumber(enrollment.waitlist_position, language),
              })}
        </p>
      )}

      {(enrollment.status === 'active' || enrollment.status === 'completed') && (
        <>
          {isProgressLoading && <p className="muted">{t('common.loading')}</p>}
          {progressError !== null && (
            <div className="stack stack--small">
              <ErrorBanner error={progressError} />
              <button className="button" type="button" onClick={onRetry}>
                {t('common.retry')}
              </button>
            </div>
          )}
          {progress && (
            <>
              <ProgressBar percent={progress.percent} />
              <p className="enrollment-card__grade">
                {grade === null
                  ? t('learning.noGradeYet', {
                      passMark: formatPercent(progress.pass_mark, language),
                    })
                  : t('learning.grade', {
                      grade: formatPercent(Number(grade), language, { maximumFractionDigits: 2 }),
                      passMark: formatPercent(progress.pass_mark, language),
                    })}
              </p>
              {!progress.is_complete && (
                <MissingList
                  missing={progress.missing}
                  lessonPath={(key) => learnPath(enrollment.id, key)}
                />
              )}
            </>
          )}
        </>
      )}

      {enrollment.status === 'completed' && (
        <>
          <p>
            {t('enrolment.completedOn', {
              date: formatDate(enrollment.completed_at ?? enrollment.enrolled_at, language),
            })}
          </p>
          {certificate}
        </>
      )}

      <div className="button-row">
        {enrollment.status === 'active' && (
          <Link
            className="button button--primary"
            to={learnPath(enrollment.id, progress?.next_lesson)}
          >
            {nextLabel ? t('learning.continueWith', { label: nextLabel }) : t('enrolment.continue')}
          </Link>
        )}
        {enrollment.status === 'completed' && (
          <Link className="button" to={learnPath(enrollment.id)}>
            {t('learning.review')}
          </Link>
        )}
        {enrollment.status === 'unenrolled' && (
          <Link className="button" to={`/courses/${enrollment.course}`}>
            {t('learning.enrolAgain')}
          </Link>
        )}
      </div>
      <EnrollmentActions enrollment={enrollment} />
    </article>
  );
}

export function MyLearningPage({
  renderCertificate,
}: {
  /** The certificate of a completed enrollment, which the app layer provides. */
  renderCertificate?: (enrollment: Enrollment) => ReactNode;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const enrollments = useEnrollments(language);
  const sorted = [...(enrollments.data ?? [])].sort(
    (left, right) => STATUS_ORDER[left.status] - STATUS_ORDER[right.status],
  );
  const withProgress = sorted.filter(
    (enrollment) => enrollment.status === 'active' || enrollment.status === 'completed',
  );
  const progresses = useProgresses(
    withProgress.map((enrollment) => enrollment.id),
    language,
  );
  useDocumentTitle(t('learning.title'));

  if (enrollments.isPending) return <LoadingState />;
  if (enrollments.isError) {
    return (
      <section className="card card--narrow stack stack--small" aria-labelledby="learning-error">
        <h1 id="learning-error">{t('learning.title')}</h1>
        <ErrorBanner error={enrollments.error} />
        <button className="button" type="button" onClick={() => void enrollments.refetch()}>
          {t('common.retry')}
        </button>
      </section>
    );
  }

  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('learning.title')}</h1>
        <p className="lead">{t('learning.lead')}</p>
      </header>
      {sorted.length === 0 ? (
        <div className="card empty-state">
          <p>{t('learning.empty')}</p>
          <Link className="button button--primary" to="/courses">
            {t('course.browseCatalog')}
          </Link>
        </div>
      ) : (
        <ul className="enrollment-list">
          {sorted.map((enrollment) => {
            const index = withProgress.indexOf(enrollment);
            const progress = index >= 0 ? progresses[index] : undefined;
            return (
              <li key={enrollment.id}>
                <EnrollmentCard
                  enrollment={enrollment}
                  progress={progress?.data}
                  isProgressLoading={progress?.isPending ?? false}
                  progressError={progress?.error ?? null}
                  onRetry={() => void progress?.refetch()}
                  certificate={renderCertificate?.(enrollment)}
                />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
