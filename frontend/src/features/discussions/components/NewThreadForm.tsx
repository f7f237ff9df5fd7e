/** The form that opens a thread: kind, title, language (the UI's by default), Markdown body,
 * attached files. */
import { type SubmitEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { isApiError } from '@/lib/api-error';
import { LANGUAGES, SUPPORTED_LANGUAGES, toBackendLanguage } from '@/lib/languages';
import { useLanguage } from '@/lib/use-language';

import { useStartThread } from '../api/threads';
import type { BackendLanguage, ThreadDetail, ThreadKind } from '../types';
import { AttachmentPicker } from './AttachmentPicker';
import { useAttachmentUploads } from './use-attachment-uploads';
import { MarkdownField } from './MarkdownField';

interface NewThreadFormProps {
  courseSlug: string;
  isModerator: boolean;
  lessonKey?: string | undefined;
  onCreated: (created: ThreadDetail) => void;
  onCancel: () => void;
}

export function NewThreadForm({
  courseSlug,
  isModerator,
  lessonKey,
  onCreated,
  onCancel,
}: NewThreadFormProps) {
  const { t } = useTranslation();
  const uiLanguage = useLanguage();
  const id = useId();
  const start = useStartThread(courseSlug);
  const [kind, setKind] = useState<ThreadKind>('question');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [language, setLanguage] = useState<BackendLanguage>(toBackendLanguage(uiLanguage));
  const uploads = useAttachmentUploads(courseSlug);
  const fields = isApiError(start.error) ? start.error.fields : {};
  const kinds: ThreadKind[] = isModerator
    ? ['question', 'discussion', 'announcement']
    : ['question', 'discussion'];

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    start.mutate(
      {
        kind,
        title,
        body,
        language,
        lesson_key: lessonKey ?? null,
        attachment_keys: uploads.keys,
      },
      { onSuccess: onCreated },
    );
  }

  return (
    <form className="card form stack" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('discussions.newThread')}</h2>
      <ErrorBanner error={start.error} shownFields={['title', 'body']} />
      <fieldset className="field">
        <legend className="field__label">{t('discussions.kindLabel')}</legend>
        <div className="chips">
          {kinds.map((option) => (
            <label key={option} className="choice">
              <input
                type="radio"
                name={`${id}-kind`}
                value={option}
                checked={kind === option}
                onChange={() => {
                  setKind(option);
                }}
              />{' '}
              {t(`discussions.kind.${option}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className={fields.title ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor={`${id}-thread-title`}>
          {t('discussions.titleLabel')}
        </label>
        <input
          id={`${id}-thread-title`}
          className="field__control"
          dir="auto"
          required
          maxLength={200}
          value={title}
          onChange={(event) => {
            setTitle(event.target.value);
          }}
        />
        {fields.title && <p className="field__errors">{fields.title.join(' ')}</p>}
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-language`}>
          {t('discussions.languageLabel')}
        </label>
        <select
          id={`${id}-language`}
          className="field__control"
          value={language}
          onChange={(event) => {
            setLanguage(event.target.value as BackendLanguage);
          }}
        >
          {SUPPORTED_LANGUAGES.map((option) => (
            <option key={option} value={LANGUAGES[option].backendCode}>
              {LANGUAGES[option].nativeName}
            </option>
          ))}
        </select>
      </div>
      <MarkdownField
        label={t('discussions.bodyLabel')}
        value={body}
        onChange={setBody}
        errors={fields.body}
      />
      <AttachmentPicker uploads={uploads} />
      <div className="button-row">
        <button
          className="button button--primary"
          type="submit"
          disabled={start.isPending || uploads.isUploading}
        >
          {start.isPending ? t('discussions.posting') : t('discussions.post')}
        </button>
        <button className="button" type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
