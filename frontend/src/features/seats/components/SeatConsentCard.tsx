/** On "My learning": each employer holding a seat for me, and my answer to whether it may see my
 * progress and certificates in that course or program (withdrawable at any time). */
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { formatDate } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { useDecideConsent } from '../api/decide-consent';
import { useMySeats } from '../api/list-my-seats';
import type { MySeat } from '../types';

function SeatConsent({ seat }: { seat: MySeat }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const decide = useDecideConsent();
  const isGranted = seat.consent === 'granted';
  return (
    <li className="stack stack--small" data-testid={`seat-${String(seat.id)}`}>
      <p>
        {seat.target.kind === 'program'
          ? t('seats.consent.holdsProgram', {
              employer: seat.organization_name,
              program: seat.target.title,
            })
          : t('seats.consent.holds', {
              employer: seat.organization_name,
              course: seat.target.title,
            })}
      </p>
      <p className="muted" data-testid="seat-consent-state">
        {t(`seats.consent.state.${seat.consent}`)}
        {seat.consent_changed_at
          ? ` · ${t('seats.consent.since', { date: formatDate(seat.consent_changed_at, language) })}`
          : ''}
      </p>
      <ErrorBanner error={decide.error} />
      <div className="button-row">
        {!isGranted && (
          <button
            type="button"
            className="button button--primary"
            disabled={decide.isPending}
            onClick={() => {
              decide.mutate({ seatId: seat.id, consent: 'granted' });
            }}
          >
            {t('seats.consent.grant', { employer: seat.organization_name })}
          </button>
        )}
        {seat.consent !== 'refused' && seat.consent !== 'withdrawn' && (
          <button
            type="button"
            className="button"
            disabled={decide.isPending}
            onClick={() => {
              decide.mutate({ seatId: seat.id, consent: 'refused' });
            }}
          >
            {isGranted ? t('seats.consent.withdraw') : t('seats.consent.refuse')}
          </button>
        )}
      </div>
    </li>
  );
}

export function SeatConsentCard() {
  const { t } = useTranslation();
  const seats = useMySeats();
  if (!seats.data || seats.data.results.length === 0) return null;
  return (
    <section className="card stack stack--small" aria-labelledby="seat-consent-heading">
      <h2 id="seat-consent-heading">{t('seats.consent.heading')}</h2>
      <p className="muted">{t('seats.consent.explanation')}</p>
      <ul className="stack">
        {seats.data.results.map((seat) => (
          <SeatConsent key={seat.id} seat={seat} />
        ))}
      </ul>
    </section>
  );
}
