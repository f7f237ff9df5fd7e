/**
 * A package lesson's SCORM / cmi5 zip: upload with progress, then what the server found (standard,
 * title, SCOs or AUs with their launch paths and mastery scores, size, problems) and how storing it
 * goes; a refused zip shows every problem with the file it is about.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { ProgressBar } from '@/components/ProgressBar';
import { formatDateTime, formatFileSize, formatNumber, formatPercent } from '@/lib/format';
import { UploadError } from '@/lib/http';
import { useLanguage } from '@/lib/use-language';

import {
  lessonElearningPackageQueryOptions,
  useLessonElearningPackage,
} from '../api/get-lesson-elearning-package';
import { uploadLessonElearningPackage } from '../api/upload-lesson-elearning-package';
import type {
  ElearningPackageProblem,
  ElearningPackageRefusal,
  ElearningPackageReport,
  ElearningPackageStandard,
} from '../types';
import { FileUpload } from './FileUpload';

import './ElearningPackageUpload.css';

const PACKAGE_TYPES = ['.zip'];
/** The backend's default PACKAGE_MAX_MB; the server still has the last word (413). */
const PACKAGE_MAX_BYTES = 500 * 1024 * 1024;

/** The standards' own names, the same in every language. */
const STANDARD_NAMES: Record<ElearningPackageStandard, string> = {
  'scorm_1.2': 'SCORM 1.2',
  scorm_2004: 'SCORM 2004',
  cmi5: 'cmi5',
};

const REFUSED_CODE = 'package_refused';

/** A refused zip's detail and problems; null for any other failure (an `ErrorBanner` shows it). */
function refusalOf(error: unknown): { detail: string; problems: ElearningPackageProblem[] } | null {
  if (!(error instanceof UploadError) || error.code !== REFUSED_CODE) return null;
  const { problems } = error.body as ElearningPackageRefusal;
  return Array.isArray(problems) ? { detail: error.detail, problems } : null;
}

function Problems({
  problems,
  heading,
  isRefusal,
}: {
  problems: readonly ElearningPackageProblem[];
  heading: string;
  isRefusal: boolean;
}) {
  return (
    <div
      className={`banner ${isRefusal ? 'banner--error' : 'banner--warning'}`}
      role={isRefusal ? 'alert' : undefined}
      data-testid={isRefusal ? 'elearning-refusal' : 'elearning-warnings'}
    >
      <p className="banner__message">{heading}</p>
      <ul className="banner__list">
        {problems.map((problem, index) => (
          <li key={`${String(index)}:${problem.code}`}>
            {problem.path && (
              <>
                <code className="elearning-package__path">{problem.path}</code>{' '}
              </>
            )}
            {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Report({ report }: { report: ElearningPackageReport }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const percent = (value: number | null) =>
    value === null
      ? t('studio.elearning.noMastery')
      : formatPercent(value, language, { maximumFractionDigits: 2 });
  const isCmi5 = report.standard === 'cmi5';
  // "2nd", "3rd", "4th" → 2, 3, 4: an ordinal each language writes its own way.
  const editionNumber = Number.parseInt(report.edition, 10) || 0;
  return (
    <div className="elearning-package__report stack stack--small" data-testid="elearning-report">
      <dl className="elearning-package__facts">
        <dt>{t('studio.elearning.standard')}</dt>
        <dd>
          {STANDARD_NAMES[report.standard]}
          {editionNumber > 0 &&
            ` · ${t('studio.elearning.edition', { number: formatNumber(editionNumber, language) })}`}
        </dd>
        <dt>{t('studio.elearning.title')}</dt>
        <dd>{report.title}</dd>
        <dt>{t('studio.elearning.launchPath')}</dt>
        <dd>
          <code>{report.launch_path}</code>
        </dd>
        <dt>{t('studio.elearning.masteryScore')}</dt>
        <dd>{percent(report.mastery_score)}</dd>
        <dt>{t('studio.elearning.files')}</dt>
        <dd>
          {t('studio.elearning.fileCount', {
            count: report.file_count,
            formattedCount: formatNumber(report.file_count, language),
            size: formatFileSize(report.size, language),
          })}
        </dd>
        <dt>{t('studio.elearning.uploadedAt')}</dt>
        <dd>{formatDateTime(report.uploaded_at, language)}</dd>
      </dl>
      <table className="elearning-package__items">
        <caption>{isCmi5 ? t('studio.elearning.aus') : t('studio.elearning.scos')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('studio.elearning.itemTitle')}</th>
            <th scope="col">{t('studio.elearning.launchPath')}</th>
            <th scope="col">{t('studio.elearning.masteryScore')}</th>
            {isCmi5 && <th scope="col">{t('studio.elearning.moveOn')}</th>}
          </tr>
        </thead>
        <tbody>
          {report.items.map((item) => (
            <tr key={item.identifier}>
              <td>{item.title}</td>
              <td>
                <code>{item.launch_path}</code>
              </td>
              <td>{percent(item.mastery_score)}</td>
              {isCmi5 && <td>{item.move_on ?? ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ElearningPackageUpload({ slug, lessonKey }: { slug: string; lessonKey: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const report = useLessonElearningPackage(slug, lessonKey);
  const current = report.data;

  return (
    <div className="elearning-package stack stack--small" data-testid="elearning-package">
      <FileUpload<ElearningPackageReport>
        label={t('studio.elearning.file')}
        accept={PACKAGE_TYPES}
        maxBytes={PACKAGE_MAX_BYTES}
        upload={(file, onProgress) =>
          uploadLessonElearningPackage({ slug, lessonKey, file, onProgress })
        }
        onUploaded={(accepted) => {
          queryClient.setQueryData(
            lessonElearningPackageQueryOptions(slug, lessonKey).queryKey,
            accepted,
          );
        }}
        renderError={(error) => {
          const refusal = refusalOf(error);
          if (!refusal) return <ErrorBanner error={error} />;
          return (
            <Problems
              problems={refusal.problems}
              isRefusal
              heading={refusal.detail || t('studio.elearning.refused')}
            />
          );
        }}
      />
      {report.isError && <ErrorBanner error={report.error} />}
      {current === null && <p className="muted">{t('studio.elearning.none')}</p>}
      {current && (
        <>
          {current.state !== 'failed' && (
            <p role="status" aria-live="polite" data-testid="elearning-state">
              {current.state === 'ready'
                ? t('studio.elearning.ready')
                : t('studio.elearning.storing', {
                    percent: formatPercent(current.progress_percent, language),
                  })}
            </p>
          )}
          {current.state === 'storing' && (
            <ProgressBar
              percent={current.progress_percent}
              label={t('studio.elearning.storingLabel')}
            />
          )}
          {current.state === 'failed' && (
            <p className="field__errors" role="alert">
              {t('studio.elearning.failed')}
            </p>
          )}
          <Report report={current} />
          {current.problems.length > 0 && (
            <Problems
              problems={current.problems}
              isRefusal={current.state === 'failed'}
              heading={t('studio.elearning.warnings')}
            />
          )}
        </>
      )}
    </div>
  );
}
