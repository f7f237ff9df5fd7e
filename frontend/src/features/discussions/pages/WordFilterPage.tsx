/** /moderation/:organization/word-filter — an organisation's word list, one word or phrase a line;
 * posts containing one are held for moderation (not refused, and the writer is not told which). */
import { type SubmitEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { SuccessBanner } from '@/components/SuccessBanner';
import { isApiError } from '@/lib/api-error';
import { useDocumentTitle } from '@/lib/use-document-title';

import { useSaveWordFilter, useWordFilter } from '../api/moderation-settings';
import '../discussions.css';

export function WordFilterPage({
  organizations,
}: {
  organizations: readonly { slug: string; name: string }[];
}) {
  const { t } = useTranslation();
  const { organization = '' } = useParams();
  const organizationName =
    organizations.find((item) => item.slug === organization)?.name ?? organization;
  const words = useWordFilter(organization);
  useDocumentTitle(t('discussions.wordFilter.title'));

  return (
    <div className="stack">
      <Link className="back-link" to="/moderation">
        {t('discussions.moderationTitle')}
      </Link>
      <header className="page-header">
        <h1>{t('discussions.wordFilter.title')}</h1>
        <p className="muted">{organizationName}</p>
      </header>
      <p>{t('discussions.wordFilter.explanation')}</p>
      {words.isPending && <LoadingState />}
      {words.isError && (
        <RequestError
          error={words.error}
          onRetry={() => {
            void words.refetch();
          }}
        />
      )}
      {words.data && <WordListForm organization={organization} saved={words.data} />}
    </div>
  );
}

function WordListForm({ organization, saved }: { organization: string; saved: string[] }) {
  const { t } = useTranslation();
  const id = useId();
  const save = useSaveWordFilter(organization);
  const [text, setText] = useState(() => saved.join('\n'));
  // The list's own errors (`words`) and each line's (`words.<index>`, index of the lines sent).
  const errors = Object.entries(isApiError(save.error) ? save.error.fields : {}).flatMap(
    ([field, messages]) => {
      if (field === 'words') return messages;
      const line = /^words\.(\d+)$/.exec(field)?.[1];
      return line === undefined
        ? []
        : messages.map((message) =>
            t('discussions.wordFilter.lineError', { line: Number(line) + 1, message }),
          );
    },
  );
  const errorId = errors.length > 0 ? `${id}-error` : undefined;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(text.split('\n'), {
      onSuccess: (kept) => {
        // The server's list: trimmed, without blanks and repeats.
        setText(kept.join('\n'));
      },
    });
  }

  return (
    <form className="card form stack" onSubmit={submit}>
      <ErrorBanner
        error={save.error}
        shownFields={isApiError(save.error) ? Object.keys(save.error.fields) : []}
      />
      <div className={errorId ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor={id}>
          {t('discussions.wordFilter.label')}
        </label>
        <textarea
          id={id}
          className="field__control field__control--textarea"
          rows={12}
          dir="auto"
          value={text}
          aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(' ')}
          aria-invalid={errorId ? true : undefined}
          onChange={(event) => {
            save.reset();
            setText(event.target.value);
          }}
        />
        <p className="field__hint" id={`${id}-hint`}>
          {t('discussions.wordFilter.hint')}
        </p>
        {errorId && (
          <ul className="field__errors" id={errorId} aria-live="polite">
            {errors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
      </div>
      {save.isSuccess && (
        <SuccessBanner>
          {t('discussions.wordFilter.saved', { count: save.data.length })}
        </SuccessBanner>
      )}
      <div className="button-row">
        <button className="button button--primary" type="submit" disabled={save.isPending}>
          {t('discussions.wordFilter.save')}
        </button>
      </div>
    </form>
  );
}
