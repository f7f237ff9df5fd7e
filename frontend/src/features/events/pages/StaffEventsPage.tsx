/** /events/manage — my organisations' events (drafts too) and a form for a new one. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { SelectField } from '@/components/fields';
import { isApiError } from '@/lib/api-error';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useCreateEvent, useStaffEvents } from '../api/staff';
import { EventForm } from '../components/EventForm';
import { draftOf, newEventValues } from '../components/event-form-values';
import { formatEventTime } from '../time';

/** `organizations`: where I may create events (author or admin), slug -> name. */
export function StaffEventsPage({ organizations }: { organizations: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const events = useStaffEvents();
  const create = useCreateEvent();
  useDocumentTitle(t('events.staff.title'));
  const [chosenOrganization, setOrganization] = useState('');
  const organization = chosenOrganization || [...organizations.keys()][0] || '';

  if (events.isPending) return <LoadingState />;

  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('events.staff.title')}</h1>
      </header>
      {events.isError ? (
        <ErrorBanner error={events.error} />
      ) : (
        <ul className="plain-list stack stack--small" aria-label={t('events.staff.list')}>
          {events.data.results.map((event) => (
            <li key={event.slug} className="card">
              <Link to={`/events/${event.slug}`}>{event.title}</Link>{' '}
              <span className="muted">
                · {t(`events.states.${event.state}`)} · {formatEventTime(event.starts_at, language)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {organizations.size > 0 && (
        <EventForm
          idPrefix="new"
          heading={t('events.staff.new')}
          initial={newEventValues()}
          submitLabel={t('events.staff.create')}
          error={create.error}
          isPending={create.isPending}
          onSubmit={(values) => {
            create.mutate(
              { ...draftOf(values), organization },
              {
                onSuccess: (created) => {
                  void navigate(`/events/${created.slug}`);
                },
              },
            );
          }}
        >
          <SelectField
            id="new-organization"
            label={t('events.staff.organization')}
            value={organization}
            onValueChange={setOrganization}
            errors={isApiError(create.error) ? create.error.fieldErrors('organization') : []}
            options={[...organizations].map(([slug, name]) => ({ value: slug, label: name }))}
          />
        </EventForm>
      )}
    </div>
  );
}
