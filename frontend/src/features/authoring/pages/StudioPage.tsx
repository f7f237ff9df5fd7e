/** /studio — my institutions' courses with their working state, a new course, and package import. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { SuccessBanner } from '@/components/SuccessBanner';
import { RequestError } from '@/components/RequestError';
import { formatDate } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { importPackage } from '../api/import-package';
import { useAuthoringCourses } from '../api/list-authoring-courses';
import { problemsOf } from '../api/save-package';
import type { InstitutionChoice } from '../components/DetailsPanel';
import { FileUpload } from '../components/FileUpload';
import { ProblemList } from '../components/ProblemList';
import type { AuthoringCourse, ImportedVersion, VersionSummary } from '../types';
import { UploadError } from '@/lib/http';

import '../components/editor.css';

const PACKAGE_TYPES = ['.json', '.zip'];
/** The backend refuses zip packages over 300 MB in total. */
const PACKAGE_MAX_BYTES = 300 * 1024 * 1024;

function workingVersion(course: AuthoringCourse): VersionSummary | undefined {
  return [...course.versions].sort((left, right) => right.number - left.number)[0];
}

export function StudioPage({
  canAuthor,
}: {
  canAuthor: boolean;
  institutions: readonly InstitutionChoice[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const courses = useAuthoringCourses();
  const [imported, setImported] = useState<string | null>(null);
  useDocumentTitle(t('studio.title'));

  return (
    <div className="stack">
      <header className="page-header page-header--with-actions">
        <div>
          <h1>{t('studio.title')}</h1>
          <p className="lead">{t('studio.lead')}</p>
        </div>
        {canAuthor && (
          <div className="editor-actions">
            <Link className="button" to="/studio/import">
              {t('studio.importCourse')}
            </Link>
            <Link className="button button--primary" to="/studio/new">
              {t('studio.newCourse')}
            </Link>
          </div>
        )}
      </header>
      {courses.isPending && <LoadingState />}
      {courses.isError && (
        <RequestError error={courses.error} onRetry={() => void courses.refetch()} isCard />
      )}
      {courses.data && (
        <section aria-labelledby="studio-courses" className="card">
          <h2 id="studio-courses">{t('studio.courses')}</h2>
          {courses.data.length === 0 ? (
            <p className="muted">{t('studio.noCourses')}</p>
          ) : (
            <div className="table-wrapper">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('studio.courseTitle')}</th>
                    <th scope="col">{t('studio.institutions')}</th>
                    <th scope="col">{t('studio.history.version')}</th>
                    <th scope="col">{t('studio.history.state')}</th>
                    <th scope="col">{t('studio.history.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {courses.data.map((course) => {
                    const version = workingVersion(course);
                    return (
                      <tr key={course.slug}>
                        <td>
                          <Link to={`/studio/courses/${course.slug}`}>{course.title}</Link>
                          <div className="muted monospace">{course.slug}</div>
                        </td>
                        <td>{course.institutions.map((item) => item.name).join(', ')}</td>
                        <td>{version?.number ?? '—'}</td>
                        <td>
                          {version ? (
                            <span className={`badge badge--state-${version.state}`}>
                              {t(`studio.state.${version.state}`)}
                            </span>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td>{version ? formatDate(version.updated_at, language) : '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      {canAuthor && (
        <section aria-labelledby="import-title" className="card stack stack--small">
          <h2 id="import-title">{t('studio.import.title')}</h2>
          <p className="muted">{t('studio.import.lead')}</p>
          <p>
            <Link to="/studio/import">{t('studio.import.otherFormats')}</Link>
          </p>
          {imported !== null && (
            <SuccessBanner>
              {t('studio.import.done')}{' '}
              {imported && (
                <Link to={`/studio/courses/${imported}`}>
                  {t('studio.import.open', { slug: imported })}
                </Link>
              )}
            </SuccessBanner>
          )}
          <FileUpload<ImportedVersion>
            label={t('studio.import.file')}
            accept={PACKAGE_TYPES}
            maxBytes={PACKAGE_MAX_BYTES}
            upload={async (file, onProgress) => {
              setImported(null);
              return importPackage({ file, onProgress });
            }}
            onUploaded={(version) => {
              setImported(version.course);
            }}
            renderError={(error) => (
              <>
                <ErrorBanner error={error} />
                <ProblemList
                  problems={error instanceof UploadError ? problemsOf(error.body) : []}
                />
              </>
            )}
          />
        </section>
      )}
    </div>
  );
}
