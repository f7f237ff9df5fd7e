/** One case study in a list: sector, title, summary, publisher and the standards it concerns. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { contentLanguageAttributes } from '@/lib/content-language';
import { countryName } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import type { CaseStudyListItem } from '../types';

import './practices.css';

export function CaseStudyCard({
  caseStudy,
  headingLevel = 3,
  isArticle = true,
}: {
  caseStudy: CaseStudyListItem;
  headingLevel?: 2 | 3;
  /** Beside the catalog's course articles the cards are plain list items, so the courses stay
   * the page's articles (the catalog counts them). */
  isArticle?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const titleId = `case-study-${caseStudy.slug}-title`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const contentLanguage = contentLanguageAttributes(caseStudy.served_language);
  const Card = isArticle ? 'article' : 'div';
  return (
    <Card className="card case-study-card" aria-labelledby={isArticle ? titleId : undefined}>
      <p className="case-study-card__facts">
        <span className="badge">{t(`practices.sector.${caseStudy.sector}`)}</span>
        <span className="muted">{countryName(caseStudy.country, language)}</span>
      </p>
      <Heading id={titleId} className="case-study-card__title" {...contentLanguage}>
        <Link to={`/practices/${caseStudy.slug}`}>{caseStudy.title}</Link>
      </Heading>
      {caseStudy.summary && (
        <p className="case-study-card__summary" {...contentLanguage}>
          {caseStudy.summary}
        </p>
      )}
      <p className="muted">{caseStudy.organization.name}</p>
      {caseStudy.standards.length > 0 && (
        <ul className="case-study-card__standards" aria-label={t('practices.standards')}>
          {caseStudy.standards.map((code) => (
            <li key={code} className="standard-tag">
              {code}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
