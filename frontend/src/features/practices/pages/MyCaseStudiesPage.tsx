/** /studio/practices — my organisations' case studies in every state, to edit or review. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { formatDateTime } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useMyCaseStudies } from '../api/authoring';

export function MyCaseStudiesPage({ canAuthor }: { canAuthor: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const caseStudies = useMyCaseStudies();
  useDocumentTitle(t('practices.myTitle'));

  let content;
  if (caseStudies.isPending) content = <LoadingState />;
  else if (caseStudies.isError)
    content = (
      <RequestError
        error={caseStudies.error}
        onRetry={() => {
          void caseStudies.refetch();
        }}
      />
    );
  else if (caseStudies.data.length === 0)
    content = <p className="muted">{t('practices.myEmpty')}</p>;
  else
    content = (
      <table className="table">
        <caption className="visually-hidden">{t('practices.myTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('practices.titleField')}</th>
            <th scope="col">{t('practices.organization')}</th>
            <th scope="col">{t('practices.stateLabel')}</th>
            <th scope="col">{t('practices.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {caseStudies.data.map((caseStudy) => (
            <tr key={caseStudy.slug}>
              <td>
                <Link to={`/studio/practices/${caseStudy.slug}`}>
                  {caseStudy.title || caseStudy.slug}
                </Link>
              </td>
              <td>{caseStudy.organization}</td>
              <td>
                <span className="badge">{t(`practices.state.${caseStudy.state}`)}</span>
              </td>
              <td>{formatDateTime(caseStudy.updated_at, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );

  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('practices.myTitle')}</h1>
        <p className="lead">{t('practices.myLead')}</p>
      </header>
      {canAuthor && (
        <p>
          <Link className="button button--primary" to="/studio/practices/new">
            {t('practices.newCaseStudy')}
          </Link>
        </p>
      )}
      {content}
    </div>
  );
}
