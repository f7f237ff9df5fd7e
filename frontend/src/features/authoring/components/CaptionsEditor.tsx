/** A video lesson's captions in one content language: upload a .vtt file or edit the WebVTT, checked by the server line by line. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/lib/api-error';

import { CaptionsRefusedError, useCheckCaptions } from '../api/check-captions';
import { FileInput } from './FileField';
import { TextInput } from './inputs';

interface CaptionsEditorProps {
  slug: string;
  /** The saved lesson's key; checks need a lesson the server knows. */
  lessonKey: string | undefined;
  language: string;
  value: string;
  onChange: (captions: string) => void;
}

export function CaptionsEditor({
  slug,
  lessonKey,
  language,
  value,
  onChange,
}: CaptionsEditorProps) {
  const { t } = useTranslation();
  const fileId = useId();
  const check = useCheckCaptions();
  const [problems, setProblems] = useState<string[]>([]);
  const [isChecked, setIsChecked] = useState(false);

  const run = (input: { file?: File; text?: string }) => {
    if (!lessonKey) return;
    setIsChecked(false);
    check.mutate(
      { slug, lessonKey, language, ...input },
      {
        onSuccess: (checked) => {
          setProblems([]);
          setIsChecked(true);
          onChange(checked.vtt);
        },
        onError: (error) => {
          setProblems(
            error instanceof CaptionsRefusedError && error.problems.length > 0
              ? error.problems.map((problem) => problem.message)
              : [
                  error instanceof ApiError && error.detail
                    ? error.detail
                    : t('studio.captionsFailed'),
                ],
          );
        },
      },
    );
  };

  return (
    <div className="stack stack--small captions-editor">
      <TextInput
        label={t('studio.captions')}
        value={value}
        lang={language}
        isMultiline
        rows={6}
        placeholder={'WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n…'}
        hint={t('studio.captionsHint')}
        errors={problems}
        onChange={(captions) => {
          setIsChecked(false);
          onChange(captions);
        }}
      />
      {lessonKey ? (
        <div className="question-editor__row">
          <label className="field__label" htmlFor={fileId}>
            {t('studio.captionsFile')}
          </label>
          <FileInput
            id={fileId}
            accept=".vtt,text/vtt"
            disabled={check.isPending}
            onFile={(file) => {
              run({ file });
            }}
          />
          <button
            type="button"
            className="button button--secondary"
            disabled={check.isPending || !value.trim()}
            onClick={() => {
              run({ text: value });
            }}
          >
            {t('studio.captionsCheck')}
          </button>
        </div>
      ) : (
        <p className="muted">{t('studio.captionsSaveFirst')}</p>
      )}
      {isChecked && (
        <p className="muted" role="status">
          {t('studio.captionsValid')}
        </p>
      )}
    </div>
  );
}
