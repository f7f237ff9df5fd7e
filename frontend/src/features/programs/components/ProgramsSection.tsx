/** The catalog's programs section: published learning paths, each linking to its page. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { formatNumber } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { usePrograms } from '../api/list-programs';

export function ProgramsSection() {
  const { t } = useTranslation();
  const language = useLanguage();
  const programs = usePrograms(language);
  const items = programs.data?.results ?? [];
  if (items.length === 0) return null;
  return (
    <section className="stack stack--small" aria-labelledby="programs-heading">
      <h2 id="programs-heading">{t('programs.heading')}</h2>
      <p className="muted">{t('programs.lead')}</p>
      <ul className="plain-list stack stack--small">
        {items.map((program) => (
          <li key={program.slug} className="card stack stack--small">
            <h3 lang={program.language}>
              <Link to={`/programs/${program.slug}`}>{program.title}</Link>
            </h3>
            {program.summary && <p lang={program.language}>{program.summary}</p>}
            <p className="muted">
              {program.kind === 'ordered'
                ? t('programs.ordered', {
                    count: program.course_count,
                    formattedCount: formatNumber(program.course_count, language),
                  })
                : t('programs.elective', {
                    required: formatNumber(program.required_count, language),
                    count: program.course_count,
                    formattedCount: formatNumber(program.course_count, language),
                  })}
              {' · '}
              {program.institutions.map((institution) => institution.name).join(', ')}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
