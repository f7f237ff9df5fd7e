/** The case studies that match the catalog's search and filters, shown beside its courses. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { RequestError } from '@/components/RequestError';
import { formatNumber } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { useCaseStudies } from '../api/library';
import type { LibraryQuery } from '../types';
import { CaseStudyCard } from './CaseStudyCard';

import './practices.css';

const SECTION_SIZE = 3;

export function CaseStudySection({ query }: { query: LibraryQuery }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const caseStudies = useCaseStudies(query, language, SECTION_SIZE);
  const libraryParams = new URLSearchParams();
  if (query.search) libraryParams.set('search', query.search);
  if (query.standard) libraryParams.set('standard', query.standard);
  if (query.competency) libraryParams.set('competency', query.competency);
  const librarySearch = libraryParams.toString();

  let content;
  if (caseStudies.isPending) content = <p className="muted">{t('practices.loading')}</p>;
  else if (caseStudies.isError)
    content = (
      <RequestError
        error={caseStudies.error}
        onRetry={() => {
          void caseStudies.refetch();
        }}
      />
    );
  else if (caseStudies.data.count === 0)
    content = <p className="muted">{t('practices.noneMatching')}</p>;
  else
    content = (
      <>
        <ul className="case-study-grid">
          {caseStudies.data.results.map((caseStudy) => (
            <li key={caseStudy.slug}>
              <CaseStudyCard caseStudy={caseStudy} isArticle={false} />
            </li>
          ))}
        </ul>
        <p>
          <Link to={`/practices${librarySearch ? `?${librarySearch}` : ''}`}>
            {t('practices.seeAll', {
              count: caseStudies.data.count,
              formattedCount: formatNumber(caseStudies.data.count, language),
            })}
          </Link>
        </p>
      </>
    );

  return (
    <section className="case-study-section stack stack--small" aria-labelledby="case-studies-title">
      <h2 id="case-studies-title">{t('practices.catalogSection')}</h2>
      {content}
    </section>
  );
}
