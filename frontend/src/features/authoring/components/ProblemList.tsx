/** The problems the backend found in a course package, each with where it is. */
import { useTranslation } from 'react-i18next';

import type { Problem } from '../types';

import './ProblemList.css';

export function ProblemList({ problems }: { problems: readonly Problem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div className="banner banner--error" role="alert" data-testid="package-problems">
      <p className="banner__message">{t('studio.problems', { count: problems.length })}</p>
      <ul className="banner__list problem-list">
        {problems.map((problem) => (
          <li key={`${problem.location}:${problem.message}`}>
            <code className="problem-list__location">{problem.location}</code> {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
