/** /verify/bulk — employers paste ids or upload a CSV, see a table of results and download it. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { extractIds, toCsv } from '@/lib/csv';
import { formatDate } from '@/lib/format';
import { saveFile } from '@/lib/http';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useVerifyBulk } from '../api/verify-bulk';

export function BulkVerifyPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const verify = useVerifyBulk();
  const [text, setText] = useState('');
  useDocumentTitle(t('bulkVerify.title'));
  const ids = extractIds(text);
  const results = verify.data ?? [];

  function download() {
    saveFile(
      toCsv(
        [
          'id',
          'status',
          'learner_name',
          'course_title',
          'course_code',
          'issued_on',
          'expires_on',
          'revoked_at',
          'revocation_reason',
        ],
        results.map((result) => [
          result.id,
          result.status,
          result.learner_name,
          result.course_title,
          result.course_code,
          result.issued_on,
          result.expires_on,
          result.revoked_at,
          result.revocation_reason,
        ]),
      ),
      'verification-results.csv',
      'text/csv;charset=utf-8',
    );
  }

  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('bulkVerify.title')}</h1>
        <p className="lead">{t('bulkVerify.lead')}</p>
      </header>
      <form
        className="card stack stack--small"
        onSubmit={(event) => {
          event.preventDefault();
          if (ids.length > 0) verify.mutate(ids);
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor="bulk-ids">
            {t('bulkVerify.ids')}
          </label>
          <textarea
            id="bulk-ids"
            className="field__control monospace"
            rows={6}
            value={text}
            aria-describedby="bulk-ids-hint"
            onChange={(event) => {
              setText(event.target.value);
            }}
          />
          <p className="field__hint" id="bulk-ids-hint">
            {t('bulkVerify.idsHint')}
          </p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="bulk-file">
            {t('bulkVerify.file')}
          </label>
          <input
            id="bulk-file"
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            className="field__control"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file)
                void file.text().then((content) => {
                  setText(content);
                });
            }}
          />
        </div>
        <p role="status">{t('bulkVerify.found', { count: ids.length })}</p>
        <div>
          <button
            type="submit"
            className="button button--primary"
            disabled={ids.length === 0 || verify.isPending}
          >
            {t('bulkVerify.verify')}
          </button>
        </div>
      </form>
      {verify.isPending && <LoadingState />}
      <ErrorBanner error={verify.error} />
      {verify.data && (
        <section className="card stack stack--small" aria-labelledby="bulk-results">
          <div className="chart__header">
            <h2 id="bulk-results">{t('bulkVerify.results', { count: results.length })}</h2>
            <button type="button" className="button" onClick={download}>
              {t('bulkVerify.download')}
            </button>
          </div>
          <div className="table-wrapper">
            <table className="table" data-testid="bulk-results">
              <thead>
                <tr>
                  <th scope="col">{t('bulkVerify.id')}</th>
                  <th scope="col">{t('bulkVerify.status')}</th>
                  <th scope="col">{t('bulkVerify.learner')}</th>
                  <th scope="col">{t('bulkVerify.course')}</th>
                  <th scope="col">{t('bulkVerify.issued')}</th>
                </tr>
              </thead>
              <tbody>
                {results.map((result, index) => (
                  <tr key={`${result.id ?? ''}-${String(index)}`}>
                    <td className="monospace">
                      {result.id ? <Link to={`/verify/${result.id}`}>{result.id}</Link> : '—'}
                    </td>
                    <td>
                      <span className={`badge badge--certificate-${result.status}`}>
                        {t(`verify.status.${result.status}`)}
                      </span>
                    </td>
                    <td>{result.learner_name ?? '—'}</td>
                    <td>{result.course_title ?? '—'}</td>
                    <td>{result.issued_on ? formatDate(result.issued_on, language) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
