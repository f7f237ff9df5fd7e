/** One lesson: title, settings, and what its kind needs (Markdown, video, a resource file, a quiz,
 * a SCORM / cmi5 package). */
import { useTranslation } from 'react-i18next';

import { uploadResource } from '../api/upload-resource';
import type { PackageLesson, Resource } from '../types';
import { FileUpload } from './FileUpload';
import { CaptionsEditor } from './CaptionsEditor';
import { ElearningPackageUpload } from './ElearningPackageUpload';
import { LessonAccessSettings } from './LessonAccessSettings';
import { CheckboxInput, NumberInput, TextInput } from './inputs';
import { MarkdownEditor } from './MarkdownEditor';
import { QuizBuilder } from './QuizBuilder';
import { VideoUpload } from './VideoUpload';

import './editor.css';
import './LessonEditor.css';

const RESOURCE_TYPES = ['.pdf', '.png', '.jpg', '.jpeg', '.txt', '.csv', '.docx', '.xlsx', '.pptx'];
/** The backend's default RESOURCE_MAX_MB; the server still has the last word (413). */
const RESOURCE_MAX_BYTES = 25 * 1024 * 1024;

interface LessonEditorProps {
  slug: string;
  isSaved: boolean;
  lesson: PackageLesson;
  language: string;
  languages: readonly string[];
  courseCompetencies: readonly string[];
  onChange: (lesson: PackageLesson) => void;
}

export function LessonEditor({
  slug,
  isSaved,
  lesson,
  language,
  languages,
  courseCompetencies,
  onChange,
}: LessonEditorProps) {
  const { t } = useTranslation();
  const texts = lesson.translations[language] ?? { title: '' };
  const setTexts = (change: Partial<typeof texts>) => {
    onChange({
      ...lesson,
      translations: { ...lesson.translations, [language]: { ...texts, ...change } },
    });
  };
  return (
    <div className="lesson-editor stack stack--small">
      <TextInput
        label={t('studio.lessonTitle')}
        value={texts.title ?? ''}
        lang={language}
        onChange={(title) => {
          setTexts({ title });
        }}
      />
      <div className="question-editor__row">
        <NumberInput
          label={t('studio.duration')}
          value={lesson.duration_minutes}
          min={0}
          onChange={(value) => {
            onChange({ ...lesson, duration_minutes: value ?? 0 });
          }}
        />
        <CheckboxInput
          label={t('studio.isRequired')}
          checked={lesson.is_required}
          onChange={(is_required) => {
            onChange({ ...lesson, is_required });
          }}
        />
      </div>
      <LessonAccessSettings lesson={lesson} onChange={onChange} />
      {courseCompetencies.length > 0 && (
        <fieldset className="inline-choices">
          <legend>{t('studio.lessonCompetencies')}</legend>
          {courseCompetencies.map((code) => (
            <CheckboxInput
              key={code}
              label={code}
              checked={(lesson.competencies ?? []).includes(code)}
              onChange={(checked) => {
                const current = lesson.competencies ?? [];
                onChange({
                  ...lesson,
                  competencies: checked
                    ? [...current, code]
                    : current.filter((item) => item !== code),
                });
              }}
            />
          ))}
        </fieldset>
      )}
      {lesson.kind === 'video' && (
        <TextInput
          type="url"
          label={t('studio.videoUrl')}
          value={lesson.video_url}
          placeholder="https://"
          onChange={(video_url) => {
            onChange({ ...lesson, video_url });
          }}
        />
      )}
      {lesson.kind === 'video' &&
        (isSaved && lesson.key ? (
          <VideoUpload slug={slug} lessonKey={lesson.key} />
        ) : (
          <p className="muted">{t('studio.saveBeforeUpload')}</p>
        ))}
      {lesson.kind === 'package' &&
        (isSaved && lesson.key ? (
          <ElearningPackageUpload slug={slug} lessonKey={lesson.key} />
        ) : (
          <p className="muted">{t('studio.saveBeforeUpload')}</p>
        ))}
      {lesson.kind === 'resource' && (
        <div className="stack stack--small">
          {lesson.resource ? (
            <p data-testid="resource-attached">
              {t('studio.resourceAttached', { id: lesson.resource })}
            </p>
          ) : (
            <p className="muted">{t('studio.resourceMissing')}</p>
          )}
          {isSaved ? (
            <FileUpload<Resource>
              label={t('studio.resourceFile')}
              accept={RESOURCE_TYPES}
              maxBytes={RESOURCE_MAX_BYTES}
              upload={(file, onProgress) => uploadResource({ slug, file, onProgress })}
              onUploaded={(resource) => {
                onChange({ ...lesson, resource: resource.id });
              }}
            />
          ) : (
            <p className="muted">{t('studio.saveBeforeUpload')}</p>
          )}
        </div>
      )}
      {lesson.kind !== 'quiz' && (
        <MarkdownEditor
          label={lesson.kind === 'text' ? t('studio.lessonBody') : t('studio.lessonIntro')}
          value={texts.body ?? ''}
          lang={language}
          onChange={(body) => {
            setTexts({ body });
          }}
        />
      )}
      {lesson.kind === 'video' && (
        <TextInput
          label={t('studio.transcript')}
          value={texts.transcript ?? ''}
          lang={language}
          isMultiline
          rows={6}
          onChange={(transcript) => {
            setTexts({ transcript });
          }}
        />
      )}
      {lesson.kind === 'video' && (
        <CaptionsEditor
          slug={slug}
          lessonKey={isSaved ? lesson.key : undefined}
          language={language}
          value={texts.captions ?? ''}
          onChange={(captions) => {
            setTexts({ captions });
          }}
        />
      )}
      {lesson.kind === 'quiz' && (
        <>
          <TextInput
            label={t('studio.quizInstructions')}
            value={texts.body ?? ''}
            lang={language}
            onChange={(body) => {
              setTexts({ body });
            }}
          />
          <QuizBuilder
            quiz={lesson.quiz}
            language={language}
            languages={languages}
            onChange={(quiz) => {
              onChange({ ...lesson, quiz });
            }}
          />
        </>
      )}
    </div>
  );
}
