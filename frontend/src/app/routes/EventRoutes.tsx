/** The events pages, given what the session says about me (features do not read it). */
import { useMe } from '@/features/accounts';
import { EditEventPage, EventPage, EventsPage, StaffEventsPage } from '@/features/events';

import { staffAccess } from '../staff-access';
import { SignInRequired } from './SignInRequired';

export function EventsRoute() {
  const me = useMe();
  return <EventsPage canManage={staffAccess(me.data).institutions.length > 0} />;
}

export function EventRoute() {
  const me = useMe();
  return <EventPage isSignedIn={Boolean(me.data)} />;
}

export function StaffEventsRoute() {
  const me = useMe();
  const organizations = new Map(
    staffAccess(me.data).authoringInstitutions.map((item) => [item.slug, item.name]),
  );
  return (
    <SignInRequired>
      <StaffEventsPage organizations={organizations} />
    </SignInRequired>
  );
}

export function EditEventRoute() {
  return (
    <SignInRequired>
      <EditEventPage />
    </SignInRequired>
  );
}
