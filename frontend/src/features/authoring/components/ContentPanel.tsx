/** Modules and their lessons, reordered by dragging (or the keyboard), each lesson opened to edit. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { LESSON_KINDS, moveItem, newLesson, newModule } from '../course-package';
import type { LessonKind, PackageCourse, PackageLesson, PackageModule } from '../types';
import { SelectInput, TextInput } from './inputs';
import { LessonEditor } from './LessonEditor';
import { SortableList } from './SortableList';

import './editor.css';
import './ContentPanel.css';

interface ContentPanelProps {
  course: PackageCourse;
  isSaved: boolean;
  onChange: (course: PackageCourse) => void;
}

export function ContentPanel({ course, isSaved, onChange }: ContentPanelProps) {
  const { t } = useTranslation();
  const language = course.primary_language;
  const [openLesson, setOpenLesson] = useState<string | null>(null);
  const [newKinds, setNewKinds] = useState<Record<string, LessonKind>>({});

  const setModules = (modules: PackageModule[]) => {
    onChange({ ...course, modules });
  };
  const setModule = (index: number, module: PackageModule) => {
    setModules(course.modules.map((item, itemIndex) => (itemIndex === index ? module : item)));
  };
  const titleOf = (translations: Record<string, { title?: string }>, fallback: string) =>
    translations[language]?.title || fallback;

  return (
    <div className="stack">
      <p className="muted">{t('studio.reorderHint')}</p>
      <SortableList<PackageModule>
        className="module-list"
        items={course.modules}
        idOf={(module) => module.key ?? ''}
        labelOf={(module) =>
          titleOf(
            module.translations,
            t('studio.moduleNumber', { number: course.modules.indexOf(module) + 1 }),
          )
        }
        onMove={(from, to) => {
          setModules(moveItem(course.modules, from, to));
        }}
        renderItem={(module, moduleIndex, handle) => {
          const moduleLabel = t('studio.moduleNumber', { number: moduleIndex + 1 });
          const kind = newKinds[module.key ?? ''] ?? 'text';
          return (
            <section
              className="card module-editor stack stack--small"
              aria-label={titleOf(module.translations, moduleLabel)}
            >
              <div className="module-editor__header">
                {handle}
                <h3 className="module-editor__title">{moduleLabel}</h3>
                <button
                  type="button"
                  className="button button--small button--danger"
                  disabled={course.modules.length <= 1}
                  onClick={() => {
                    setModules(course.modules.filter((_, index) => index !== moduleIndex));
                  }}
                >
                  {t('studio.removeModule', { number: moduleIndex + 1 })}
                </button>
              </div>
              <TextInput
                label={t('studio.moduleTitle', { number: moduleIndex + 1 })}
                value={module.translations[language]?.title ?? ''}
                lang={language}
                onChange={(title) => {
                  setModule(moduleIndex, {
                    ...module,
                    translations: { ...module.translations, [language]: { title } },
                  });
                }}
              />
              <SortableList<PackageLesson>
                className="lesson-list"
                items={module.lessons}
                idOf={(lesson) => lesson.key ?? ''}
                labelOf={(lesson) => titleOf(lesson.translations, t(`lessonKind.${lesson.kind}`))}
                onMove={(from, to) => {
                  setModule(moduleIndex, {
                    ...module,
                    lessons: moveItem(module.lessons, from, to),
                  });
                }}
                renderItem={(lesson, lessonIndex, lessonHandle) => {
                  const isOpen = openLesson === lesson.key;
                  const title = titleOf(lesson.translations, t('studio.untitledLesson'));
                  const panelId = `lesson-${lesson.key ?? String(lessonIndex)}`;
                  return (
                    <div className="lesson-row" data-testid="lesson-row">
                      <div className="lesson-row__header">
                        {lessonHandle}
                        <span className="badge">{t(`lessonKind.${lesson.kind}`)}</span>
                        <button
                          type="button"
                          className="button button--link lesson-row__title"
                          aria-expanded={isOpen}
                          aria-controls={panelId}
                          onClick={() => {
                            setOpenLesson(isOpen ? null : (lesson.key ?? null));
                          }}
                        >
                          {title}
                        </button>
                        <button
                          type="button"
                          className="button button--small button--danger"
                          onClick={() => {
                            setModule(moduleIndex, {
                              ...module,
                              lessons: module.lessons.filter((_, index) => index !== lessonIndex),
                            });
                          }}
                        >
                          {t('studio.remove')}
                          <span className="visually-hidden"> {title}</span>
                        </button>
                      </div>
                      {isOpen && (
                        <div id={panelId}>
                          <LessonEditor
                            slug={course.slug}
                            isSaved={isSaved}
                            lesson={lesson}
                            language={language}
                            languages={course.languages}
                            courseCompetencies={course.competencies}
                            onChange={(changed) => {
                              setModule(moduleIndex, {
                                ...module,
                                lessons: module.lessons.map((item, index) =>
                                  index === lessonIndex ? changed : item,
                                ),
                              });
                            }}
                          />
                        </div>
                      )}
                    </div>
                  );
                }}
              />
              <div className="button-row button-row--end">
                <SelectInput<LessonKind>
                  label={t('studio.newLessonKind', { module: moduleIndex + 1 })}
                  value={kind}
                  options={LESSON_KINDS.map((value) => ({
                    value,
                    label: t(`lessonKind.${value}`),
                  }))}
                  onChange={(value) => {
                    setNewKinds({ ...newKinds, [module.key ?? '']: value });
                  }}
                />
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    const lesson = newLesson(kind, course.languages);
                    setModule(moduleIndex, { ...module, lessons: [...module.lessons, lesson] });
                    setOpenLesson(lesson.key ?? null);
                  }}
                >
                  {t('studio.addLesson', { module: moduleIndex + 1 })}
                </button>
              </div>
            </section>
          );
        }}
      />
      <button
        type="button"
        className="button"
        onClick={() => {
          setModules([...course.modules, newModule(course.languages)]);
        }}
      >
        {t('studio.addModule')}
      </button>
    </div>
  );
}
