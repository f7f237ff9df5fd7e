/** Staff of the event's organisation: edit, publish, check-in code, registrations, attendance CSV. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { SuccessBanner } from '@/components/SuccessBanner';

import { usePublishEvent, useRegistrations, useUploadAttendance } from '../api/staff';
import type { EventDetail } from '../types';

export function StaffPanel({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const publish = usePublishEvent(event.slug);
  const registrations = useRegistrations(event.slug);
  const upload = useUploadAttendance(event.slug);
  const [file, setFile] = useState<File | null>(null);

  return (
    <section className="card stack" aria-labelledby="staff-heading">
      <h2 id="staff-heading">{t('events.staff.heading')}</h2>
      {event.can_edit && (
        <p>
          <Link to={`/events/${event.slug}/edit`}>{t('events.edit.link')}</Link>
        </p>
      )}
      {event.state === 'draft' ? (
        <div className="stack stack--small">
          <p>{t('events.staff.draft')}</p>
          {publish.isError && <ErrorBanner error={publish.error} />}
          {event.can_publish ? (
            <button
              className="button button--primary"
              type="button"
              disabled={publish.isPending}
              onClick={() => {
                publish.mutate();
              }}
            >
              {t('events.staff.publish')}
            </button>
          ) : (
            <p>{t('events.staff.publishNeedsApprover')}</p>
          )}
        </div>
      ) : (
        <p>
          {t('events.staff.checkInCode')}:{' '}
          <strong className="check-in-code">{event.check_in_code}</strong>
        </p>
      )}
      <h3>{t('events.staff.registrations')}</h3>
      {registrations.data && registrations.data.results.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('events.staff.name')}</th>
              <th scope="col">{t('events.staff.email')}</th>
              <th scope="col">{t('events.staff.status')}</th>
              <th scope="col">{t('events.staff.attended')}</th>
            </tr>
          </thead>
          <tbody>
            {registrations.data.results.map((registration) => (
              <tr key={registration.email}>
                <td>{registration.name}</td>
                <td>{registration.email}</td>
                <td>{t(`events.staff.statuses.${registration.status}`)}</td>
                <td>{registration.attended_at ? t('events.staff.yes') : t('events.staff.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t('events.staff.noRegistrations')}</p>
      )}
      <form
        className="stack stack--small"
        onSubmit={(submitted) => {
          submitted.preventDefault();
          if (file) upload.mutate(file);
        }}
      >
        <h3>{t('events.staff.attendance')}</h3>
        <label htmlFor="attendance-file">{t('events.staff.csvLabel')}</label>
        <input
          id="attendance-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(changed) => {
            setFile(changed.target.files?.[0] ?? null);
          }}
        />
        <button className="button" type="submit" disabled={!file || upload.isPending}>
          {t('events.staff.upload')}
        </button>
        {upload.isError && <ErrorBanner error={upload.error} />}
        {upload.data && (
          <>
            <SuccessBanner>
              {t('events.staff.recorded', {
                count: upload.data.filter((row) => row.result === 'recorded').length,
              })}
            </SuccessBanner>
            <ul className="plain-list" aria-label={t('events.staff.report')}>
              {upload.data.map((row) => (
                <li key={row.row}>
                  {t('events.staff.row', { row: row.row })} · {row.email} ·{' '}
                  {row.result === 'error' ? row.error : t(`events.staff.results.${row.result}`)}
                </li>
              ))}
            </ul>
          </>
        )}
      </form>
    </section>
  );
}
