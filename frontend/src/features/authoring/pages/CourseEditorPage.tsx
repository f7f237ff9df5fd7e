/** /studio/new and /studio/courses/<slug> — the course editor, its review, workflow and history. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { SuccessBanner } from '@/components/SuccessBanner';
import { Tabs } from '@/components/Tabs';
import { RequestError } from '@/components/RequestError';
import { isApiError } from '@/lib/api-error';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useFormat } from '@/lib/use-format';

import { useAuthoringCourse } from '../api/get-authoring-course';
import { useDiff } from '../api/get-diff';
import { cartridgeExportUrl } from '../api/get-cartridge';
import { archiveExportUrl, packageExportUrl, usePackage } from '../api/get-package';
import { PackageRefusedError, useSavePackage } from '../api/save-package';
import { newPackage, PACKAGE_LANGUAGES, slugify } from '../course-package';
import { CertificatePanel } from '../components/CertificatePanel';
import { ContentPanel } from '../components/ContentPanel';
import { CoverField } from '../components/CoverField';
import { DetailsPanel, type InstitutionChoice } from '../components/DetailsPanel';
import { DiffView } from '../components/DiffView';
import { SelectInput, TextInput } from '../components/inputs';
import { ProblemList } from '../components/ProblemList';
import { ReviewComments } from '../components/ReviewComments';
import { TranslationsPanel } from '../components/TranslationsPanel';
import { VersionHistory } from '../components/VersionHistory';
import { WorkflowPanel } from '../components/WorkflowPanel';
import type { StaffRole } from '../workflow';
import type { AuthoringCourseDetail, CoursePackage, PackageLanguage } from '../types';

import '../components/editor.css';

interface EditorProps {
  initial: CoursePackage;
  detail: AuthoringCourseDetail | null;
  roles: readonly StaffRole[];
  institutions: readonly InstitutionChoice[];
}

function DiffSection({ slug }: { slug: string }) {
  const diff = useDiff(slug);
  if (diff.isPending) return <LoadingState />;
  if (diff.isError) return <RequestError error={diff.error} onRetry={() => void diff.refetch()} />;
  return <DiffView diff={diff.data} />;
}

function CourseEditor({ initial, detail, roles, institutions }: EditorProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const save = useSavePackage();
  const isNew = detail === null;
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState(() => JSON.stringify(initial));
  const [tab, setTab] = useState(isNew ? 'details' : 'content');
  const [justSaved, setJustSaved] = useState(false);
  const course = draft.course;
  const isDirty = isNew || JSON.stringify(draft) !== saved;
  const working = detail
    ? [...detail.versions].sort((left, right) => right.number - left.number)[0]
    : undefined;
  const title = course.translations[course.primary_language]?.title || course.slug;
  const setCourse = (changed: typeof course) => {
    setJustSaved(false);
    setDraft({ ...draft, course: changed });
  };

  function onSave() {
    setJustSaved(false);
    save.mutate(
      { coursePackage: draft, isNew },
      {
        onSuccess: () => {
          setSaved(JSON.stringify(draft));
          setJustSaved(true);
          if (isNew) void navigate(`/studio/courses/${course.slug}`, { replace: true });
        },
      },
    );
  }

  const tabs = [
    { id: 'details', label: t('studio.tabs.details') },
    { id: 'content', label: t('studio.tabs.content') },
    { id: 'translations', label: t('studio.tabs.translations') },
    { id: 'certificate', label: t('studio.tabs.certificate') },
    ...(isNew
      ? []
      : [
          { id: 'review', label: t('studio.tabs.review') },
          { id: 'history', label: t('studio.tabs.history') },
        ]),
  ];
  const problems = save.error instanceof PackageRefusedError ? save.error.problems : [];

  return (
    <div className="stack">
      <Link to="/studio" className="back-link">
        <span className="back-link__arrow" aria-hidden="true">
          ←
        </span>{' '}
        {t('studio.backToStudio')}
      </Link>
      <header className="page-header page-header--with-actions">
        <div>
          <h1>{isNew ? t('studio.newCourse') : title}</h1>
          <p className="muted">
            <span className="monospace">{course.slug}</span> ·{' '}
            {course.languages.map((code) => format.languageName(code)).join(' · ')}
            {working && (
              <>
                {' '}
                · {t('studio.history.version')} {format.number(working.number)}{' '}
                <span className={`badge badge--state-${working.state}`}>
                  {t(`studio.state.${working.state}`)}
                </span>
              </>
            )}
          </p>
        </div>
        <div className="editor-actions">
          {!isNew && (
            <>
              <a className="button" href={packageExportUrl(course.slug)} download>
                {t('studio.exportJson')}
              </a>
              <a className="button" href={archiveExportUrl(course.slug)} download>
                {t('studio.exportZip')}
              </a>
              <a className="button" href={cartridgeExportUrl(course.slug)} download>
                {t('studio.exportCartridge')}
              </a>
            </>
          )}
          <button
            type="button"
            className="button button--primary"
            disabled={save.isPending || !isDirty}
            onClick={onSave}
          >
            {save.isPending ? t('studio.saving') : isDirty ? t('studio.save') : t('studio.saved')}
          </button>
        </div>
      </header>
      {justSaved && <SuccessBanner>{t('studio.savedMessage')}</SuccessBanner>}
      {save.isError &&
        (problems.length > 0 ? (
          <ProblemList problems={problems} />
        ) : (
          <ErrorBanner error={save.error} />
        ))}
      <Tabs label={t('studio.tabs.label')} tabs={tabs} selected={tab} onSelect={setTab}>
        {tab === 'details' && (
          <div className="stack">
            <DetailsPanel course={course} institutions={institutions} onChange={setCourse} />
            {detail && <CoverField slug={course.slug} cover={detail.cover} />}
          </div>
        )}
        {tab === 'content' && (
          <ContentPanel course={course} isSaved={!isNew} onChange={setCourse} />
        )}
        {tab === 'translations' && <TranslationsPanel course={course} onChange={setCourse} />}
        {tab === 'certificate' && <CertificatePanel course={course} onChange={setCourse} />}
        {tab === 'review' && detail && working && (
          <div className="stack">
            <WorkflowPanel
              slug={course.slug}
              state={working.state}
              roles={roles}
              hasUnsavedChanges={isDirty}
              isOwnWork={detail.is_own_work}
              completeness={detail.completeness}
              primaryLanguage={course.primary_language}
            />
            <DiffSection slug={course.slug} />
            <ReviewComments slug={course.slug} course={course} />
          </div>
        )}
        {tab === 'history' && detail && <VersionHistory course={detail} />}
      </Tabs>
    </div>
  );
}

function NewCourseForm({
  institutions,
  onCreate,
}: {
  institutions: readonly InstitutionChoice[];
  onCreate: (coursePackage: CoursePackage) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  const [code, setCode] = useState('');
  const [institution, setInstitution] = useState(institutions[0]?.slug ?? '');
  const [primaryLanguage, setPrimaryLanguage] = useState<PackageLanguage>('en');
  const shownSlug = slug || slugify(title);
  return (
    <form
      className="card card--narrow stack"
      onSubmit={(event) => {
        event.preventDefault();
        onCreate(newPackage({ slug: shownSlug, code, title, institution, primaryLanguage }));
      }}
    >
      <h1>{t('studio.newCourse')}</h1>
      <p className="muted">{t('studio.newCourseLead')}</p>
      <TextInput label={t('studio.courseTitle')} value={title} onChange={setTitle} />
      <TextInput
        label={t('studio.slug')}
        hint={t('studio.slugHint')}
        value={shownSlug}
        onChange={setSlug}
      />
      <TextInput label={t('studio.courseCode')} value={code} onChange={setCode} />
      <SelectInput
        label={t('studio.institution')}
        value={institution}
        options={institutions.map((item) => ({ value: item.slug, label: item.name }))}
        onChange={setInstitution}
      />
      <SelectInput
        label={t('studio.primaryLanguage')}
        value={primaryLanguage}
        options={PACKAGE_LANGUAGES.map((value) => ({ value, label: format.languageName(value) }))}
        onChange={setPrimaryLanguage}
      />
      <div>
        <button
          type="submit"
          className="button button--primary"
          disabled={!title.trim() || !shownSlug || !code.trim() || !institution}
        >
          {t('studio.startEditing')}
        </button>
      </div>
    </form>
  );
}

interface CourseEditorPageProps {
  /** Undefined for a new course. */
  slug?: string | undefined;
  roles: readonly StaffRole[];
  institutions: readonly InstitutionChoice[];
}

function ExistingCourse({ slug, roles, institutions }: CourseEditorPageProps & { slug: string }) {
  const { t } = useTranslation();
  const detail = useAuthoringCourse(slug);
  const coursePackage = usePackage(slug);
  useDocumentTitle(detail.data?.title ?? t('studio.title'));
  if (detail.isPending || coursePackage.isPending) return <LoadingState />;
  const error = detail.error ?? coursePackage.error;
  if (error || !detail.data || !coursePackage.data)
    return (
      <section className="card card--narrow stack stack--small" aria-labelledby="editor-error">
        <h1 id="editor-error">
          {isApiError(error) && error.status === 404 ? t('studio.notFound') : t('studio.title')}
        </h1>
        <ErrorBanner error={error} />
        <button
          type="button"
          className="button"
          onClick={() => {
            void detail.refetch();
            void coursePackage.refetch();
          }}
        >
          {t('common.retry')}
        </button>
      </section>
    );
  // Keyed by slug: another course starts with a fresh editor state.
  return (
    <CourseEditor
      key={slug}
      initial={coursePackage.data}
      detail={detail.data}
      roles={roles}
      institutions={institutions}
    />
  );
}

export function CourseEditorPage({ slug, roles, institutions }: CourseEditorPageProps) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CoursePackage | null>(null);
  useDocumentTitle(t('studio.newCourse'));
  if (slug) return <ExistingCourse slug={slug} roles={roles} institutions={institutions} />;
  if (!created) return <NewCourseForm institutions={institutions} onCreate={setCreated} />;
  return <CourseEditor initial={created} detail={null} roles={roles} institutions={institutions} />;
}
