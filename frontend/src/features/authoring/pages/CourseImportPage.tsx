/** /studio/import — a course from another platform (Common Cartridge): upload, analysis, report, draft. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { ProgressBar } from '@/components/ProgressBar';
import { RequestError } from '@/components/RequestError';
import { isApiError } from '@/lib/api-error';
import { useDocumentTitle } from '@/lib/use-document-title';

import { useConfirmCourseImport } from '../api/confirm-course-import';
import { courseImportQueryKey, isImportWorking, useCourseImport } from '../api/get-course-import';
import { AUTHORING_QUERY_KEY } from '../api/list-authoring-courses';
import { startCourseImport } from '../api/start-course-import';
import type { InstitutionChoice } from '../components/DetailsPanel';
import { FidelityReportView } from '../components/FidelityReportView';
import { FileUpload } from '../components/FileUpload';
import { SelectInput } from '../components/inputs';
import type { CourseImport } from '../types';

import '../components/editor.css';

/**
 * Course archives the server reads (it tells the format by content, not by name): Common
 * Cartridges (`.imscc`, or the same zip as `.zip`), Moodle backups (`.mbz`) and Open edX exports.
 */
const ARCHIVE_TYPES = ['.imscc', '.zip', '.mbz', '.tar.gz', '.tgz', '.tar'];
/** The server's default limit (IMPORT_MAX_MB); a smaller server limit answers 413, shown below. */
const CARTRIDGE_MAX_BYTES = 500 * 1024 * 1024;
const PAYLOAD_TOO_LARGE = 413;

/** An upload's failure in the reader's language where the server's words would not be. */
function UploadFailure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.status === PAYLOAD_TOO_LARGE) {
    return (
      <div className="banner banner--error" role="alert">
        <p className="banner__message">{t('courseImport.tooLarge')}</p>
      </div>
    );
  }
  return <ErrorBanner error={error} />;
}

/** Where the import stands: a sentence for the live region and the share of items done. */
function useProgressText(job: CourseImport): string {
  const { t } = useTranslation();
  const stage = job.stage
    ? t(`courseImport.stage.${job.stage}` as 'courseImport.stage.reading', {
        defaultValue: job.stage,
      })
    : '';
  const state = t(`courseImport.state.${job.state}`);
  if (!stage) return state;
  return job.items_total > 0
    ? t('courseImport.progressItems', {
        state,
        stage,
        done: job.items_done,
        total: job.items_total,
      })
    : t('courseImport.progressStage', { state, stage });
}

function ImportProgress({ job }: { job: CourseImport }) {
  const { t } = useTranslation();
  const text = useProgressText(job);
  const percent = job.items_total > 0 ? Math.round((job.items_done / job.items_total) * 100) : 0;
  return (
    <div className="stack stack--small">
      <p className="course-import__status">{text}</p>
      <ProgressBar percent={percent} label={t('courseImport.progressLabel')} />
    </div>
  );
}

export function CourseImportPage({
  institutions,
}: {
  /** The institutions the user may author for. */
  institutions: readonly InstitutionChoice[];
}) {
  const { t } = useTranslation();
  useDocumentTitle(t('courseImport.title'));
  const queryClient = useQueryClient();
  const [organisation, setOrganisation] = useState(institutions[0]?.slug ?? '');
  const [importId, setImportId] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const job = useCourseImport(importId);
  const confirm = useConfirmCourseImport();
  const resultRef = useRef<HTMLHeadingElement>(null);
  const statusId = useId();
  const state = job.data?.state;

  // Once written, the studio's list has the new course; the result's heading takes the focus.
  useEffect(() => {
    if (state === 'imported') void queryClient.invalidateQueries({ queryKey: AUTHORING_QUERY_KEY });
    if (state === 'ready' || state === 'imported' || state === 'failed') resultRef.current?.focus();
  }, [state, queryClient]);

  function startOver() {
    setImportId(null);
    setFileName('');
    confirm.reset();
  }

  if (institutions.length === 0) {
    return (
      <div className="stack">
        <h1>{t('courseImport.title')}</h1>
        <p className="muted">{t('courseImport.noInstitution')}</p>
      </div>
    );
  }

  const data = job.data;
  return (
    <div className="stack">
      <header className="page-header">
        <p>
          <Link to="/studio">{t('studio.backToStudio')}</Link>
        </p>
        <h1>{t('courseImport.title')}</h1>
        <p className="lead">{t('courseImport.lead')}</p>
      </header>

      {importId === null ? (
        <section aria-labelledby="course-import-file" className="card stack stack--small">
          <h2 id="course-import-file">{t('courseImport.chooseTitle')}</h2>
          <p className="muted">{t('courseImport.formats')}</p>
          <SelectInput
            label={t('courseImport.organisation')}
            value={organisation}
            options={institutions.map((item) => ({ value: item.slug, label: item.name }))}
            onChange={setOrganisation}
          />
          <FileUpload<CourseImport>
            label={t('courseImport.file')}
            accept={ARCHIVE_TYPES}
            maxBytes={CARTRIDGE_MAX_BYTES}
            upload={(file, onProgress) => startCourseImport({ file, organisation, onProgress })}
            onUploaded={(started, file) => {
              queryClient.setQueryData(courseImportQueryKey(started.id), started);
              setFileName(file.name);
              setImportId(started.id);
            }}
            renderError={(error) => <UploadFailure error={error} />}
          />
        </section>
      ) : (
        <section aria-labelledby="course-import-state" className="card stack stack--small">
          <h2 id="course-import-state" ref={resultRef} tabIndex={-1}>
            {data ? t(`courseImport.heading.${data.state}`) : t('courseImport.heading.queued')}
          </h2>
          <p className="muted">
            <bdi>{data?.filename ?? fileName}</bdi>
          </p>
          {/* Polite: the stage and items change every second while the server works. */}
          <div id={statusId} role="status" aria-live="polite" className="stack stack--small">
            {data && isImportWorking(data.state) && <ImportProgress job={data} />}
            {data?.state === 'ready' && <p>{t('courseImport.readyText')}</p>}
            {data?.state === 'imported' && data.course_slug && (
              // Not SuccessBanner: its own status role would nest one live region in another.
              <div className="banner banner--success">
                <p className="banner__message">
                  {t('courseImport.importedText')}{' '}
                  <Link to={`/studio/courses/${data.course_slug}`}>
                    {t('courseImport.openDraft', {
                      title: data.report?.course?.title ?? data.course_slug,
                    })}
                  </Link>
                </p>
              </div>
            )}
          </div>
          {data?.state === 'failed' && (
            <div className="banner banner--error" role="alert">
              <p className="banner__message">{t('courseImport.failedText')}</p>
            </div>
          )}
          {job.isError && <RequestError error={job.error} onRetry={() => void job.refetch()} />}
          {confirm.isError && <ErrorBanner error={confirm.error} />}
          <div className="editor-actions">
            {data?.state === 'ready' && (
              <button
                type="button"
                className="button button--primary"
                disabled={confirm.isPending}
                onClick={() => {
                  confirm.mutate(data.id);
                }}
              >
                {t('courseImport.confirm')}
              </button>
            )}
            {(data?.state === 'ready' ||
              data?.state === 'failed' ||
              data?.state === 'imported' ||
              job.isError) && (
              <button type="button" className="button" onClick={startOver}>
                {t('courseImport.another')}
              </button>
            )}
          </div>
        </section>
      )}

      {data?.report && <FidelityReportView report={data.report} fileName={data.filename} />}
    </div>
  );
}
