/** /profile — account facts, memberships and the editable personal details. */
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { formatDate } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useMe } from '../api/get-session';
import { MembershipList } from '../components/MembershipList';
import { ProfileForm } from '../components/ProfileForm';

import './ProfilePage.css';

export function ProfilePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  useDocumentTitle(t('profile.title'));

  if (me.isPending) return <LoadingState />;
  if (me.isError) {
    return (
      <section className="card">
        <h1>{t('profile.title')}</h1>
        <ErrorBanner error={me.error} />
        <button className="button" type="button" onClick={() => void me.refetch()}>
          {t('common.retry')}
        </button>
      </section>
    );
  }
  if (me.data === null) return <Navigate to="/login?next=%2Fprofile" replace />;

  const user = me.data;

  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('profile.title')}</h1>
        <p className="lead">
          <span className="profile-name">{user.full_name}</span>
          {user.native_name && <span className="profile-native-name"> · {user.native_name}</span>}
        </p>
      </header>

      <div className="grid grid--profile">
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">{t('profile.detailsHeading')}</h2>
          <ProfileForm me={user} />
        </section>

        <div className="stack">
          <section className="card" aria-labelledby="account-title">
            <h2 id="account-title">{t('profile.accountHeading')}</h2>
            <dl className="facts">
              <div>
                <dt>{t('profile.email')}</dt>
                <dd>
                  <bdi>{user.email}</bdi>
                </dd>
              </div>
              <div>
                <dt>{t('profile.dateJoined')}</dt>
                <dd>
                  <time dateTime={user.date_joined}>{formatDate(user.date_joined, language)}</time>
                </dd>
              </div>
            </dl>
          </section>
          <section className="card" aria-labelledby="memberships-title">
            <h2 id="memberships-title">{t('profile.membershipsHeading')}</h2>
            <MembershipList memberships={user.memberships} />
          </section>
        </div>
      </div>
    </div>
  );
}
