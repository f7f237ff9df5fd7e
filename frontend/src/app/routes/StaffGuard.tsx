/** Staff routes check the member's roles for the interface; the API checks every request again. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { useMe } from '@/features/accounts';

import { staffAccess, type StaffAccess } from '../staff-access';

export function Guard({
  allow,
  children,
}: {
  allow: (access: StaffAccess) => boolean;
  children: (access: StaffAccess) => ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorBanner error={me.error} />;
  if (!me.data)
    return (
      <Navigate
        to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}
        replace
      />
    );
  const access = staffAccess(me.data);
  if (!allow(access))
    return (
      <section className="card card--narrow stack stack--small" aria-labelledby="no-access">
        <h1 id="no-access">{t('staff.noAccessTitle')}</h1>
        <p>{t('staff.noAccess')}</p>
      </section>
    );
  return <>{children(access)}</>;
}
