/** /login: the accounts feature's password form, with single sign-on (the sso feature) below it. */
import { useSearchParams } from 'react-router';

import { LoginPage } from '@/features/accounts';
import { OrganizationSignIn } from '@/features/sso';

export function LoginRoute() {
  const [searchParams] = useSearchParams();
  return (
    <LoginPage
      alternatives={
        <OrganizationSignIn
          errorCode={searchParams.get('sso_error')}
          next={searchParams.get('next')}
        />
      }
    />
  );
}
