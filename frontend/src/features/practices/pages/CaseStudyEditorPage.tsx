/**
 * /studio/practices/new and /studio/practices/:slug — write a case study (texts per language, tags,
 * linked courses, attached files), then take it through review: submit, request changes, approve, publish.
 */
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { SuccessBanner } from '@/components/SuccessBanner';
import { countryOptions } from '@/lib/countries';
import { formatDateTime, languageDisplayName } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import {
  useAuthoringCaseStudy,
  useCreateCaseStudy,
  useReviewStep,
  useUpdateCaseStudy,
} from '../api/authoring';
import { useCompetencies, useStandards } from '../api/vocabularies';
import { CaseStudyAttachments } from '../components/CaseStudyAttachments';
import type {
  AuthoringCaseStudy,
  CaseStudyInput,
  CaseStudyTexts,
  ReviewAction,
  Sector,
} from '../types';
import { SECTORS } from '../types';

import '../components/practices.css';

type ContentLanguage = CaseStudyInput['primary_language'];
const CONTENT_LANGUAGES: readonly ContentLanguage[] = ['en', 'zh-hans', 'de', 'ar'];
const TEXT_FIELDS = ['title', 'summary', 'problem', 'solution', 'results'] as const;
const LONG_FIELDS: ReadonlySet<string> = new Set(['problem', 'solution', 'results']);

interface Draft {
  organization: string;
  slug: string;
  primary_language: ContentLanguage;
  languages: ContentLanguage[];
  translations: Partial<Record<ContentLanguage, CaseStudyTexts>>;
  sector: Sector;
  country: string;
  standards: string[];
  competencies: string[];
  linkedCourses: string;
}

function draftFrom(caseStudy: AuthoringCaseStudy | undefined, organization: string): Draft {
  if (!caseStudy)
    return {
      organization,
      slug: '',
      primary_language: 'en',
      languages: ['en'],
      translations: { en: {} },
      sector: 'machinery',
      country: '',
      standards: [],
      competencies: [],
      linkedCourses: '',
    };
  return {
    organization: caseStudy.organization.slug,
    slug: caseStudy.slug,
    primary_language: caseStudy.primary_language as ContentLanguage,
    languages: caseStudy.languages as ContentLanguage[],
    translations: caseStudy.translations,
    sector: caseStudy.sector,
    country: caseStudy.country,
    standards: [...caseStudy.standards],
    competencies: [...caseStudy.competencies],
    linkedCourses: caseStudy.linked_courses.join(', '),
  };
}

export function CaseStudyEditorPage({
  organizations,
}: {
  /** Organisations in which I may author. */
  organizations: readonly { slug: string; name: string }[];
}) {
  const { slug } = useParams();
  const existing = useAuthoringCaseStudy(slug);
  if (slug && existing.isPending) return <LoadingState />;
  if (slug && existing.isError)
    return (
      <RequestError
        error={existing.error}
        onRetry={() => {
          void existing.refetch();
        }}
        isCard
      />
    );
  return (
    <Editor
      key={existing.data?.updated_at ?? 'new'}
      caseStudy={existing.data}
      organizations={organizations}
    />
  );
}

function Editor({
  caseStudy,
  organizations,
}: {
  caseStudy: AuthoringCaseStudy | undefined;
  organizations: readonly { slug: string; name: string }[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const standards = useStandards(language);
  const competencies = useCompetencies(language);
  const create = useCreateCaseStudy();
  const update = useUpdateCaseStudy(caseStudy?.slug ?? '');
  const [draft, setDraft] = useState(() => draftFrom(caseStudy, organizations[0]?.slug ?? ''));
  const [saved, setSaved] = useState(false);
  const id = useId();
  const isNew = !caseStudy;
  const isEditable = isNew || caseStudy.state === 'draft';
  useDocumentTitle(isNew ? t('practices.newCaseStudy') : t('practices.editTitle'));

  const set = <K extends keyof Draft>(name: K, value: Draft[K]) => {
    setSaved(false);
    setDraft((current) => ({ ...current, [name]: value }));
  };
  const setText = (code: ContentLanguage, field: keyof CaseStudyTexts, value: string) => {
    setSaved(false);
    setDraft((current) => ({
      ...current,
      translations: {
        ...current.translations,
        [code]: { ...current.translations[code], [field]: value },
      },
    }));
  };
  const toggle = (name: 'standards' | 'competencies' | 'languages', value: string) => {
    const list = draft[name] as string[];
    set(
      name,
      (list.includes(value) ? list.filter((item) => item !== value) : [...list, value]) as never,
    );
  };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const languages = [
      draft.primary_language,
      ...draft.languages.filter((code) => code !== draft.primary_language),
    ];
    const body: CaseStudyInput = {
      primary_language: draft.primary_language,
      languages,
      translations: Object.fromEntries(
        languages.map((code) => [code, draft.translations[code] ?? {}]),
      ),
      sector: draft.sector,
      country: draft.country as CaseStudyInput['country'],
      standards: draft.standards,
      competencies: draft.competencies,
      linked_courses: draft.linkedCourses
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    };
    if (isNew)
      create.mutate(
        { ...body, slug: draft.slug, organization: draft.organization },
        {
          onSuccess: (created) => {
            void navigate(`/studio/practices/${created.slug}`);
          },
        },
      );
    else
      update.mutate(body, {
        onSuccess: () => {
          setSaved(true);
        },
      });
  };

  const error = isNew ? create.error : update.error;
  const isSaving = create.isPending || update.isPending;
  const languagesShown = [
    draft.primary_language,
    ...draft.languages.filter((code) => code !== draft.primary_language),
  ];

  return (
    <div className="stack">
      <p>
        <Link to="/studio/practices">{t('practices.backToMine')}</Link>
      </p>
      <header className="page-header">
        <h1>{isNew ? t('practices.newCaseStudy') : t('practices.editTitle')}</h1>
        {caseStudy && (
          <p>
            <span className="badge">{t(`practices.state.${caseStudy.state}`)}</span>{' '}
            <span className="muted">{caseStudy.organization.name}</span>
          </p>
        )}
      </header>
      {!isEditable && <p className="banner">{t('practices.notEditable')}</p>}
      <form className="card stack" onSubmit={submit} aria-labelledby={`${id}-form`}>
        <h2 id={`${id}-form`}>{t('practices.detailsHeading')}</h2>
        <fieldset className="editor-fieldset stack stack--small" disabled={!isEditable}>
          {isNew && (
            <>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-organization`}>
                  {t('practices.organization')}
                </label>
                <select
                  id={`${id}-organization`}
                  className="field__control"
                  value={draft.organization}
                  onChange={(event) => {
                    set('organization', event.target.value);
                  }}
                >
                  {organizations.map((organization) => (
                    <option key={organization.slug} value={organization.slug}>
                      {organization.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-slug`}>
                  {t('practices.slug')}
                </label>
                <input
                  id={`${id}-slug`}
                  className="field__control"
                  required
                  pattern="[a-z0-9-]+"
                  value={draft.slug}
                  aria-describedby={`${id}-slug-hint`}
                  onChange={(event) => {
                    set('slug', event.target.value);
                  }}
                />
                <p className="field__hint" id={`${id}-slug-hint`}>
                  {t('practices.slugHint')}
                </p>
              </div>
            </>
          )}
          <div className="field">
            <label className="field__label" htmlFor={`${id}-primary`}>
              {t('practices.primaryLanguage')}
            </label>
            <select
              id={`${id}-primary`}
              className="field__control"
              value={draft.primary_language}
              onChange={(event) => {
                set('primary_language', event.target.value as ContentLanguage);
              }}
            >
              {CONTENT_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {languageDisplayName(code, language)}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="tag-choices">
            <legend className="field__label">{t('practices.translations')}</legend>
            {CONTENT_LANGUAGES.filter((code) => code !== draft.primary_language).map((code) => (
              <label key={code}>
                <input
                  type="checkbox"
                  checked={draft.languages.includes(code)}
                  onChange={() => {
                    toggle('languages', code);
                  }}
                />{' '}
                {languageDisplayName(code, language)}
              </label>
            ))}
          </fieldset>
          {languagesShown.map((code) => (
            <fieldset key={code} className="translation-fields stack stack--small">
              <legend>
                {languageDisplayName(code, language)}
                {code === draft.primary_language ? ` (${t('practices.primary')})` : ''}
              </legend>
              {TEXT_FIELDS.map((field) => {
                const fieldId = `${id}-${code}-${field}`;
                const value = draft.translations[code]?.[field] ?? '';
                const isRequired = code === draft.primary_language && field !== 'summary';
                return (
                  <div className="field" key={field}>
                    <label className="field__label" htmlFor={fieldId}>
                      {t(`practices.field.${field}`)}
                    </label>
                    {LONG_FIELDS.has(field) ? (
                      <textarea
                        id={fieldId}
                        className="field__control field__control--textarea"
                        lang={code}
                        required={isRequired}
                        value={value}
                        onChange={(event) => {
                          setText(code, field, event.target.value);
                        }}
                      />
                    ) : (
                      <input
                        id={fieldId}
                        className="field__control"
                        lang={code}
                        required={isRequired}
                        value={value}
                        onChange={(event) => {
                          setText(code, field, event.target.value);
                        }}
                      />
                    )}
                  </div>
                );
              })}
            </fieldset>
          ))}
          <div className="field">
            <label className="field__label" htmlFor={`${id}-sector`}>
              {t('practices.sectorLabel')}
            </label>
            <select
              id={`${id}-sector`}
              className="field__control"
              value={draft.sector}
              onChange={(event) => {
                set('sector', event.target.value as Sector);
              }}
            >
              {SECTORS.map((sector) => (
                <option key={sector} value={sector}>
                  {t(`practices.sector.${sector}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-country`}>
              {t('practices.country')}
            </label>
            <select
              id={`${id}-country`}
              className="field__control"
              required
              value={draft.country}
              onChange={(event) => {
                set('country', event.target.value);
              }}
            >
              <option value="">{t('practices.chooseCountry')}</option>
              {countryOptions(language).map((country) => (
                <option key={country.code} value={country.code}>
                  {country.name}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="tag-choices">
            <legend className="field__label">{t('practices.standards')}</legend>
            {(standards.data ?? []).map((standard) => (
              <label key={standard.code}>
                <input
                  type="checkbox"
                  checked={draft.standards.includes(standard.code)}
                  onChange={() => {
                    toggle('standards', standard.code);
                  }}
                />{' '}
                {standard.code}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-competencies`}>
              {t('practices.competencies')}
            </label>
            <select
              id={`${id}-competencies`}
              className="field__control"
              multiple
              size={8}
              value={draft.competencies}
              onChange={(event) => {
                set(
                  'competencies',
                  [...event.target.selectedOptions].map((option) => option.value),
                );
              }}
            >
              {(competencies.data ?? [])
                .filter((competency) => competency.parent !== null)
                .map((competency) => (
                  <option key={competency.code} value={competency.code}>
                    {`${competency.code} — ${competency.name}`}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-courses`}>
              {t('practices.linkedCourses')}
            </label>
            <input
              id={`${id}-courses`}
              className="field__control"
              value={draft.linkedCourses}
              aria-describedby={`${id}-courses-hint`}
              onChange={(event) => {
                set('linkedCourses', event.target.value);
              }}
            />
            <p className="field__hint" id={`${id}-courses-hint`}>
              {t('practices.linkedCoursesHint')}
            </p>
          </div>
        </fieldset>
        <ErrorBanner error={error} />
        {saved && <SuccessBanner>{t('practices.saved')}</SuccessBanner>}
        {isEditable && (
          <div className="button-row">
            <button className="button button--primary" type="submit" disabled={isSaving}>
              {isNew ? t('practices.createDraft') : t('practices.saveDraft')}
            </button>
          </div>
        )}
      </form>
      {caseStudy && <CaseStudyAttachments caseStudy={caseStudy} isEditable={isEditable} />}
      {caseStudy && <ReviewPanel caseStudy={caseStudy} />}
    </div>
  );
}

function ReviewPanel({ caseStudy }: { caseStudy: AuthoringCaseStudy }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const step = useReviewStep(caseStudy.slug);
  const [comment, setComment] = useState('');
  const commentId = useId();
  // The steps this user may take now: the API applies the roles and separation of duties.
  const actions: readonly ReviewAction[] = caseStudy.allowed_actions;
  return (
    <section className="card stack stack--small" aria-labelledby="review-heading">
      <h2 id="review-heading">{t('practices.reviewHeading')}</h2>
      <p>
        {t('practices.stateLabel')}:{' '}
        <strong data-testid="case-study-state">{t(`practices.state.${caseStudy.state}`)}</strong>
      </p>
      {caseStudy.state === 'published' && (
        <p>
          <Link to={`/practices/${caseStudy.slug}`}>{t('practices.viewPublished')}</Link>
        </p>
      )}
      {actions.length === 0 && caseStudy.state !== 'published' && (
        <p className="muted">{t('practices.noStepForYou')}</p>
      )}
      {actions.length > 0 && (
        <>
          <div className="field">
            <label className="field__label" htmlFor={commentId}>
              {t('practices.comment')}
            </label>
            <textarea
              id={commentId}
              className="field__control field__control--textarea"
              value={comment}
              onChange={(event) => {
                setComment(event.target.value);
              }}
            />
          </div>
          <ErrorBanner error={step.error} />
          <div className="button-row">
            {actions.map((action) => (
              <button
                key={action}
                type="button"
                className={action === 'request_changes' ? 'button' : 'button button--primary'}
                disabled={step.isPending}
                onClick={() => {
                  step.mutate(
                    { action, comment },
                    {
                      onSuccess: () => {
                        setComment('');
                      },
                    },
                  );
                }}
              >
                {t(`practices.action.${action}`)}
              </button>
            ))}
          </div>
        </>
      )}
      {caseStudy.transitions.length > 0 && (
        <>
          <h3>{t('practices.history')}</h3>
          <ol className="review-history">
            {caseStudy.transitions.map((transition) => (
              <li key={`${transition.created_at}-${transition.action}`}>
                <strong>{t(`practices.action.${transition.action as ReviewAction}`)}</strong>
                {' — '}
                {transition.actor ?? ''}{' '}
                <span className="muted">{formatDateTime(transition.created_at, language)}</span>
                {transition.comment && <p>{transition.comment}</p>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
