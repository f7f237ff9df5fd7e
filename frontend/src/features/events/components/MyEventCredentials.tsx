/** My attendance credentials, shown beside my certificates, each with its verification link. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useMyRegistrations } from '../api/my-registrations';

export function MyEventCredentials() {
  const { t } = useTranslation();
  const registrations = useMyRegistrations();
  const attended = (registrations.data?.results ?? []).filter((item) => item.credential_id);
  if (attended.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="event-credentials-heading">
      <h2 id="event-credentials-heading">{t('events.credentials.heading')}</h2>
      <ul className="plain-list stack stack--small">
        {attended.map((item) => (
          <li key={item.credential_id} className="card stack stack--small">
            <h3>
              <Link to={`/events/${item.event.slug}`}>{item.event.title}</Link>
            </h3>
            <p className="muted">
              {t('events.credentials.attended')} · {item.event.organization_name}
            </p>
            <p>
              <Link to={`/verify/${item.credential_id}`}>{t('events.credentials.verify')}</Link>
              {' · '}
              <a href={`/api/v1/credentials/${item.credential_id}`}>
                {t('events.credentials.download')}
              </a>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
