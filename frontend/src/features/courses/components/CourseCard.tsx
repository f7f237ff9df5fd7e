/** One course in the catalog grid: cover, title, summary, owners, languages, effort and level. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { CoverPicture } from '@/components/CoverPicture';
import { countryName, formatHours } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import type { CatalogCourse } from '../types';
import { contentLanguageAttributes } from '../utils';
import { CourseLanguages } from './CourseLanguages';

import './CourseCard.css';

export interface CourseLinkState {
  /** The catalog's query string, so "Back to the catalog" returns to the same results. */
  catalogSearch: string;
}

/** How wide a card's cover is shown: the catalog grid's column at each breakpoint. */
const CARD_COVER_SIZES = '(min-width: 64rem) 22rem, (min-width: 40rem) 45vw, 100vw';

export function CourseCard({
  course,
  catalogSearch,
  isAboveTheFold = false,
}: {
  course: CatalogCourse;
  catalogSearch: string;
  /** The first row of the grid: its covers load at once. */
  isAboveTheFold?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const titleId = `course-${course.slug}-title`;
  const linkState: CourseLinkState = { catalogSearch };
  const contentLanguage = contentLanguageAttributes(course.served_language);
  return (
    <article className="card course-card" aria-labelledby={titleId}>
      <CoverPicture
        cover={course.cover}
        sizes={CARD_COVER_SIZES}
        isEager={isAboveTheFold}
        className="cover--card"
      />
      <p className="course-card__facts">
        <span className={`badge badge--${course.level}`}>{t(`level.${course.level}`)}</span>
        <span>{formatHours(course.estimated_hours, language)}</span>
      </p>
      <h3 id={titleId} className="course-card__title" {...contentLanguage}>
        <Link className="course-card__link" to={`/courses/${course.slug}`} state={linkState}>
          {course.title}
        </Link>
      </h3>
      <p className="course-card__code">{course.code}</p>
      {course.summary && (
        <p className="course-card__summary" {...contentLanguage}>
          {course.summary}
        </p>
      )}
      <ul className="course-card__institutions" aria-label={t('course.institutions')}>
        {course.institutions.map((institution) => (
          <li key={institution.slug}>
            <Link className="course-card__institution" to={`/institutions/${institution.slug}`}>
              {institution.name}
            </Link>
            <span className="muted"> · {countryName(institution.country, language)}</span>
          </li>
        ))}
      </ul>
      <CourseLanguages languages={course.languages} servedLanguage={course.served_language} />
    </article>
  );
}
