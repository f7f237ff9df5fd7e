/** Side-by-side translation: the primary language on one side, the second language to write on the other. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ProgressBar } from '@/components/ProgressBar';
import { useFormat } from '@/lib/use-format';

import {
  addLanguage,
  completeness,
  PACKAGE_LANGUAGES,
  questionsOf,
  removeLanguage,
} from '../course-package';
import type { PackageCourse } from '../types';
import { SelectInput } from './inputs';

import './editor.css';
import './TranslationsPanel.css';

interface TextRow {
  id: string;
  label: string;
  source: string;
  value: string;
  isMultiline: boolean;
  /** Write the value into a copy of the course. */
  write: (course: PackageCourse, value: string) => void;
}

function rowsFor(
  course: PackageCourse,
  target: string,
  t: (key: string, options?: object) => string,
): TextRow[] {
  const primary = course.primary_language;
  const rows: TextRow[] = [];
  const courseTexts = course.translations;
  for (const field of ['title', 'summary', 'description'] as const)
    rows.push({
      id: `course.${field}`,
      label: t(`studio.translate.course.${field}`),
      source: courseTexts[primary]?.[field] ?? '',
      value: courseTexts[target]?.[field] ?? '',
      isMultiline: field !== 'title',
      write: (copy, value) => {
        const texts = copy.translations[target] ?? { title: '', summary: '', description: '' };
        copy.translations[target] = { ...texts, [field]: value };
      },
    });
  course.modules.forEach((module, moduleIndex) => {
    const modulePath = t('studio.moduleNumber', { number: moduleIndex + 1 });
    rows.push({
      id: `m${String(moduleIndex)}`,
      label: t('studio.translate.moduleTitle', { module: modulePath }),
      source: module.translations[primary]?.title ?? '',
      value: module.translations[target]?.title ?? '',
      isMultiline: false,
      write: (copy, value) => {
        const item = copy.modules[moduleIndex];
        if (item) item.translations[target] = { title: value };
      },
    });
    module.lessons.forEach((lesson, lessonIndex) => {
      const lessonName = lesson.translations[primary]?.title ?? '';
      const lessonOf = (copy: PackageCourse) => copy.modules[moduleIndex]?.lessons[lessonIndex];
      const lessonFields = (['title', 'body', 'transcript', 'captions'] as const).filter(
        (field) => field === 'title' || Boolean(lesson.translations[primary]?.[field]),
      );
      for (const field of lessonFields)
        rows.push({
          id: `m${String(moduleIndex)}l${String(lessonIndex)}.${field}`,
          label: t(`studio.translate.lesson.${field}`, { lesson: lessonName }),
          source: lesson.translations[primary]?.[field] ?? '',
          value: lesson.translations[target]?.[field] ?? '',
          isMultiline: field !== 'title',
          write: (copy, value) => {
            const item = lessonOf(copy);
            if (item)
              item.translations[target] = {
                title: '',
                ...item.translations[target],
                [field]: value,
              };
          },
        });
      questionsOf(lesson).forEach((question, questionIndex) => {
        const questionOf = (copy: PackageCourse) => {
          const copied = lessonOf(copy);
          return copied ? questionsOf(copied)[questionIndex] : undefined;
        };
        const questionName = t('studio.quiz.questionNumber', { number: questionIndex + 1 });
        const questionFields = (['prompt', 'explanation'] as const).filter(
          (field) => field === 'prompt' || Boolean(question.translations[primary]?.[field]),
        );
        for (const field of questionFields)
          rows.push({
            id: `m${String(moduleIndex)}l${String(lessonIndex)}q${String(questionIndex)}.${field}`,
            label: t(`studio.translate.question.${field}`, {
              lesson: lessonName,
              question: questionName,
            }),
            source: question.translations[primary]?.[field] ?? '',
            value: question.translations[target]?.[field] ?? '',
            isMultiline: true,
            write: (copy, value) => {
              const item = questionOf(copy);
              if (item)
                item.translations[target] = {
                  prompt: '',
                  ...item.translations[target],
                  [field]: value,
                };
            },
          });
        question.options?.forEach((option, optionIndex) => {
          rows.push({
            id: `m${String(moduleIndex)}l${String(lessonIndex)}q${String(questionIndex)}o${String(optionIndex)}`,
            label: t('studio.translate.option', {
              question: questionName,
              number: optionIndex + 1,
            }),
            source: option.translations[primary] ?? '',
            value: option.translations[target] ?? '',
            isMultiline: false,
            write: (copy, value) => {
              const item = questionOf(copy)?.options?.[optionIndex];
              if (item) item.translations[target] = value;
            },
          });
        });
        if (question.accepted_answers)
          rows.push({
            id: `m${String(moduleIndex)}l${String(lessonIndex)}q${String(questionIndex)}.accepted`,
            label: t('studio.translate.accepted', { question: questionName }),
            source: (question.accepted_answers[primary] ?? []).join('\n'),
            value: (question.accepted_answers[target] ?? []).join('\n'),
            isMultiline: true,
            write: (copy, value) => {
              const item = questionOf(copy);
              if (item)
                item.accepted_answers = { ...item.accepted_answers, [target]: value.split('\n') };
            },
          });
      });
    });
  });
  return rows;
}

export function TranslationsPanel({
  course,
  onChange,
}: {
  course: PackageCourse;
  onChange: (course: PackageCourse) => void;
}) {
  const { t } = useTranslation();
  const others = course.languages.filter((language) => language !== course.primary_language);
  const [chosen, setChosen] = useState<string>(others[0] ?? '');
  const target: string = others.find((language) => language === chosen) ?? others[0] ?? '';
  const addable = PACKAGE_LANGUAGES.filter((language) => !course.languages.includes(language));
  const [toAdd, setToAdd] = useState<string>(addable[0] ?? '');
  const rows = target ? rowsFor(course, target, t as never) : [];
  const format = useFormat();
  const nameOf = (code: string) => format.languageName(code);
  // A translation may be saved half done: only the primary language's texts are required.
  const missingCount = rows.filter((row) => !row.value.trim()).length;

  return (
    <div className="stack">
      <section aria-labelledby="completeness-title" className="stack stack--small">
        <h3 id="completeness-title">{t('studio.translate.completeness')}</h3>
        <ul className="plain-list completeness-list">
          {course.languages.map((language) => (
            <li key={language} data-testid={`completeness-${language}`}>
              <ProgressBar percent={completeness(course, language)} label={nameOf(language)} />
            </li>
          ))}
        </ul>
      </section>
      <div className="button-row button-row--end">
        {addable.length > 0 && (
          <>
            <SelectInput
              label={t('studio.translate.addLanguage')}
              value={addable.includes(toAdd as never) ? toAdd : (addable[0] ?? '')}
              options={addable.map((value) => ({ value, label: nameOf(value) }))}
              onChange={setToAdd}
            />
            <button
              type="button"
              className="button"
              onClick={() => {
                const language = addable.find((item) => item === toAdd) ?? addable[0];
                if (language === undefined) return;
                onChange(addLanguage(course, language));
                setChosen(language);
              }}
            >
              {t('studio.translate.add')}
            </button>
          </>
        )}
      </div>
      {others.length === 0 ? (
        <p className="muted">{t('studio.translate.none')}</p>
      ) : (
        <>
          <div className="button-row button-row--end">
            <SelectInput
              label={t('studio.translate.editing')}
              value={target}
              options={others.map((value) => ({ value, label: nameOf(value) }))}
              onChange={setChosen}
            />
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                if (
                  window.confirm(t('studio.translate.removeConfirm', { language: nameOf(target) }))
                ) {
                  const language = others.find((item) => item === target);
                  if (language !== undefined) onChange(removeLanguage(course, language));
                }
              }}
            >
              {t('studio.translate.remove', { language: nameOf(target) })}
            </button>
          </div>
          <p className="muted" role="status" data-testid="translation-missing">
            {missingCount > 0
              ? t('studio.translate.missing', {
                  count: missingCount,
                  language: nameOf(target),
                  primary: nameOf(course.primary_language),
                })
              : t('studio.translate.allTranslated', { language: nameOf(target) })}
          </p>
          <div
            className="translation-table"
            role="table"
            aria-label={t('studio.translate.tableLabel', { language: nameOf(target) })}
          >
            <div className="translation-table__row translation-table__head" role="row">
              <span role="columnheader">{nameOf(course.primary_language)}</span>
              <span role="columnheader">{nameOf(target)}</span>
            </div>
            {rows.map((row) => {
              const inputId = `translate-${target}-${row.id}`;
              const isMissing = !row.value.trim();
              const props = {
                id: inputId,
                className: isMissing ? 'field__control field__control--missing' : 'field__control',
                lang: target,
                dir: 'auto' as const,
                value: row.value,
                'aria-label': t('studio.translate.inputLabel', {
                  text: row.label,
                  language: nameOf(target),
                }),
                'aria-describedby': isMissing ? `${inputId}-missing` : undefined,
                onChange: (event: { target: { value: string } }) => {
                  const copy = structuredClone(course);
                  row.write(copy, event.target.value);
                  onChange(copy);
                },
              };
              return (
                <div key={row.id} className="translation-table__row" role="row">
                  <div role="cell" className="translation-table__source">
                    <span className="translation-table__label">{row.label}</span>
                    <p lang={course.primary_language} dir="auto">
                      {row.source}
                    </p>
                  </div>
                  <div role="cell">
                    {row.isMultiline ? <textarea rows={3} {...props} /> : <input {...props} />}
                    {isMissing && (
                      <span className="field__hint" id={`${inputId}-missing`}>
                        {t('studio.translate.missingMark')}
                      </span>
                    )}
                  </div>
                </div>
              );
            })}
          </div>
        </>
      )}
    </div>
  );
}
