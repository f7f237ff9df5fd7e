/** /events/manage — my organisations' events (drafts too) and a form for a new one. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { SelectField, TextField } from '@/components/fields';
import { isApiError } from '@/lib/api-error';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useCreateEvent, useStaffEvents } from '../api/staff';
import { formatEventTime, viewerTimeZone, zonedWallTimeToIso } from '../time';
import type { EventDraft } from '../types';

function fieldErrors(error: unknown, name: string): string[] {
  if (!isApiError(error)) return [];
  return [...(error.fields[name] ?? [])];
}

/** `organizations`: where I may create events (author or admin), slug -> name. */
export function StaffEventsPage({ organizations }: { organizations: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const events = useStaffEvents();
  const create = useCreateEvent();
  useDocumentTitle(t('events.staff.title'));
  const [form, setForm] = useState({
    organization: '',
    kind: 'webinar',
    isOnline: 'true',
    meetingUrl: '',
    place: '',
    address: '',
    primaryLanguage: 'en',
    title: '',
    description: '',
    start: '',
    end: '',
    timeZone: viewerTimeZone(),
    capacity: '',
  });
  const set = (name: keyof typeof form) => (value: string) => {
    setForm((current) => ({ ...current, [name]: value }));
  };
  const organization = form.organization || [...organizations.keys()][0] || '';

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
        <form
          className="card stack"
          aria-labelledby="new-event-heading"
          onSubmit={(submitted) => {
            submitted.preventDefault();
            const capacity = form.capacity ? Number(form.capacity) : null;
            create.mutate(
              {
                organization,
                kind: form.kind as EventDraft['kind'],
                is_online: form.isOnline === 'true',
                meeting_url: form.meetingUrl,
                place: form.place,
                address: form.address,
                primary_language: form.primaryLanguage,
                translations: {
                  [form.primaryLanguage]: { title: form.title, description: form.description },
                },
                starts_at: zonedWallTimeToIso(form.start, form.timeZone) || form.start,
                ends_at: zonedWallTimeToIso(form.end, form.timeZone) || form.end,
                time_zone: form.timeZone,
                capacity,
              },
              {
                onSuccess: (created) => {
                  void navigate(`/events/${created.slug}`);
                },
              },
            );
          }}
        >
          <h2 id="new-event-heading">{t('events.staff.new')}</h2>
          {create.isError && <ErrorBanner error={create.error} />}
          <SelectField
            id="new-organization"
            label={t('events.staff.organization')}
            value={organization}
            onValueChange={set('organization')}
            options={[...organizations].map(([slug, name]) => ({ value: slug, label: name }))}
          />
          <SelectField
            id="new-kind"
            label={t('events.kind')}
            value={form.kind}
            onValueChange={set('kind')}
            options={(['conference', 'webinar', 'workshop'] as const).map((kind) => ({
              value: kind,
              label: t(`events.kinds.${kind}`),
            }))}
          />
          <SelectField
            id="new-language"
            label={t('events.staff.primaryLanguage')}
            value={form.primaryLanguage}
            onValueChange={set('primaryLanguage')}
            options={[
              { value: 'en', label: 'English', lang: 'en' },
              { value: 'zh-hans', label: '简体中文', lang: 'zh-Hans' },
              { value: 'de', label: 'Deutsch', lang: 'de' },
              { value: 'ar', label: 'العربية', lang: 'ar' },
            ]}
          />
          <TextField
            id="new-title"
            label={t('events.staff.eventTitle')}
            value={form.title}
            onValueChange={set('title')}
            errors={fieldErrors(create.error, 'translations')}
          />
          <TextField
            id="new-description"
            label={t('events.description')}
            value={form.description}
            onValueChange={set('description')}
            isOptional
          />
          <SelectField
            id="new-format"
            label={t('events.format')}
            value={form.isOnline}
            onValueChange={set('isOnline')}
            options={[
              { value: 'true', label: t('events.online') },
              { value: 'false', label: t('events.onSite') },
            ]}
          />
          {form.isOnline === 'true' ? (
            <TextField
              id="new-meeting-url"
              label={t('events.staff.meetingUrl')}
              value={form.meetingUrl}
              onValueChange={set('meetingUrl')}
              errors={fieldErrors(create.error, 'meeting_url')}
            />
          ) : (
            <>
              <TextField
                id="new-place"
                label={t('events.staff.place')}
                value={form.place}
                onValueChange={set('place')}
                errors={fieldErrors(create.error, 'place')}
              />
              <TextField
                id="new-address"
                label={t('events.staff.address')}
                value={form.address}
                onValueChange={set('address')}
                isOptional
              />
            </>
          )}
          <label htmlFor="new-start">{t('events.staff.start')}</label>
          <input
            id="new-start"
            type="datetime-local"
            value={form.start}
            onChange={(changed) => {
              set('start')(changed.target.value);
            }}
          />
          <label htmlFor="new-end">{t('events.staff.end')}</label>
          <input
            id="new-end"
            type="datetime-local"
            value={form.end}
            aria-describedby={
              fieldErrors(create.error, 'ends_at').length ? 'new-end-error' : undefined
            }
            onChange={(changed) => {
              set('end')(changed.target.value);
            }}
          />
          {fieldErrors(create.error, 'ends_at').map((message) => (
            <p key={message} id="new-end-error" className="field__error">
              {message}
            </p>
          ))}
          <TextField
            id="new-time-zone"
            label={t('events.staff.timeZone')}
            hint={t('events.staff.timeZoneHint')}
            value={form.timeZone}
            onValueChange={set('timeZone')}
            errors={fieldErrors(create.error, 'time_zone')}
          />
          <TextField
            id="new-capacity"
            label={t('events.staff.capacity')}
            value={form.capacity}
            onValueChange={set('capacity')}
            isOptional
          />
          <button className="button button--primary" type="submit" disabled={create.isPending}>
            {t('events.staff.create')}
          </button>
        </form>
      )}
    </div>
  );
}
