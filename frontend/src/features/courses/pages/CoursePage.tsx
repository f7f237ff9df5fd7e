/** /courses/:slug — everything a learner needs to decide on a course, with its outline. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';

import { CoverPicture } from '@/components/CoverPicture';
import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { isApiError } from '@/lib/api-error';
import {
  countryName,
  formatDate,
  formatDuration,
  formatHours,
  formatMonths,
  formatNumber,
  formatPercent,
} from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useCourse } from '../api/get-course';
import type { CourseLinkState } from '../components/CourseCard';
import { CourseLanguages } from '../components/CourseLanguages';
import { CourseOutline } from '../components/CourseOutline';
import type { CourseDetail } from '../types';
import { contentLanguageAttributes } from '../utils';

import './CoursePage.css';

const NOT_FOUND_STATUS = 404;

function isCourseLinkState(value: unknown): value is CourseLinkState {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { catalogSearch?: unknown }).catalogSearch === 'string'
  );
}

/** Back to the catalog with the filters the learner came from, if they came from it. */
function BackToCatalog() {
  const { t } = useTranslation();
  const location = useLocation();
  const state: unknown = location.state;
  const search = isCourseLinkState(state) ? state.catalogSearch : '';
  return (
    <Link className="back-link" to={{ pathname: '/courses', search }}>
      <span className="back-link__arrow" aria-hidden="true">
        ←
      </span>{' '}
      {t('course.backToCatalog')}
    </Link>
  );
}

function CourseNotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('course.notFoundTitle'));
  return (
    <section className="card card--narrow not-found" aria-labelledby="course-not-found-title">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 id="course-not-found-title">{t('course.notFoundTitle')}</h1>
      <p>{t('course.notFoundBody')}</p>
      <Link className="button button--primary" to="/courses">
        {t('course.browseCatalog')}
      </Link>
    </section>
  );
}

function CourseFacts({ course }: { course: CourseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <section className="card" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('course.factsHeading')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('course.institutions')}</dt>
          <dd>
            <ul className="plain-list">
              {course.institutions.map((institution) => (
                <li key={institution.slug}>
                  <Link to={`/institutions/${institution.slug}`}>{institution.name}</Link>
                  <span className="muted"> · {countryName(institution.country, language)}</span>
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('course.level')}</dt>
          <dd>{t(`level.${course.level}`)}</dd>
        </div>
        <div>
          <dt>{t('course.estimatedEffort')}</dt>
          <dd>{formatHours(course.estimated_hours, language)}</dd>
        </div>
        <div>
          <dt>{t('course.totalDuration')}</dt>
          <dd>{formatDuration(course.total_duration_minutes, language)}</dd>
        </div>
        <div>
          <dt>{t('course.passMark')}</dt>
          <dd>{formatPercent(course.pass_mark, language)}</dd>
        </div>
        <div>
          <dt>{t('course.certificateValidity')}</dt>
          <dd>
            {course.certificate_validity_months === null
              ? t('course.certificateDoesNotExpire')
              : formatMonths(course.certificate_validity_months, language)}
          </dd>
        </div>
        <div>
          <dt>{t('course.version')}</dt>
          <dd>
            {t('course.versionPublished', {
              version: formatNumber(course.version, language),
              date: formatDate(course.published_at, language),
            })}
          </dd>
        </div>
      </dl>
    </section>
  );
}

export function CoursePage({
  renderEnrolment,
}: {
  /** The enrolment box for this course, which the app layer provides. */
  renderEnrolment?: (course: CourseDetail) => ReactNode;
} = {}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { slug = '' } = useParams();
  const course = useCourse(slug, language);
  const isNotFound =
    course.isError && isApiError(course.error) && course.error.status === NOT_FOUND_STATUS;
  useDocumentTitle(course.data?.title ?? t('catalog.title'));

  if (course.isPending) return <LoadingState />;
  if (isNotFound) return <CourseNotFound />;
  if (course.isError) {
    return (
      <section className="card stack stack--small" aria-labelledby="course-error-title">
        <h1 id="course-error-title">{t('course.errorTitle')}</h1>
        <ErrorBanner error={course.error} />
        <div className="button-row">
          <button className="button" type="button" onClick={() => void course.refetch()}>
            {t('common.retry')}
          </button>
          <BackToCatalog />
        </div>
      </section>
    );
  }

  const detail = course.data;
  const contentLanguage = contentLanguageAttributes(detail.served_language);

  return (
    <div className="stack">
      <BackToCatalog />
      <header
        className={`page-header course-header${detail.cover ? ' course-header--with-cover' : ''}`}
      >
        <div>
          <p className="course-header__code">{detail.code}</p>
          <h1 {...contentLanguage}>{detail.title}</h1>
          {detail.summary && (
            <p className="lead" {...contentLanguage}>
              {detail.summary}
            </p>
          )}
          <CourseLanguages languages={detail.languages} servedLanguage={detail.served_language} />
        </div>
        {detail.cover && (
          <CoverPicture
            cover={detail.cover}
            sizes="(min-width: 56rem) 24rem, 100vw"
            isMainPicture
            className="cover--hero"
          />
        )}
      </header>

      <div className="grid grid--course">
        <div className="stack">
          <section className="card" aria-labelledby="about-title">
            <h2 id="about-title">{t('course.aboutHeading')}</h2>
            <div
              className="rich-text"
              {...contentLanguage}
              // The backend renders the Markdown and sanitises the HTML (see the API schema).
              dangerouslySetInnerHTML={{ __html: detail.description_html }}
            />
          </section>

          {detail.competencies.length > 0 && (
            <section className="card" aria-labelledby="competencies-title">
              <h2 id="competencies-title">{t('course.competenciesHeading')}</h2>
              <ul className="chips">
                {detail.competencies.map((competency) => (
                  <li key={competency.code} className="chip">
                    <Link
                      to={{
                        pathname: '/courses',
                        search: `?${new URLSearchParams({ competency: competency.code }).toString()}`,
                      }}
                    >
                      {competency.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}

          {detail.prerequisites.length > 0 && (
            <section className="card" aria-labelledby="prerequisites-title">
              <h2 id="prerequisites-title">{t('course.prerequisitesHeading')}</h2>
              <p className="muted">{t('course.prerequisitesIntro')}</p>
              <ul>
                {detail.prerequisites.map((prerequisite) => (
                  <li key={prerequisite.slug}>
                    <Link to={`/courses/${prerequisite.slug}`}>{prerequisite.title}</Link>
                  </li>
                ))}
              </ul>
            </section>
          )}

          <CourseOutline
            modules={detail.modules}
            contentLanguage={detail.served_language}
            slug={detail.slug}
          />
        </div>

        <aside className="stack" aria-label={t('course.sidebarLabel')}>
          {renderEnrolment?.(detail)}
          <CourseFacts course={detail} />
        </aside>
      </div>
    </div>
  );
}
