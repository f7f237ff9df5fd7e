/** The course's details: texts in the primary language, code, level, hours, owners, prerequisites. */
import { useTranslation } from 'react-i18next';

import { LEVELS } from '../course-package';
import type { PackageCourse } from '../types';
import { CompetencyPicker } from './CompetencyPicker';
import { NumberInput, SelectInput, TextInput } from './inputs';
import { MarkdownEditor } from './MarkdownEditor';

import './editor.css';

export interface InstitutionChoice {
  slug: string;
  name: string;
}

interface DetailsPanelProps {
  course: PackageCourse;
  institutions: readonly InstitutionChoice[];
  onChange: (course: PackageCourse) => void;
}

export function DetailsPanel({ course, institutions, onChange }: DetailsPanelProps) {
  const { t } = useTranslation();
  const language = course.primary_language;
  const texts = course.translations[language] ?? { title: '', summary: '', description: '' };
  const setTexts = (change: Partial<typeof texts>) => {
    onChange({
      ...course,
      translations: { ...course.translations, [language]: { ...texts, ...change } },
    });
  };
  const choices = [
    ...institutions,
    ...course.institutions
      .filter((slug) => !institutions.some((item) => item.slug === slug))
      .map((slug) => ({ slug, name: slug })),
  ];
  return (
    <div className="stack">
      <TextInput
        label={t('studio.courseTitle')}
        value={texts.title ?? ''}
        lang={language}
        onChange={(title) => {
          setTexts({ title });
        }}
      />
      <TextInput
        label={t('studio.summary')}
        value={texts.summary ?? ''}
        lang={language}
        isMultiline
        rows={2}
        onChange={(summary) => {
          setTexts({ summary });
        }}
      />
      <MarkdownEditor
        label={t('studio.description')}
        value={texts.description ?? ''}
        lang={language}
        onChange={(description) => {
          setTexts({ description });
        }}
      />
      <div className="question-editor__row">
        <TextInput
          label={t('studio.courseCode')}
          value={course.code}
          onChange={(code) => {
            onChange({ ...course, code });
          }}
        />
        <SelectInput
          label={t('studio.level')}
          value={course.level}
          options={LEVELS.map((value) => ({ value, label: t(`level.${value}`) }))}
          onChange={(level) => {
            onChange({ ...course, level });
          }}
        />
        <NumberInput
          label={t('studio.hours')}
          value={course.estimated_hours}
          min={1}
          onChange={(value) => {
            onChange({ ...course, estimated_hours: value ?? 1 });
          }}
        />
      </div>
      <fieldset className="inline-choices">
        <legend>{t('studio.institutions')}</legend>
        {choices.map((institution) => (
          <label key={institution.slug} className="choice">
            <input
              type="checkbox"
              checked={course.institutions.includes(institution.slug)}
              onChange={(event) => {
                onChange({
                  ...course,
                  institutions: event.target.checked
                    ? [...course.institutions, institution.slug]
                    : course.institutions.filter((slug) => slug !== institution.slug),
                });
              }}
            />
            {institution.name}
          </label>
        ))}
      </fieldset>
      <TextInput
        label={t('studio.prerequisites')}
        hint={t('studio.prerequisitesHint')}
        value={course.prerequisites.join(', ')}
        onChange={(text) => {
          onChange({ ...course, prerequisites: text.split(/[\s,]+/).filter(Boolean) });
        }}
      />
      <CompetencyPicker
        selected={course.competencies}
        onChange={(competencies) => {
          onChange({ ...course, competencies });
        }}
      />
    </div>
  );
}
