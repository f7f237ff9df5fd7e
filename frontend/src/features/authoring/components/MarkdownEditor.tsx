/** A Markdown text area with a live preview beside it (below it on narrow screens). */
import MarkdownIt from 'markdown-it';
import { useDeferredValue, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import './MarkdownEditor.css';

// Raw HTML stays text: the preview shows what the backend's sanitised rendering will show.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

interface MarkdownEditorProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  lang?: string | undefined;
  rows?: number;
}

export function MarkdownEditor({ label, value, onChange, lang, rows = 10 }: MarkdownEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  // Typing stays fast in long lessons: the preview renders the deferred text.
  const deferred = useDeferredValue(value);
  const html = useMemo(() => markdown.render(deferred), [deferred]);
  return (
    <div className="markdown-editor">
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        <textarea
          id={id}
          className="field__control markdown-editor__input"
          rows={rows}
          lang={lang}
          dir="auto"
          value={value}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            onChange(event.target.value);
          }}
        />
        <p className="field__hint" id={`${id}-hint`}>
          {t('studio.markdownHint')}
        </p>
      </div>
      <section className="markdown-editor__preview" aria-label={t('studio.preview', { label })}>
        <p className="markdown-editor__preview-title" aria-hidden="true">
          {t('studio.previewTitle')}
        </p>
        <div
          className="rich-text"
          lang={lang}
          dir="auto"
          // markdown-it with `html: false` escapes every tag the author typed.
          dangerouslySetInnerHTML={{ __html: html }}
        />
      </section>
    </div>
  );
}
