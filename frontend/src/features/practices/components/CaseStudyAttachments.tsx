/** A case study's files in the editor: the list, and on a draft an upload with progress whose
 * refusal (too large, a type the server does not take, too many, not a draft) is the server's. */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { formatFileSize } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { MAX_CASE_STUDY_ATTACHMENTS, useUploadCaseStudyAttachment } from '../api/authoring';
import type { AuthoringCaseStudy } from '../types';

export function CaseStudyAttachments({
  caseStudy,
  isEditable,
}: {
  caseStudy: AuthoringCaseStudy;
  isEditable: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadCaseStudyAttachment(caseStudy.slug);
  const [progress, setProgress] = useState(0);
  const [fileName, setFileName] = useState('');
  const attachments = caseStudy.attachments;
  const isFull = attachments.length >= MAX_CASE_STUDY_ATTACHMENTS;

  return (
    <section className="card stack stack--small" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('practices.upload.heading')}</h2>
      {attachments.length === 0 ? (
        <p className="muted">{t('practices.upload.none')}</p>
      ) : (
        <ul aria-labelledby={`${id}-heading`}>
          {attachments.map((attachment) => (
            <li key={attachment.id}>
              <a href={attachment.url} dir="auto">
                {attachment.filename}
              </a>{' '}
              <span className="muted">{formatFileSize(attachment.size, language)}</span>
            </li>
          ))}
        </ul>
      )}
      {isEditable && (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-file`}>
            {t('practices.upload.label')}
          </label>
          <input
            ref={input}
            id={`${id}-file`}
            type="file"
            disabled={upload.isPending || isFull}
            aria-describedby={`${id}-hint`}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (!file) return;
              setFileName(file.name);
              setProgress(0);
              upload.mutate(
                { file, onProgress: setProgress },
                {
                  onSettled: () => {
                    // The input was disabled while uploading: give the focus back for the next file.
                    requestAnimationFrame(() => input.current?.focus());
                  },
                },
              );
            }}
          />
          <p className="field__hint" id={`${id}-hint`}>
            {isFull
              ? t('practices.upload.full', { limit: MAX_CASE_STUDY_ATTACHMENTS })
              : t('practices.upload.hint', { limit: MAX_CASE_STUDY_ATTACHMENTS })}
          </p>
          {upload.isPending && (
            <progress
              max={1}
              value={progress}
              aria-label={t('practices.upload.uploading', { name: fileName })}
            />
          )}
          {upload.isSuccess && (
            <p role="status">{t('practices.upload.done', { name: upload.data.filename })}</p>
          )}
          <ErrorBanner error={upload.error} />
        </div>
      )}
    </section>
  );
}
