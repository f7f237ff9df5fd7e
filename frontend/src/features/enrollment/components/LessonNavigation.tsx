/** The learning view's table of contents: modules, lessons with completion ticks, the current one. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { ContentLanguage } from '@/lib/content-language';
import { formatNumber } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { learnPath } from '../paths';
import type { LessonTitle, ModuleProgress } from '../types';

import './LessonNavigation.css';

export function LessonNavigation({
  enrollmentId,
  modules,
  titles,
  currentLessonKey,
  contentLanguage,
}: {
  enrollmentId: number;
  modules: readonly ModuleProgress[];
  titles: ReadonlyMap<string, LessonTitle>;
  currentLessonKey: string | undefined;
  contentLanguage: ContentLanguage;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <nav className="lesson-nav" aria-label={t('learning.lessonsNavigation')}>
      <ol className="lesson-nav__modules">
        {modules.map((module) => (
          <li key={module.key}>
            <p className="lesson-nav__module">
              <span className="lesson-nav__module-number">
                {t('course.moduleNumber', { number: formatNumber(module.number, language) })}
              </span>{' '}
              <span {...contentLanguage}>{module.title}</span>
            </p>
            <ol className="lesson-nav__lessons">
              {module.lessons.map((lesson) => {
                const info = titles.get(lesson.key);
                const isCurrent = lesson.key === currentLessonKey;
                return (
                  <li key={lesson.key}>
                    <Link
                      className={
                        lesson.is_done
                          ? 'lesson-nav__link lesson-nav__link--done'
                          : 'lesson-nav__link'
                      }
                      to={learnPath(enrollmentId, lesson.key)}
                      aria-current={isCurrent ? 'page' : undefined}
                    >
                      <span
                        className={lesson.is_done ? 'tick tick--done' : 'tick'}
                        aria-hidden="true"
                      >
                        {lesson.is_done ? '✓' : ''}
                      </span>
                      <span className="lesson-nav__label">{lesson.label}</span>
                      <span className="lesson-nav__title" {...contentLanguage}>
                        {info?.title ?? t('learning.lessonLabel', { label: lesson.label })}
                      </span>
                      <span className="visually-hidden">
                        {lesson.is_done ? t('learning.done') : t('learning.notDone')}
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
    </nav>
  );
}
