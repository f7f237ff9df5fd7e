/** /courses/:slug/discussions — a course's threads: filters (kind, language, answered), search
 * in every language, and the new-thread form. Enrolled learners and the course's staff only
 * (the API answers 404 to anyone else). */
import { type SubmitEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';

import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { LANGUAGES, SUPPORTED_LANGUAGES } from '@/lib/languages';

import { useThreads } from '../api/threads';
import { LanguageBadge } from '../components/LanguageBadge';
import { NewThreadForm } from '../components/NewThreadForm';
import type { BackendLanguage, Thread, ThreadFilters, ThreadKind } from '../types';
import '../discussions.css';

const KINDS: ThreadKind[] = ['question', 'discussion', 'announcement'];

function ThreadRow({ thread, slug }: { thread: Thread; slug: string }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card discussion-row">
      <p className="discussion-row__labels">
        {thread.is_pinned && <span className="badge">{t('discussions.pinned')}</span>}{' '}
        <span className="badge">{t(`discussions.kind.${thread.kind}`)}</span>{' '}
        <LanguageBadge language={thread.language} />{' '}
        {thread.kind === 'question' &&
          (thread.is_answered ? (
            <span className="badge badge--status-completed">{t('discussions.answered')}</span>
          ) : (
            <span className="badge badge--status-waitlisted">{t('discussions.unanswered')}</span>
          ))}{' '}
        {!thread.is_visible && <span className="badge">{t('discussions.state.held')}</span>}
      </p>
      <h3 className="discussion-row__title" dir="auto">
        <Link to={`/courses/${slug}/discussions/${thread.id}`}>{thread.title}</Link>
      </h3>
      <p className="muted">
        {t('discussions.rowMeta', {
          name: thread.author?.name ?? t('discussions.someone'),
          replies: thread.reply_count,
          votes: thread.upvote_count,
          date: new Date(thread.last_activity_at).toLocaleDateString(i18n.language),
        })}
      </p>
    </li>
  );
}

export function DiscussionListPage({ isStaff = false }: { isStaff?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const { slug = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [isWriting, setWriting] = useState(false);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const filters: ThreadFilters = {
    kind: (params.get('kind') as ThreadKind | null) ?? undefined,
    language: (params.get('language') as BackendLanguage | null) ?? undefined,
    is_answered: params.has('answered') ? params.get('answered') === 'true' : undefined,
    lesson_key: params.get('lesson') ?? undefined,
    q: params.get('q') ?? undefined,
    page: Number(params.get('page') ?? '1'),
  };
  const threads = useThreads(slug, filters);

  function setFilter(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next);
  }
  function setPage(page: number) {
    const next = new URLSearchParams(params);
    next.set('page', String(page));
    setParams(next);
  }
  function submitSearch(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilter('q', search.trim());
  }

  return (
    <div className="stack discussions">
      <Link className="back-link" to={`/courses/${slug}`}>
        {t('discussions.backToCourse')}
      </Link>
      <header className="page-header">
        <h1>{t('discussions.title')}</h1>
      </header>
      {isWriting ? (
        <NewThreadForm
          courseSlug={slug}
          isModerator={isStaff}
          lessonKey={filters.lesson_key}
          onCreated={(created) => {
            void navigate(`/courses/${slug}/discussions/${created.thread.id}`);
          }}
          onCancel={() => {
            setWriting(false);
          }}
        />
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setWriting(true);
            }}
          >
            {t('discussions.newThread')}
          </button>
        </div>
      )}
      <form className="card discussion-filters" role="search" onSubmit={submitSearch}>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-q`}>
            {t('discussions.search')}
          </label>
          <div className="button-row">
            <input
              id={`${id}-q`}
              type="search"
              className="field__control"
              value={search}
              onChange={(event) => {
                setSearch(event.target.value);
              }}
            />
            <button type="submit" className="button">
              {t('discussions.searchButton')}
            </button>
          </div>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-kind`}>
            {t('discussions.kindLabel')}
          </label>
          <select
            id={`${id}-kind`}
            className="field__control"
            value={filters.kind ?? ''}
            onChange={(event) => {
              setFilter('kind', event.target.value);
            }}
          >
            <option value="">{t('discussions.all')}</option>
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`discussions.kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-language`}>
            {t('discussions.languageLabel')}
          </label>
          <select
            id={`${id}-language`}
            className="field__control"
            value={filters.language ?? ''}
            onChange={(event) => {
              setFilter('language', event.target.value);
            }}
          >
            <option value="">{t('discussions.all')}</option>
            {SUPPORTED_LANGUAGES.map((language) => (
              <option key={language} value={LANGUAGES[language].backendCode}>
                {LANGUAGES[language].nativeName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-answered`}>
            {t('discussions.answeredLabel')}
          </label>
          <select
            id={`${id}-answered`}
            className="field__control"
            value={params.get('answered') ?? ''}
            onChange={(event) => {
              setFilter('answered', event.target.value);
            }}
          >
            <option value="">{t('discussions.all')}</option>
            <option value="false">{t('discussions.unanswered')}</option>
            <option value="true">{t('discussions.answered')}</option>
          </select>
        </div>
      </form>
      <section aria-labelledby={`${id}-results`} className="stack">
        <h2 id={`${id}-results`} className="visually-hidden">
          {t('discussions.threads')}
        </h2>
        {threads.isPending && <LoadingState />}
        {threads.isError && (
          <RequestError
            error={threads.error}
            onRetry={() => {
              void threads.refetch();
            }}
          />
        )}
        {threads.data && threads.data.count === 0 && (
          <p className="empty-state">{t('discussions.empty')}</p>
        )}
        {threads.data && threads.data.count > 0 && (
          <>
            <p className="muted" aria-live="polite">
              {t('discussions.count', { count: threads.data.count })}
            </p>
            <ul className="plain-list stack">
              {threads.data.results.map((thread) => (
                <ThreadRow key={thread.id} thread={thread} slug={slug} />
              ))}
            </ul>
          </>
        )}
        {threads.data && (threads.data.next || threads.data.previous) && (
          <nav className="pagination" aria-label={t('pagination.label')}>
            <button
              type="button"
              className="button"
              disabled={!threads.data.previous}
              onClick={() => {
                setPage((filters.page ?? 1) - 1);
              }}
            >
              {t('pagination.previous')}
            </button>
            <span>{t('pagination.page', { page: filters.page ?? 1 })}</span>
            <button
              type="button"
              className="button"
              disabled={!threads.data.next}
              onClick={() => {
                setPage((filters.page ?? 1) + 1);
              }}
            >
              {t('pagination.next')}
            </button>
          </nav>
        )}
      </section>
    </div>
  );
}
