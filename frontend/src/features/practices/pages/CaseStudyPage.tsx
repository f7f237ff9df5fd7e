/** /practices/:slug — a published case study: problem, solution, results, standards and links. */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { contentLanguageAttributes } from '@/lib/content-language';
import { countryName, formatDate, languageDisplayName } from '@/lib/format';
import { toBackendLanguage } from '@/lib/languages';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useCaseStudy } from '../api/library';

import '../components/practices.css';

export function CaseStudyPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const caseStudy = useCaseStudy(slug, language);
  useDocumentTitle(caseStudy.data?.title ?? t('practices.libraryTitle'));

  if (caseStudy.isPending) return <LoadingState />;
  if (caseStudy.isError)
    return (
      <RequestError
        error={caseStudy.error}
        onRetry={() => {
          void caseStudy.refetch();
        }}
        isCard
      />
    );
  const data = caseStudy.data;
  const contentLanguage = contentLanguageAttributes(data.served_language);
  const sections = [
    ['problem', data.problem_html],
    ['solution', data.solution_html],
    ['results', data.results_html],
  ] as const;

  return (
    <article className="stack" aria-labelledby="case-study-title">
      <p>
        <Link to="/practices">{t('practices.backToLibrary')}</Link>
      </p>
      <header className="page-header">
        <p className="case-study-card__facts">
          <span className="badge">{t(`practices.sector.${data.sector}`)}</span>
          <span className="muted">{countryName(data.country, language)}</span>
          {data.published_at && (
            <span className="muted">{formatDate(data.published_at, language)}</span>
          )}
        </p>
        <h1 id="case-study-title" {...contentLanguage}>
          {data.title}
        </h1>
        {data.summary && (
          <p className="lead" {...contentLanguage}>
            {data.summary}
          </p>
        )}
        <p className="muted">
          {t('practices.publishedBy', { organization: data.organization.name })}
        </p>
        {data.served_language !== toBackendLanguage(language) && (
          <p className="muted">
            {t('practices.servedIn', {
              language: languageDisplayName(data.served_language, language),
            })}
          </p>
        )}
      </header>
      <div className="case-study-texts">
        {sections.map(([name, html]) => (
          <section key={name} className="card" aria-labelledby={`case-study-${name}`}>
            <h2 id={`case-study-${name}`}>
              {t(name === 'results' ? 'practices.results_heading' : `practices.${name}`)}
            </h2>
            <div
              className="rich-text"
              {...contentLanguage}
              // Sanitised by the server (the lessons' Markdown sanitiser).
              dangerouslySetInnerHTML={{ __html: html }}
            />
          </section>
        ))}
      </div>
      <section className="card stack stack--small" aria-labelledby="case-study-tags">
        <h2 id="case-study-tags">{t('practices.alignment')}</h2>
        <h3>{t('practices.standards')}</h3>
        <ul className="case-study-card__standards">
          {data.standards.map((code) => (
            <li key={code} className="standard-tag">
              <Link to={`/practices?standard=${encodeURIComponent(code)}`}>{code}</Link>
            </li>
          ))}
        </ul>
        <h3>{t('practices.competencies')}</h3>
        <ul className="case-study-card__standards">
          {data.competencies.map((code) => (
            <li key={code} className="standard-tag">
              <Link to={`/practices?competency=${encodeURIComponent(code)}`}>{code}</Link>
            </li>
          ))}
        </ul>
      </section>
      {data.linked_courses.length > 0 && (
        <section className="card stack stack--small" aria-labelledby="case-study-courses">
          <h2 id="case-study-courses">{t('practices.linkedCourses')}</h2>
          <ul>
            {data.linked_courses.map((course) => (
              <li key={course.slug}>
                {course.is_available ? (
                  <Link to={`/courses/${course.slug}`}>{course.title}</Link>
                ) : (
                  <span>
                    {course.title}{' '}
                    <span className="muted">({t('practices.courseUnavailable')})</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.attachments.length > 0 && (
        <section className="card stack stack--small" aria-labelledby="case-study-files">
          <h2 id="case-study-files">{t('practices.attachments')}</h2>
          <ul>
            {data.attachments.map((attachment) => (
              <li key={attachment.id}>
                <a href={attachment.url}>{attachment.filename}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
