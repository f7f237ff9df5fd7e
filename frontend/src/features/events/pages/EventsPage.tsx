/** /events — upcoming events, filtered by kind, language, format and organisation. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { SelectField } from '@/components/fields';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useEvents } from '../api/list-events';
import { formatEventTime } from '../time';
import type { EventFilters } from '../types';

export function EventsPage({ canManage = false }: { canManage?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [filters, setFilters] = useState<EventFilters>({
    kind: '',
    language: '',
    online: '',
    organization: '',
  });
  const events = useEvents(filters, language);
  useDocumentTitle(t('events.title'));
  const set = (name: keyof EventFilters) => (value: string) => {
    setFilters((current) => ({ ...current, [name]: value }));
  };

  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('events.title')}</h1>
        <p className="lead">{t('events.lead')}</p>
        {canManage && (
          <p>
            <Link className="button" to="/events/manage">
              {t('events.staff.title')}
            </Link>
          </p>
        )}
      </header>
      <form className="card filters" aria-label={t('events.filters')} role="search">
        <SelectField
          id="event-kind"
          label={t('events.kind')}
          value={filters.kind}
          onValueChange={set('kind')}
          options={[
            { value: '', label: t('events.any') },
            { value: 'conference', label: t('events.kinds.conference') },
            { value: 'webinar', label: t('events.kinds.webinar') },
            { value: 'workshop', label: t('events.kinds.workshop') },
          ]}
        />
        <SelectField
          id="event-language"
          label={t('events.language')}
          value={filters.language}
          onValueChange={set('language')}
          options={[
            { value: '', label: t('events.any') },
            { value: 'en', label: 'English', lang: 'en' },
            { value: 'zh-hans', label: '简体中文', lang: 'zh-Hans' },
            { value: 'de', label: 'Deutsch', lang: 'de' },
            { value: 'ar', label: 'العربية', lang: 'ar' },
          ]}
        />
        <SelectField
          id="event-online"
          label={t('events.format')}
          value={filters.online}
          onValueChange={set('online')}
          options={[
            { value: '', label: t('events.any') },
            { value: 'true', label: t('events.online') },
            { value: 'false', label: t('events.onSite') },
          ]}
        />
      </form>
      {events.isPending ? (
        <LoadingState />
      ) : events.isError ? (
        <ErrorBanner error={events.error} />
      ) : events.data.results.length === 0 ? (
        <p className="card empty-state">{t('events.empty')}</p>
      ) : (
        <ul className="plain-list stack">
          {events.data.results.map((event) => (
            <li key={event.slug} className="card stack stack--small">
              <h2>
                <Link to={`/events/${event.slug}`}>{event.title}</Link>
              </h2>
              <p className="muted">
                {t(`events.kinds.${event.kind}`)} ·{' '}
                {event.is_online ? t('events.online') : event.place} · {event.organization_name}
              </p>
              <p>
                <time dateTime={event.starts_at}>{formatEventTime(event.starts_at, language)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
