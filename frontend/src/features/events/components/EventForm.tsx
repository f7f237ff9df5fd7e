/** The form of an event, for a new one and for an edit: kind, language, title and description in
 * the primary language, format and place, wall-clock times in the event's zone, capacity. The
 * server's refusals are shown by the field they concern. */
import { type ReactNode, type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { FieldFrame, SelectField, TextField } from '@/components/fields';
import { isApiError } from '@/lib/api-error';

import type { EventFormValues } from './event-form-values';

const FORM_FIELDS = [
  'organization',
  'kind',
  'primary_language',
  'translations',
  'is_online',
  'meeting_url',
  'place',
  'address',
  'starts_at',
  'ends_at',
  'time_zone',
  'capacity',
];

export function EventForm({
  idPrefix,
  heading,
  initial,
  submitLabel,
  error,
  isPending,
  onSubmit,
  children,
}: {
  idPrefix: string;
  heading: string;
  initial: EventFormValues;
  submitLabel: string;
  error: unknown;
  isPending: boolean;
  onSubmit: (values: EventFormValues) => void;
  /** Fields before the event's own (the organisation of a new event). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState(initial);
  const set = (name: keyof EventFormValues) => (value: string) => {
    setForm((current) => ({ ...current, [name]: value }));
  };
  const errorsOf = (name: string): string[] =>
    isApiError(error) ? [...(error.fields[name] ?? [])] : [];
  const id = (name: string) => `${idPrefix}-${name}`;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(form);
  }

  return (
    <form className="card stack" aria-labelledby={id('heading')} onSubmit={submit}>
      <h2 id={id('heading')}>{heading}</h2>
      <ErrorBanner error={error} shownFields={FORM_FIELDS} />
      {children}
      <SelectField
        id={id('kind')}
        label={t('events.kind')}
        value={form.kind}
        onValueChange={set('kind')}
        errors={errorsOf('kind')}
        options={(['conference', 'webinar', 'workshop'] as const).map((kind) => ({
          value: kind,
          label: t(`events.kinds.${kind}`),
        }))}
      />
      <SelectField
        id={id('language')}
        label={t('events.staff.primaryLanguage')}
        value={form.primaryLanguage}
        onValueChange={set('primaryLanguage')}
        errors={errorsOf('primary_language')}
        options={[
          { value: 'en', label: 'English', lang: 'en' },
          { value: 'zh-hans', label: '简体中文', lang: 'zh-Hans' },
          { value: 'de', label: 'Deutsch', lang: 'de' },
          { value: 'ar', label: 'العربية', lang: 'ar' },
        ]}
      />
      <TextField
        id={id('title')}
        label={t('events.staff.eventTitle')}
        value={form.title}
        onValueChange={set('title')}
        errors={errorsOf('translations')}
        dir="auto"
      />
      <TextField
        id={id('description')}
        label={t('events.description')}
        value={form.description}
        onValueChange={set('description')}
        dir="auto"
        isOptional
      />
      <SelectField
        id={id('format')}
        label={t('events.format')}
        value={form.isOnline}
        onValueChange={set('isOnline')}
        errors={errorsOf('is_online')}
        options={[
          { value: 'true', label: t('events.online') },
          { value: 'false', label: t('events.onSite') },
        ]}
      />
      {form.isOnline === 'true' ? (
        <TextField
          id={id('meeting-url')}
          label={t('events.staff.meetingUrl')}
          type="url"
          value={form.meetingUrl}
          onValueChange={set('meetingUrl')}
          errors={errorsOf('meeting_url')}
        />
      ) : (
        <>
          <TextField
            id={id('place')}
            label={t('events.staff.place')}
            value={form.place}
            onValueChange={set('place')}
            errors={errorsOf('place')}
          />
          <TextField
            id={id('address')}
            label={t('events.staff.address')}
            value={form.address}
            onValueChange={set('address')}
            errors={errorsOf('address')}
            isOptional
          />
        </>
      )}
      <FieldFrame id={id('start')} label={t('events.staff.start')} errors={errorsOf('starts_at')}>
        {(describedBy, isInvalid) => (
          <input
            id={id('start')}
            className="field__control"
            type="datetime-local"
            required
            value={form.start}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(changed) => {
              set('start')(changed.target.value);
            }}
          />
        )}
      </FieldFrame>
      <FieldFrame id={id('end')} label={t('events.staff.end')} errors={errorsOf('ends_at')}>
        {(describedBy, isInvalid) => (
          <input
            id={id('end')}
            className="field__control"
            type="datetime-local"
            required
            value={form.end}
            aria-invalid={isInvalid || undefined}
            aria-describedby={describedBy}
            onChange={(changed) => {
              set('end')(changed.target.value);
            }}
          />
        )}
      </FieldFrame>
      <TextField
        id={id('time-zone')}
        label={t('events.staff.timeZone')}
        hint={t('events.staff.timeZoneHint')}
        value={form.timeZone}
        onValueChange={set('timeZone')}
        errors={errorsOf('time_zone')}
      />
      <TextField
        id={id('capacity')}
        label={t('events.staff.capacity')}
        type="number"
        min={1}
        inputMode="numeric"
        value={form.capacity}
        onValueChange={set('capacity')}
        errors={errorsOf('capacity')}
        isOptional
      />
      <button className="button button--primary" type="submit" disabled={isPending}>
        {submitLabel}
      </button>
    </form>
  );
}
