/** /organizations/:slug/seats — an employer's seat pools, for its administrators (the API answers
 * 404 to anyone else, which the page shows as an error). */
import { EmployerSeatsPage } from '@/features/seats/staff';

import { SignInRequired } from './SignInRequired';

export function EmployerSeatsRoute() {
  return (
    <SignInRequired>
      <EmployerSeatsPage />
    </SignInRequired>
  );
}
