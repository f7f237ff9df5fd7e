/** An endpoint's settings: its URL, a description, and the event types it subscribes to (each
 * checkbox with its human label and the type's name). The server's refusals show at their field. */
import { type SubmitEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { TextField } from '@/components/fields';
import { isApiError } from '@/lib/api-error';

import { EVENT_TYPES, eventTypeLabelKey } from '../event-types';
import type { EndpointInput, EventType } from '../types';

const SHOWN_FIELDS = ['url', 'description', 'event_types'] as const;

export interface EndpointFormValues {
  url: string;
  description: string;
  eventTypes: EventType[];
}

export function EndpointForm({
  initial,
  submitLabel,
  isPending,
  error,
  onSubmit,
  onChange,
}: {
  initial: EndpointFormValues;
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (input: EndpointInput) => void;
  /** Called on any edit (e.g. to clear the last answer). */
  onChange?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [url, setUrl] = useState(initial.url);
  const [description, setDescription] = useState(initial.description);
  const [eventTypes, setEventTypes] = useState<EventType[]>(initial.eventTypes);
  const [isMissingTypes, setIsMissingTypes] = useState(false);
  const fieldErrors = (field: string) => (isApiError(error) ? error.fieldErrors(field) : []);
  const typeErrors = [
    ...(isMissingTypes ? [t('webhooks.form.chooseEventType')] : []),
    ...fieldErrors('event_types'),
  ];
  const typesErrorId = typeErrors.length > 0 ? `${id}-types-error` : undefined;
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    // A refused field takes the focus, so that its message is read with it.
    if (isApiError(error))
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);

  function toggle(eventType: EventType, isChecked: boolean) {
    onChange?.();
    setIsMissingTypes(false);
    setEventTypes((current) =>
      isChecked ? [...current, eventType] : current.filter((item) => item !== eventType),
    );
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (eventTypes.length === 0) {
      setIsMissingTypes(true);
      event.currentTarget.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus();
      return;
    }
    onSubmit({
      url: url.trim(),
      description: description.trim(),
      event_types: EVENT_TYPES.filter((type) => eventTypes.includes(type)),
    });
  }

  return (
    <form className="form stack" onSubmit={submit} noValidate ref={formRef}>
      <ErrorBanner error={error} shownFields={SHOWN_FIELDS} />
      <TextField
        id={`${id}-url`}
        label={t('webhooks.form.url')}
        type="url"
        inputMode="url"
        autoComplete="off"
        dir="ltr"
        value={url}
        onValueChange={(value) => {
          onChange?.();
          setUrl(value);
        }}
        hint={t('webhooks.form.urlHint')}
        errors={fieldErrors('url')}
      />
      <TextField
        id={`${id}-description`}
        label={t('webhooks.form.description')}
        value={description}
        maxLength={200}
        isOptional
        onValueChange={(value) => {
          onChange?.();
          setDescription(value);
        }}
        hint={t('webhooks.form.descriptionHint')}
        errors={fieldErrors('description')}
      />
      <fieldset
        className={typesErrorId ? 'field webhook-types field--invalid' : 'field webhook-types'}
        aria-describedby={typesErrorId}
      >
        <legend className="field__label">{t('webhooks.form.eventTypes')}</legend>
        <ul className="webhook-types__list">
          {EVENT_TYPES.map((eventType) => {
            const key = eventTypeLabelKey(eventType);
            return (
              <li key={eventType}>
                <label className="webhook-types__option">
                  <input
                    type="checkbox"
                    name="event_types"
                    value={eventType}
                    checked={eventTypes.includes(eventType)}
                    aria-invalid={typesErrorId ? true : undefined}
                    onChange={(event) => {
                      toggle(eventType, event.target.checked);
                    }}
                  />
                  <span>
                    {key ? t(key) : eventType}{' '}
                    <code className="webhook-types__name" dir="ltr">
                      {eventType}
                    </code>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
        {typesErrorId && (
          <ul className="field__errors" id={typesErrorId} aria-live="polite">
            {typeErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
      </fieldset>
      <div className="button-row">
        <button className="button button--primary" type="submit" disabled={isPending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
