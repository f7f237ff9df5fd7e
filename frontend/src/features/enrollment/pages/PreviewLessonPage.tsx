/** /courses/:slug/preview/:lessonKey — a lesson its authors opened to anyone: text, video and
 * transcript, before enrolling (nothing is recorded). */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { isApiError } from '@/lib/api-error';
import { contentLanguageAttributes } from '@/lib/content-language';
import { formatDuration } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { usePreviewLesson } from '../api/get-preview-lesson';
import { LessonText, LessonVideo } from '../components/LessonSections';

const NOT_FOUND_STATUS = 404;

export function PreviewLessonPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { slug = '', lessonKey = '' } = useParams();
  const lesson = usePreviewLesson(slug, lessonKey, language);
  useDocumentTitle(lesson.data?.title ?? t('preview.badge'));
  const backLink = (
    <Link to={`/courses/${slug}`} className="button">
      {t('preview.backToCourse')}
    </Link>
  );

  if (lesson.isPending) return <LoadingState />;
  if (lesson.isError) {
    if (isApiError(lesson.error) && lesson.error.status === NOT_FOUND_STATUS)
      return (
        <section className="card card--narrow stack stack--small">
          <h1>{t('preview.notFound')}</h1>
          {backLink}
        </section>
      );
    return <RequestError error={lesson.error} onRetry={() => void lesson.refetch()} />;
  }
  const content = lesson.data;
  const contentLanguage = contentLanguageAttributes(content.served_language);
  return (
    <article className="lesson-view stack" aria-labelledby="lesson-title">
      <header className="lesson-view__header">
        <p className="lesson-view__meta muted">
          {[
            t('preview.badge'),
            t(`lessonKind.${content.kind}`),
            formatDuration(content.duration_minutes, language),
          ].join(' · ')}
        </p>
        <h1 id="lesson-title" {...contentLanguage}>
          {content.title}
        </h1>
      </header>
      <LessonVideo content={content} contentLanguage={contentLanguage} />
      <LessonText content={content} contentLanguage={contentLanguage} />
      <section className="card stack stack--small">
        <p>{t('preview.enrolToContinue')}</p>
        {backLink}
      </section>
    </article>
  );
}
