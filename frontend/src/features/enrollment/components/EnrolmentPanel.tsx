/** The course page's enrolment box: log in, enrol, or where the learner stands in this course. */
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { isApiError } from '@/lib/api-error';
import { formatDate, formatNumber } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { useEnroll } from '../api/enroll';
import { findEnrollment, useEnrollments } from '../api/list-enrollments';
import type { Enrollment } from '../types';
import { learnPath } from '../paths';

/** Refusals the learner can act on; the API's message says what to do, in their language. */
const REFUSAL_CODES = new Set(['prerequisite_missing', 'not_open', 'closed']);

function EnrolmentState({ enrollment }: { enrollment: Enrollment }) {
  const { t } = useTranslation();
  const language = useLanguage();
  switch (enrollment.status) {
    case 'active':
      return (
        <>
          <p className="enrol__state">
            {t('enrolment.enrolledSince', { date: formatDate(enrollment.enrolled_at, language) })}
          </p>
          <Link className="button button--primary" to={learnPath(enrollment.id)}>
            {t('enrolment.continue')}
          </Link>
        </>
      );
    case 'waitlisted':
      return (
        <p className="enrol__state" role="status">
          {enrollment.waitlist_position === null
            ? t('enrolment.waitlisted')
            : t('enrolment.waitlistPosition', {
                position: formatNumber(enrollment.waitlist_position, language),
              })}
        </p>
      );
    case 'completed':
      return (
        <>
          <p className="enrol__state">
            {t('enrolment.completedOn', {
              date: formatDate(enrollment.completed_at ?? enrollment.enrolled_at, language),
            })}
          </p>
          <Link className="button" to="/learning">
            {t('enrolment.toMyLearning')}
          </Link>
        </>
      );
    default:
      return null;
  }
}

export function EnrolmentPanel({ courseSlug }: { courseSlug: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const location = useLocation();
  const navigate = useNavigate();
  const enrollments = useEnrollments(language);
  const enroll = useEnroll();
  const enrollment = findEnrollment(enrollments.data, courseSlug);
  const next = encodeURIComponent(location.pathname);

  let body;
  if (enrollments.isPending) {
    body = <p className="muted">{t('common.loading')}</p>;
  } else if (enrollments.isError) {
    body = (
      <>
        <ErrorBanner error={enrollments.error} />
        <button className="button" type="button" onClick={() => void enrollments.refetch()}>
          {t('common.retry')}
        </button>
      </>
    );
  } else if (enrollments.data === null) {
    body = (
      <>
        <p className="muted">{t('enrolment.signInFirst')}</p>
        <div className="button-row">
          <Link className="button button--primary" to={`/login?next=${next}`}>
            {t('enrolment.logInToEnrol')}
          </Link>
          <Link className="button" to="/register">
            {t('nav.register')}
          </Link>
        </div>
      </>
    );
  } else if (enrollment && enrollment.status !== 'unenrolled') {
    body = <EnrolmentState enrollment={enrollment} />;
  } else {
    const refusal =
      isApiError(enroll.error) && REFUSAL_CODES.has(enroll.error.code) ? enroll.error : undefined;
    body = (
      <>
        <p className="muted">{enrollment ? t('enrolment.returnNote') : t('enrolment.openNote')}</p>
        <button
          type="button"
          className="button button--primary"
          disabled={enroll.isPending}
          onClick={() => {
            enroll.mutate(courseSlug, {
              onSuccess: (created) => {
                if (created.status === 'active') void navigate(learnPath(created.id));
              },
            });
          }}
        >
          {enroll.isPending ? t('enrolment.enrolling') : t('course.enrol')}
        </button>
        {refusal ? (
          <div className="banner banner--warning" role="alert">
            <p className="banner__message">{refusal.detail}</p>
          </div>
        ) : (
          <ErrorBanner error={enroll.error} />
        )}
      </>
    );
  }

  return (
    <section className="card enrol stack stack--small" aria-labelledby="enrol-title">
      <h2 id="enrol-title">{t('course.enrolHeading')}</h2>
      {body}
    </section>
  );
}
