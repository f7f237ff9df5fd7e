/** The course outline: modules, then their lessons with kind, duration and optional marker, and a
 * link to the lessons anyone may preview. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { formatDuration, formatNumber } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import type { OutlineLesson, OutlineModule } from '../types';
import { contentLanguageAttributes } from '../utils';

import './CourseOutline.css';

function sumMinutes(lessons: readonly OutlineLesson[]): number {
  return lessons.reduce((total, lesson) => total + lesson.duration_minutes, 0);
}

/** The page of a preview lesson, open to anyone (the enrollment feature's preview page). */
function previewPath(slug: string, lessonKey: string): string {
  return `/courses/${slug}/preview/${lessonKey}`;
}

function LessonItem({
  lesson,
  contentLanguage,
  slug,
}: {
  lesson: OutlineLesson;
  contentLanguage: string;
  slug?: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const kindLabel =
    lesson.kind === 'quiz' && lesson.question_count !== null
      ? t('lessonKind.quizWithQuestions', {
          count: lesson.question_count,
          formattedCount: formatNumber(lesson.question_count, language),
        })
      : t(`lessonKind.${lesson.kind}`);
  const details = [kindLabel, formatDuration(lesson.duration_minutes, language)];
  if (!lesson.is_required) details.push(t('course.optional'));
  return (
    <li className={`lesson lesson--${lesson.kind}`}>
      <span className="lesson__icon" aria-hidden="true" />
      <span className="lesson__title" {...contentLanguageAttributes(contentLanguage)}>
        {lesson.title}
      </span>
      <span className="lesson__details"> {details.join(' · ')}</span>
      {lesson.is_preview && slug && (
        <>
          {' '}
          <Link
            className="lesson__preview"
            to={previewPath(slug, lesson.key)}
            aria-label={t('course.previewLesson', { title: lesson.title })}
          >
            {t('course.preview')}
          </Link>
        </>
      )}
    </li>
  );
}

export function CourseOutline({
  modules,
  contentLanguage,
  slug,
}: {
  modules: readonly OutlineModule[];
  /** The course, for links to its preview lessons. */
  slug?: string;
  /** The backend language of the titles, which may differ from the UI's. */
  contentLanguage: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const lessonCount = modules.reduce((total, module) => total + module.lessons.length, 0);
  const totalMinutes = modules.reduce((total, module) => total + sumMinutes(module.lessons), 0);

  return (
    <section className="card outline" aria-labelledby="outline-title">
      <h2 id="outline-title">{t('course.outlineHeading')}</h2>
      <p className="muted">
        {[
          t('course.moduleCount', {
            count: modules.length,
            formattedCount: formatNumber(modules.length, language),
          }),
          t('course.lessonCount', {
            count: lessonCount,
            formattedCount: formatNumber(lessonCount, language),
          }),
          formatDuration(totalMinutes, language),
        ].join(' · ')}
      </p>
      <ol className="outline__modules">
        {modules.map((module, index) => (
          <li key={module.key} className="outline__module">
            <p className="outline__module-number">
              {t('course.moduleNumber', { number: formatNumber(index + 1, language) })}
            </p>
            <h3 {...contentLanguageAttributes(contentLanguage)}>{module.title}</h3>
            <p className="muted outline__module-summary">
              {[
                t('course.lessonCount', {
                  count: module.lessons.length,
                  formattedCount: formatNumber(module.lessons.length, language),
                }),
                formatDuration(sumMinutes(module.lessons), language),
              ].join(' · ')}
            </p>
            <ol className="outline__lessons">
              {module.lessons.map((lesson) => (
                <LessonItem
                  key={lesson.key}
                  lesson={lesson}
                  contentLanguage={contentLanguage}
                  slug={slug}
                />
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  );
}
