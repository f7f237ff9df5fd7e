/** The checks a verification made, whatever the API lists: label, result and explanation. */
import { useTranslation } from 'react-i18next';

import type { VerificationCheck } from '../types';

import './VerificationChecks.css';

const ICONS = { passed: '✓', failed: '✗', skipped: '–' } as const;

export function VerificationChecks({ checks }: { checks: readonly VerificationCheck[] }) {
  const { t } = useTranslation();
  if (checks.length === 0) return null;
  return (
    <section className="verify-checks" aria-labelledby="verify-checks-title">
      <h2 id="verify-checks-title">{t('verify.checksHeading')}</h2>
      <ul className="checklist">
        {checks.map((check) => (
          <li
            key={check.name}
            className={`checklist__item checklist__item--${check.result}`}
            data-check={check.name}
            data-result={check.result}
          >
            <span className="checklist__icon" aria-hidden="true">
              {ICONS[check.result]}
            </span>
            <span className="checklist__text">
              <span className="checklist__label">{check.label}</span>
              <span className="visually-hidden"> {t(`verify.checkResult.${check.result}`)}</span>
              {check.explanation !== '' && (
                <span className="checklist__explanation muted">{check.explanation}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
