/** /moderation/:organization/mutes — who may not post in an organisation's courses, until when and
 * why; mute someone for some days (`?user=<id>&name=<name>` comes from the queue), end a mute. */
import { type SubmitEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { TextField } from '@/components/fields';
import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { isApiError } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useEndMute, useMuteUser, useMutes } from '../api/moderation-settings';
import '../discussions.css';

const DEFAULT_DAYS = '7';

export function MutesPage({
  organizations,
}: {
  organizations: readonly { slug: string; name: string }[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const { organization = '' } = useParams();
  const [search] = useSearchParams();
  const organizationName =
    organizations.find((item) => item.slug === organization)?.name ?? organization;
  const mutes = useMutes(organization);
  const mute = useMuteUser(organization);
  const endMute = useEndMute(organization);
  const [userId, setUserId] = useState(search.get('user') ?? '');
  const [days, setDays] = useState(DEFAULT_DAYS);
  const [reason, setReason] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const suggestedName = search.get('name') ?? '';
  useDocumentTitle(t('discussions.mutes.title'));

  const fields = isApiError(mute.error) ? mute.error.fields : {};

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setAnnouncement('');
    mute.mutate(
      { user_id: Number(userId), days: Number(days), reason },
      {
        onSuccess: (created) => {
          setAnnouncement(
            t('discussions.mutes.muted', {
              name: created.user.name,
              date: formatDateTime(created.until, language),
            }),
          );
          setUserId('');
          setDays(DEFAULT_DAYS);
          setReason('');
        },
      },
    );
  }

  return (
    <div className="stack">
      <Link className="back-link" to="/moderation">
        {t('discussions.moderationTitle')}
      </Link>
      <header className="page-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('discussions.mutes.title')}
        </h1>
        <p className="muted">{organizationName}</p>
      </header>
      <p role="status" className={announcement ? 'banner banner--success' : undefined}>
        {announcement}
      </p>
      <section className="stack stack--small" aria-labelledby={`${id}-running`}>
        <h2 id={`${id}-running`}>{t('discussions.mutes.running')}</h2>
        {mutes.isPending && <LoadingState />}
        {mutes.isError && (
          <RequestError
            error={mutes.error}
            onRetry={() => {
              void mutes.refetch();
            }}
          />
        )}
        {mutes.data?.length === 0 && <p className="empty-state">{t('discussions.mutes.none')}</p>}
        <ErrorBanner error={endMute.error} />
        {mutes.data && mutes.data.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('discussions.mutes.user')}</th>
                <th scope="col">{t('discussions.mutes.until')}</th>
                <th scope="col">{t('discussions.mutes.reason')}</th>
                <th scope="col">{t('discussions.mutes.since')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('discussions.mutes.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {mutes.data.map((item) => (
                <tr key={item.user.id}>
                  <th scope="row" dir="auto">
                    {item.user.name}
                  </th>
                  <td>{formatDateTime(item.until, language)}</td>
                  <td dir="auto">{item.reason || '—'}</td>
                  <td>{formatDateTime(item.created_at, language)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={endMute.isPending}
                      aria-label={t('discussions.mutes.endFor', { name: item.user.name })}
                      onClick={() => {
                        setAnnouncement('');
                        endMute.mutate(item.user.id, {
                          onSuccess: () => {
                            setAnnouncement(t('discussions.mutes.ended', { name: item.user.name }));
                            // The row and its button are gone: keep the focus on the page.
                            heading.current?.focus();
                          },
                        });
                      }}
                    >
                      {t('discussions.mutes.end')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <form className="card form stack" onSubmit={submit} aria-labelledby={`${id}-new`}>
        <h2 id={`${id}-new`}>{t('discussions.mutes.new')}</h2>
        <ErrorBanner error={mute.error} shownFields={['user_id', 'days', 'reason']} />
        <TextField
          id={`${id}-user`}
          label={t('discussions.mutes.userId')}
          hint={
            suggestedName && userId === search.get('user')
              ? t('discussions.mutes.userIdOf', { name: suggestedName })
              : t('discussions.mutes.userIdHint')
          }
          type="number"
          min={1}
          inputMode="numeric"
          value={userId}
          onValueChange={setUserId}
          errors={fields.user_id}
        />
        <TextField
          id={`${id}-days`}
          label={t('discussions.mutes.days')}
          hint={t('discussions.mutes.daysHint')}
          type="number"
          min={1}
          max={365}
          inputMode="numeric"
          value={days}
          onValueChange={setDays}
          errors={fields.days}
        />
        <TextField
          id={`${id}-reason`}
          label={t('discussions.mutes.reasonLabel')}
          hint={t('discussions.mutes.reasonHint')}
          maxLength={500}
          dir="auto"
          value={reason}
          onValueChange={setReason}
          errors={fields.reason}
          isOptional
        />
        <div className="button-row">
          <button className="button button--primary" type="submit" disabled={mute.isPending}>
            {t('discussions.mutes.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
