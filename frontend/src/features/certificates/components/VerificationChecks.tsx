/** The checks a verification made, whatever the API lists: name, label, result, explanation. */
import { useTranslation } from 'react-i18next';

import type { VerificationCheck } from '../types';

/** Checks may come with an explanation (credential checks do); the list shows it when given. */
type CheckWithExplanation = VerificationCheck & { explanation?: unknown };

export function VerificationChecks({ checks }: { checks: readonly VerificationCheck[] }) {
  const { t } = useTranslation();
  if (checks.length === 0) return null;
  return (
    <section className="verify-checks" aria-labelledby="verify-checks-title">
      <h2 id="verify-checks-title">{t('verify.checksHeading')}</h2>
      <ul className="checklist">
        {checks.map((check: CheckWithExplanation) => (
          <li
            key={check.name}
            className={
              check.passed
                ? 'checklist__item checklist__item--passed'
                : 'checklist__item checklist__item--failed'
            }
            data-check={check.name}
          >
            <span className="checklist__icon" aria-hidden="true">
              {check.passed ? '✓' : '✗'}
            </span>
            <span className="checklist__text">
              <span className="checklist__label">{check.label}</span>
              <span className="visually-hidden">
                {' '}
                {check.passed ? t('verify.checkPassed') : t('verify.checkFailed')}
              </span>
              {typeof check.explanation === 'string' && check.explanation !== '' && (
                <span className="checklist__explanation muted">{check.explanation}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
