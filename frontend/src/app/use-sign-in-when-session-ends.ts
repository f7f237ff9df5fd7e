/** When the session ends under the reader (expired, cut, logged out elsewhere), send them to sign in
 * once, with the way back to where they were. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';

import { forgetInactiveQueries, onSessionEnded, signInPath, SIGN_IN_PATHS } from '@/lib/session';

export function useSignInWhenSessionEnds(): void {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  // The listener outlives renders: it reads where the reader is now, not where they were.
  const locationRef = useRef(location);
  useEffect(() => {
    locationRef.current = location;
  }, [location]);

  useEffect(
    () =>
      onSessionEnded(queryClient, () => {
        const { pathname, search, hash } = locationRef.current;
        if (SIGN_IN_PATHS.has(pathname)) return;
        void Promise.resolve(
          navigate(signInPath('/login', pathname + search + hash), { replace: true }),
        ).then(() => {
          forgetInactiveQueries(queryClient);
        });
      }),
    [queryClient, navigate],
  );
}
