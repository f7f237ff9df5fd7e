/** A Markdown text area with a Write / Preview switch (the preview escapes HTML, as the
 * backend's sanitised rendering will). */
import MarkdownIt from 'markdown-it';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

interface MarkdownFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: readonly string[] | undefined;
  rows?: number;
}

export function MarkdownField({
  label,
  value,
  onChange,
  errors = [],
  rows = 6,
}: MarkdownFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [isPreview, setPreview] = useState(false);
  const html = useMemo(() => (isPreview ? markdown.render(value) : ''), [isPreview, value]);
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  return (
    <div className={errors.length > 0 ? 'field field--invalid' : 'field'}>
      <div className="discussion-editor__bar">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        <button
          type="button"
          className="button button--small button--link"
          aria-pressed={isPreview}
          onClick={() => {
            setPreview(!isPreview);
          }}
        >
          {isPreview ? t('discussions.write') : t('discussions.preview')}
        </button>
      </div>
      {isPreview ? (
        <div
          className="rich-text discussion-editor__preview"
          dir="auto"
          aria-label={t('discussions.preview')}
          role="region"
          // markdown-it with `html: false` escapes every tag typed.
          dangerouslySetInnerHTML={{
            __html: html || `<p>${t('discussions.nothingToPreview')}</p>`,
          }}
        />
      ) : (
        <textarea
          id={id}
          className="field__control"
          rows={rows}
          dir="auto"
          value={value}
          aria-describedby={[errorId, `${id}-hint`].filter(Boolean).join(' ')}
          aria-invalid={errors.length > 0 || undefined}
          onChange={(event) => {
            onChange(event.target.value);
          }}
        />
      )}
      <p className="field__hint" id={`${id}-hint`}>
        {t('discussions.markdownHint')}
      </p>
      {errorId && (
        <ul className="field__errors" id={errorId} aria-live="polite">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
