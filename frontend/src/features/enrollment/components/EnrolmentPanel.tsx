/** The course page's enrolment box: whether one can enrol now, log in, enrol, or where the learner
 * stands in this course. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { isApiError } from '@/lib/api-error';
import { formatDate, formatNumber } from '@/lib/format';
import { signInPath } from '@/lib/session';
import type { Language } from '@/lib/languages';
import { useLanguage } from '@/lib/use-language';

import { useEnroll } from '../api/enroll';
import { useEnrollmentState } from '../api/get-enrollment-state';
import { findEnrollment, useEnrollments } from '../api/list-enrollments';
import type { Enrollment, EnrollmentState, MyEnrollment } from '../types';
import { learnPath } from '../paths';

import './EnrolmentPanel.css';
import './MissingList.css';

/** Refusals the learner can act on; the API's message says what to do, in their language. */
const REFUSAL_CODES = new Set(['prerequisite_missing', 'not_open', 'closed']);

type EnrolmentWindow =
  | { kind: 'open'; closesAt: string | null }
  | { kind: 'notOpenYet'; opensAt: string }
  | { kind: 'closed'; closedAt: string | null };

/** Which side of the enrolment window we are on; `is_open` (the server's clock) decides. */
function enrolmentWindow(state: EnrollmentState, now: Date): EnrolmentWindow {
  const { is_open, enrollment_opens_at: opensAt, enrollment_closes_at: closesAt } = state;
  if (is_open) return { kind: 'open', closesAt };
  if (closesAt !== null && new Date(closesAt) <= now) return { kind: 'closed', closedAt: closesAt };
  if (opensAt !== null) return { kind: 'notOpenYet', opensAt };
  return { kind: 'closed', closedAt: closesAt };
}

function WindowNote({ period, language }: { period: EnrolmentWindow; language: Language }) {
  const { t } = useTranslation();
  switch (period.kind) {
    case 'open':
      return period.closesAt === null ? null : (
        <p>{t('enrolment.openUntil', { date: formatDate(period.closesAt, language) })}</p>
      );
    case 'notOpenYet':
      return (
        <p className="enrol__state">
          {t('enrolment.opensOn', { date: formatDate(period.opensAt, language) })}
        </p>
      );
    case 'closed':
      return (
        <p className="enrol__state">
          {period.closedAt === null
            ? t('enrolment.closed')
            : t('enrolment.closedOn', { date: formatDate(period.closedAt, language) })}
        </p>
      );
  }
}

function PlacesNote({ placesLeft, language }: { placesLeft: number | null; language: Language }) {
  const { t } = useTranslation();
  if (placesLeft === null) return null;
  if (placesLeft === 0) return <p className="enrol__state">{t('enrolment.full')}</p>;
  return (
    <p>
      {t('enrolment.placesLeft', {
        count: placesLeft,
        formattedCount: formatNumber(placesLeft, language),
      })}
    </p>
  );
}

/** Where a learner with an enrollment stands; dates come from their enrollment in the list. */
function EnrolmentStanding({
  myEnrollment,
  details,
  renderCertificate,
}: {
  myEnrollment: MyEnrollment;
  details: Enrollment | undefined;
  renderCertificate: ((enrollmentId: number) => ReactNode) | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  switch (myEnrollment.status) {
    case 'active':
      return (
        <>
          <p className="enrol__state">
            {details
              ? t('enrolment.enrolledSince', { date: formatDate(details.enrolled_at, language) })
              : t('enrolment.enrolled')}
          </p>
          <Link className="button button--primary" to={learnPath(myEnrollment.id)}>
            {t('enrolment.continue')}
          </Link>
        </>
      );
    case 'waitlisted':
      return (
        <p className="enrol__state" role="status">
          {myEnrollment.waitlist_position === null
            ? t('enrolment.waitlisted')
            : t('enrolment.waitlistPosition', {
                position: formatNumber(myEnrollment.waitlist_position, language),
              })}
        </p>
      );
    case 'completed': {
      const completedAt = details ? (details.completed_at ?? details.enrolled_at) : null;
      return (
        <>
          <p className="enrol__state">
            {completedAt === null
              ? t('enrolment.completed')
              : t('enrolment.completedOn', { date: formatDate(completedAt, language) })}
          </p>
          {renderCertificate?.(myEnrollment.id)}
          <Link className="button" to="/learning">
            {t('enrolment.toMyLearning')}
          </Link>
        </>
      );
    }
    default:
      return null;
  }
}

export function EnrolmentPanel({
  courseSlug,
  isSignedIn,
  renderCertificate,
}: {
  courseSlug: string;
  /** Whether someone is signed in, which the app layer knows: else the panel offers to sign in. */
  isSignedIn: boolean;
  /** A completed enrollment's certificate (being prepared, then ready), from the app layer. */
  renderCertificate?: (enrollmentId: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const location = useLocation();
  const navigate = useNavigate();
  const state = useEnrollmentState(courseSlug, language);
  const enrollments = useEnrollments(language, { isEnabled: isSignedIn });
  const enroll = useEnroll();

  let body;
  if (state.isError || enrollments.isError) {
    body = (
      <>
        <ErrorBanner error={state.error ?? enrollments.error} />
        <button
          className="button"
          type="button"
          onClick={() => {
            if (state.isError) void state.refetch();
            if (enrollments.isError) void enrollments.refetch();
          }}
        >
          {t('common.retry')}
        </button>
      </>
    );
  } else if (state.isPending || (isSignedIn && enrollments.isPending)) {
    body = <p className="muted">{t('common.loading')}</p>;
  } else {
    const period = enrolmentWindow(state.data, new Date());
    const isClosed = period.kind === 'closed';
    const placesLeft = isClosed ? null : state.data.places_left;
    const myEnrollment = state.data.my_enrollment;
    const missingPrerequisites = state.data.missing_prerequisites ?? [];

    if (!isSignedIn) {
      body = (
        <>
          <WindowNote period={period} language={language} />
          <PlacesNote placesLeft={placesLeft} language={language} />
          <p className="muted">{t('enrolment.signInFirst')}</p>
          <div className="button-row">
            <Link className="button button--primary" to={signInPath('/login', location.pathname)}>
              {t('enrolment.logInToEnrol')}
            </Link>
            <Link className="button" to={signInPath('/register', location.pathname)}>
              {t('nav.register')}
            </Link>
          </div>
        </>
      );
    } else if (myEnrollment && myEnrollment.status !== 'unenrolled') {
      body = (
        <EnrolmentStanding
          myEnrollment={myEnrollment}
          details={findEnrollment(enrollments.data, courseSlug)}
          renderCertificate={renderCertificate}
        />
      );
    } else {
      const canEnrol = period.kind === 'open' && missingPrerequisites.length === 0;
      const isFull = placesLeft === 0;
      let enrolNote: string | null = null;
      if (myEnrollment) enrolNote = t('enrolment.returnNote');
      // "Full" and "open until" already say what the general note would.
      else if (!isFull && period.kind === 'open' && period.closesAt === null)
        enrolNote = t('enrolment.openNote');
      let buttonLabel = isFull ? t('enrolment.joinWaitlist') : t('course.enrol');
      if (enroll.isPending) buttonLabel = t('enrolment.enrolling');
      const refusal =
        isApiError(enroll.error) && REFUSAL_CODES.has(enroll.error.code) ? enroll.error : undefined;
      body = (
        <>
          <WindowNote period={period} language={language} />
          <PlacesNote placesLeft={placesLeft} language={language} />
          {!isClosed && missingPrerequisites.length > 0 && (
            <div className="missing">
              <p className="missing__title">{t('enrolment.prerequisitesMissing')}</p>
              <ul className="missing__list">
                {missingPrerequisites.map((prerequisite) => (
                  <li key={prerequisite.slug}>
                    <Link to={`/courses/${prerequisite.slug}`}>{prerequisite.title}</Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {canEnrol && (
            <>
              {enrolNote !== null && <p className="muted">{enrolNote}</p>}
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
                {buttonLabel}
              </button>
            </>
          )}
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
  }

  return (
    <section className="card enrol stack stack--small" aria-labelledby="enrol-title">
      <h2 id="enrol-title">{t('course.enrolHeading')}</h2>
      {body}
    </section>
  );
}
