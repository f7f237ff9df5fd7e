/** /programs/:slug — a program's courses in order, my progress ("2 of 3 done; next: …") and,
 * once earned, my program credential (PDF and verification link). */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { formatNumber } from '@/lib/format';
import type { Language } from '@/lib/languages';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useProgram } from '../api/get-program';
import type { ProgramCourse, ProgramDetail } from '../types';

export function ProgramPage({ isSignedIn }: { isSignedIn: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { slug = '' } = useParams();
  const program = useProgram(slug, language);
  useDocumentTitle(program.data?.program.title ?? t('programs.heading'));

  if (program.isPending) return <LoadingState />;
  if (program.isError) return <ErrorBanner error={program.error} />;
  const data = program.data;
  const info = data.program;

  return (
    <div className="stack">
      <header className="page-header stack stack--small">
        <p className="muted">
          {t('programs.kicker')} ·{' '}
          {info.institutions.map((institution) => institution.name).join(', ')}
        </p>
        <h1 lang={info.language}>{info.title}</h1>
        {info.summary && <p lang={info.language}>{info.summary}</p>}
        <p className="muted">
          {info.kind === 'ordered'
            ? t('programs.ordered', {
                count: info.course_count,
                formattedCount: formatNumber(info.course_count, language),
              })
            : t('programs.elective', {
                required: formatNumber(info.required_count, language),
                count: info.course_count,
                formattedCount: formatNumber(info.course_count, language),
              })}
        </p>
        {info.state === 'retired' && <p role="note">{t('programs.retiredProgram')}</p>}
      </header>
      {info.description && (
        <section className="card" lang={info.language} aria-label={t('programs.about')}>
          <p>{info.description}</p>
        </section>
      )}
      <ProgressSection data={data} isSignedIn={isSignedIn} slug={slug} language={language} />
      <section className="stack stack--small" aria-labelledby="program-courses-heading">
        <h2 id="program-courses-heading">{t('programs.courses')}</h2>
        <ol className="plain-list stack stack--small">
          {data.courses.map((course) => (
            <CourseItem key={course.slug} course={course} />
          ))}
        </ol>
      </section>
    </div>
  );
}

function ProgressSection({
  data,
  isSignedIn,
  slug,
  language,
}: {
  data: ProgramDetail;
  isSignedIn: boolean;
  slug: string;
  language: Language;
}) {
  const { t } = useTranslation();
  const progress = data.progress;
  if (!isSignedIn || !progress) {
    return (
      <section className="card" aria-labelledby="program-progress-heading">
        <h2 id="program-progress-heading">{t('programs.progress')}</h2>
        <p>
          <Link to={`/login?next=${encodeURIComponent(`/programs/${slug}`)}`}>
            {t('programs.signInForProgress')}
          </Link>
        </p>
      </section>
    );
  }
  const next = data.courses.find((course) => course.slug === progress.next_course);
  const missing = data.courses.filter((course) => progress.retired_missing.includes(course.slug));
  return (
    <section className="card stack stack--small" aria-labelledby="program-progress-heading">
      <h2 id="program-progress-heading">{t('programs.progress')}</h2>
      <p role="status">
        {t('programs.doneOf', {
          done: formatNumber(progress.done_count, language),
          required: formatNumber(progress.required_count, language),
        })}
        {next && (
          <>
            {'; '}
            {t('programs.next')}{' '}
            <Link to={`/courses/${next.slug}`} lang={next.language}>
              {next.title}
            </Link>
          </>
        )}
      </p>
      <progress
        max={progress.required_count}
        value={progress.done_count}
        aria-label={t('programs.progress')}
      />
      {!progress.is_completable && (
        <p role="alert">
          {t('programs.blocked', { courses: missing.map((course) => course.title).join(', ') })}
        </p>
      )}
      {progress.is_complete && !data.credential && <p>{t('programs.credentialPending')}</p>}
      {data.credential && (
        <div className="stack stack--small">
          <h3>{t('programs.credential')}</h3>
          <p>{t('programs.completed')}</p>
          <p>
            <a className="button button--primary" href={data.credential.pdf_url} download>
              {t('programs.downloadPdf')}
            </a>{' '}
            <Link className="button" to={`/verify/${data.credential.id}`}>
              {t('programs.verify')}
            </Link>
          </p>
        </div>
      )}
    </section>
  );
}

function CourseItem({ course }: { course: ProgramCourse }) {
  const { t } = useTranslation();
  return (
    <li className="card stack stack--small">
      <h3 lang={course.language}>
        {course.is_available ? (
          <Link to={`/courses/${course.slug}`}>{course.title}</Link>
        ) : (
          course.title
        )}
      </h3>
      <p className="muted">
        {course.institutions.join(', ')}
        {!course.is_available && <> · {t('programs.retiredCourse')}</>}
      </p>
      {course.status && <p>{t(`programs.status.${course.status}`)}</p>}
    </li>
  );
}
