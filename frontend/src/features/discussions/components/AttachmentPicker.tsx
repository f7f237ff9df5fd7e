/** Files for a post: chosen, uploaded at once (with progress), refused with the server's words,
 * removed before posting. */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { isApiError, NETWORK_ERROR_CODE } from '@/lib/api-error';
import { formatFileSize } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { ATTACHMENT_ACCEPT, MAX_ATTACHMENTS_PER_POST } from '../api/attachments';
import type { AttachmentUploads } from './use-attachment-uploads';

/** The server's reason for refusing a file, in the reader's language (the API answers in it). */
function useRefusalText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (isApiError(error)) {
      if (error.code === NETWORK_ERROR_CODE) return t('errors.network');
      const fileMessages = error.fields.file ?? [];
      if (fileMessages.length > 0) return fileMessages.join(' ');
      if (error.detail) return error.detail;
    }
    return t('errors.generic');
  };
}

export function AttachmentPicker({ uploads }: { uploads: AttachmentUploads }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const refusal = useRefusalText();
  const [isOverLimit, setOverLimit] = useState(false);
  const room = MAX_ATTACHMENTS_PER_POST - uploads.files.filter((item) => !item.error).length;

  return (
    <div className="field discussion-attachments">
      <label className="field__label" htmlFor={id}>
        {t('discussions.attachments.label')}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        accept={ATTACHMENT_ACCEPT}
        disabled={room <= 0}
        aria-describedby={`${id}-hint${isOverLimit ? ` ${id}-limit` : ''}`}
        onChange={(event) => {
          const chosen = [...(event.target.files ?? [])];
          setOverLimit(chosen.length > room);
          uploads.add(chosen.slice(0, Math.max(room, 0)));
          // The same file may be chosen again after removing it.
          event.target.value = '';
        }}
      />
      <p className="field__hint" id={`${id}-hint`}>
        {t('discussions.attachments.hint', { limit: MAX_ATTACHMENTS_PER_POST })}
      </p>
      {isOverLimit && (
        <p className="field__errors" id={`${id}-limit`} role="alert">
          {t('discussions.attachments.tooMany', { limit: MAX_ATTACHMENTS_PER_POST })}
        </p>
      )}
      {uploads.isUploading && (
        <p className="field__hint" role="status">
          {t('discussions.attachments.waiting')}
        </p>
      )}
      {uploads.files.length > 0 && (
        <ul
          className="plain-list stack stack--small"
          aria-label={t('discussions.attachments.chosen')}
        >
          {uploads.files.map((item) => {
            const name = item.file.name;
            return (
              <li key={item.id} className="discussion-attachments__item">
                <span dir="auto">{name}</span>{' '}
                <span className="muted">{formatFileSize(item.file.size, language)}</span>{' '}
                {item.error ? (
                  <span className="field__errors" role="alert">
                    {t('discussions.attachments.refused', { name, reason: refusal(item.error) })}
                  </span>
                ) : item.uploaded ? (
                  <span role="status">{t('discussions.attachments.uploaded', { name })}</span>
                ) : (
                  <progress
                    max={1}
                    value={item.progress}
                    aria-label={t('discussions.attachments.uploading', { name })}
                  />
                )}{' '}
                <button
                  type="button"
                  className="button button--small button--link"
                  aria-label={t('discussions.attachments.remove', { name })}
                  onClick={() => {
                    uploads.remove(item.id);
                    setOverLimit(false);
                    // Its button is gone: back to the picker, once it is enabled again (it was
                    // disabled if the post had all the files it may have).
                    requestAnimationFrame(() => input.current?.focus());
                  }}
                >
                  {t('discussions.attachments.removeShort')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
