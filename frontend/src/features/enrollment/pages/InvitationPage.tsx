/** /invitations/:token — a course invitation: the course and its institutions, then "Accept" for
 * the invited address (signing in or registering first, back here through `?next=`). */
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { isApiError } from '@/lib/api-error';
import { formatDate } from '@/lib/format';
import { signInPath, withEmail } from '@/lib/session';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useAcceptInvitation } from '../api/accept-invitation';
import { useInvitation } from '../api/get-invitation';
import { learnPath } from '../paths';
import type { Invitation } from '../types';

import '../components/EnrolmentPanel.css';

function OpenInvitation({ token, invitation }: { token: string; invitation: Invitation }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const here = `/invitations/${token}`;

  if (invitation.is_for_you === null) {
    return (
      <>
        <p>{t('invitation.signInFirst', { email: invitation.email })}</p>
        <div className="button-row">
          <Link
            className="button button--primary"
            to={withEmail(signInPath('/login', here), invitation.email)}
          >
            {t('invitation.signIn')}
          </Link>
          <Link className="button" to={withEmail(signInPath('/register', here), invitation.email)}>
            {t('invitation.register')}
          </Link>
        </div>
      </>
    );
  }
  if (!invitation.is_for_you) {
    return (
      <p className="enrol__state" role="status">
        {t('invitation.otherAccount', { email: invitation.email })}
      </p>
    );
  }
  return (
    <>
      <ErrorBanner error={accept.error} />
      <div>
        <button
          type="button"
          className="button button--primary"
          disabled={accept.isPending}
          onClick={() => {
            accept.mutate(token, {
              onSuccess: (enrollment) => {
                void navigate(
                  enrollment.status === 'active'
                    ? learnPath(enrollment.id)
                    : `/courses/${encodeURIComponent(enrollment.course)}`,
                );
              },
            });
          }}
        >
          {t('invitation.accept')}
        </button>
      </div>
    </>
  );
}

function InvitationState({ token, invitation }: { token: string; invitation: Invitation }) {
  const { t } = useTranslation();
  switch (invitation.state) {
    case 'open':
      return <OpenInvitation token={token} invitation={invitation} />;
    case 'accepted':
      return (
        <>
          <p className="enrol__state">{t('invitation.accepted')}</p>
          {invitation.is_for_you && (
            <Link
              className="button button--primary"
              to={`/courses/${encodeURIComponent(invitation.course)}`}
            >
              {t('invitation.openCourse')}
            </Link>
          )}
        </>
      );
    case 'expired':
      return <p className="enrol__state">{t('invitation.expired')}</p>;
    case 'withdrawn':
      return <p className="enrol__state">{t('invitation.withdrawn')}</p>;
  }
}

export function InvitationPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { token = '' } = useParams();
  const invitation = useInvitation(token, language);
  useDocumentTitle(t('invitation.title'));

  if (invitation.isPending) return <LoadingState />;
  if (invitation.isError) {
    if (isApiError(invitation.error) && invitation.error.status === 404)
      return (
        <section className="card card--narrow">
          <h1>{t('invitation.title')}</h1>
          <p>{t('invitation.notFound')}</p>
        </section>
      );
    return (
      <RequestError error={invitation.error} onRetry={() => void invitation.refetch()} isCard />
    );
  }
  const data = invitation.data;
  return (
    <section className="card card--narrow stack" aria-labelledby="invitation-title">
      <h1 id="invitation-title">{t('invitation.heading', { course: data.course_title })}</h1>
      <p className="lead">
        {t('invitation.from', {
          institutions: data.institutions.map((institution) => institution.name).join(', '),
        })}
      </p>
      <dl className="enrollment-card__facts">
        <dt>{t('invitation.for')}</dt>
        <dd>{data.email}</dd>
        {data.state === 'open' && (
          <>
            <dt>{t('invitation.validUntil')}</dt>
            <dd>{formatDate(data.expires_at, language)}</dd>
          </>
        )}
      </dl>
      <InvitationState token={token} invitation={data} />
    </section>
  );
}
