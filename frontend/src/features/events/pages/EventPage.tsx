/** /events/:slug — one event in my time zone (with its own), my registration, .ics, check-in. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useEvent } from '../api/get-event';
import { useCancelRegistration, useCheckIn, useRegister } from '../api/registration';
import { StaffPanel } from '../components/StaffPanel';
import { formatEventTime, viewerTimeZone } from '../time';

export function EventPage({ isSignedIn }: { isSignedIn: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { slug = '' } = useParams();
  const event = useEvent(slug, language);
  const register = useRegister(slug);
  const cancel = useCancelRegistration(slug);
  const checkIn = useCheckIn(slug);
  const [code, setCode] = useState('');
  useDocumentTitle(event.data?.title ?? t('events.title'));

  if (event.isPending) return <LoadingState />;
  if (event.isError) return <ErrorBanner error={event.error} />;
  const data = event.data;
  const status = data.registration_status;
  const isRegistered = status === 'registered';
  const isWaitlisted = status === 'waitlisted';
  const now = new Date();
  const isOver = new Date(data.ends_at) < now;
  const isRunning = new Date(data.starts_at) <= now && !isOver;

  return (
    <div className="stack">
      <header className="page-header">
        <p className="muted">
          {t(`events.kinds.${data.kind}`)} · {data.organization_name}
        </p>
        <h1 lang={data.language}>{data.title}</h1>
      </header>
      <section className="card stack stack--small" aria-labelledby="when-heading">
        <h2 id="when-heading">{t('events.when')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('events.yourTime', { zone: viewerTimeZone() })}</dt>
            <dd>
              <time dateTime={data.starts_at}>{formatEventTime(data.starts_at, language)}</time> –{' '}
              <time dateTime={data.ends_at}>{formatEventTime(data.ends_at, language)}</time>
            </dd>
          </div>
          <div>
            <dt>{t('events.eventTime', { zone: data.time_zone })}</dt>
            <dd>{formatEventTime(data.starts_at, language, data.time_zone)}</dd>
          </div>
          <div>
            <dt>{t('events.where')}</dt>
            <dd>
              {data.is_online ? (
                data.meeting_url ? (
                  <a href={data.meeting_url}>{data.meeting_url}</a>
                ) : (
                  t('events.onlineHidden')
                )
              ) : (
                [data.place, data.address].filter(Boolean).join(', ')
              )}
            </dd>
          </div>
          {data.capacity !== null && (
            <div>
              <dt>{t('events.places')}</dt>
              <dd>
                {t('events.placesTaken', { taken: data.registered_count, capacity: data.capacity })}
              </dd>
            </div>
          )}
        </dl>
        <p>
          <a className="button" href={`/api/v1/events/${data.slug}/event.ics`} download>
            {t('events.addToCalendar')}
          </a>
        </p>
      </section>
      {data.description_html && (
        <section
          className="card stack stack--small"
          lang={data.language}
          aria-label={t('events.description')}
          // Sanitised on the server (courses' Markdown rendering).
          dangerouslySetInnerHTML={{ __html: data.description_html }}
        />
      )}
      {data.state === 'published' && (
        <section className="card stack stack--small" aria-labelledby="registration-heading">
          <h2 id="registration-heading">{t('events.registration')}</h2>
          {!isSignedIn ? (
            <p>
              <Link to={`/login?next=${encodeURIComponent(`/events/${slug}`)}`}>
                {t('events.signInToRegister')}
              </Link>
            </p>
          ) : (
            <>
              <p role="status">
                {data.attended
                  ? t('events.attended')
                  : status
                    ? t(`events.status.${status}`)
                    : t('events.notRegistered')}
              </p>
              {register.isError && <ErrorBanner error={register.error} />}
              {cancel.isError && <ErrorBanner error={cancel.error} />}
              {!isRegistered && !isWaitlisted && !isOver && (
                <button
                  className="button button--primary"
                  type="button"
                  disabled={register.isPending}
                  onClick={() => {
                    register.mutate(undefined);
                  }}
                >
                  {data.capacity !== null && data.registered_count >= data.capacity
                    ? t('events.joinWaitlist')
                    : t('events.register')}
                </button>
              )}
              {(isRegistered || isWaitlisted) && !data.attended && (
                <button
                  className="button"
                  type="button"
                  disabled={cancel.isPending}
                  onClick={() => {
                    cancel.mutate(undefined);
                  }}
                >
                  {t('events.cancel')}
                </button>
              )}
              {isRegistered && isRunning && !data.attended && (
                <form
                  className="stack stack--small"
                  onSubmit={(submitted) => {
                    submitted.preventDefault();
                    checkIn.mutate(code);
                  }}
                >
                  <label htmlFor="check-in-code">{t('events.checkInLabel')}</label>
                  <input
                    id="check-in-code"
                    value={code}
                    autoComplete="off"
                    onChange={(changed) => {
                      setCode(changed.target.value);
                    }}
                  />
                  <button className="button" type="submit" disabled={!code || checkIn.isPending}>
                    {t('events.checkIn')}
                  </button>
                  {checkIn.isError && <ErrorBanner error={checkIn.error} shownFields={['code']} />}
                </form>
              )}
              {data.credential_id && (
                <p>
                  <Link to={`/verify/${data.credential_id}`}>{t('events.verifyCredential')}</Link>
                </p>
              )}
            </>
          )}
        </section>
      )}
      {data.is_staff && <StaffPanel event={data} />}
    </div>
  );
}
