/** Pages that only make sense for someone: an anonymous visitor is sent to sign in and back. */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { useMe } from '@/features/accounts';
import { signInPath } from '@/lib/session';

export function SignInRequired({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorBanner error={me.error} />;
  if (!me.data)
    return <Navigate to={signInPath('/login', location.pathname + location.search)} replace />;
  return <>{children}</>;
}
