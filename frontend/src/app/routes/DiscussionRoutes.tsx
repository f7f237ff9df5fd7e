/** The discussion and notification pages as the app composes them: signed-in only, with the
 * staff flags taken from my session. */
import { NotificationsPage, useMe } from '@/features/accounts';
import {
  DiscussionListPage,
  ModerationPage,
  MutesPage,
  ThreadPage,
  WordFilterPage,
} from '@/features/discussions';

import { staffAccess } from '../staff-access';
import { SignInRequired } from './SignInRequired';

export function DiscussionListRoute() {
  const me = useMe();
  return (
    <SignInRequired>
      <DiscussionListPage isStaff={staffAccess(me.data).institutions.length > 0} />
    </SignInRequired>
  );
}

export function ThreadRoute() {
  return (
    <SignInRequired>
      <ThreadPage />
    </SignInRequired>
  );
}

export function ModerationRoute() {
  const me = useMe();
  return (
    <SignInRequired>
      <ModerationPage organizations={staffAccess(me.data).institutions} />
    </SignInRequired>
  );
}

export function MutesRoute() {
  const me = useMe();
  return (
    <SignInRequired>
      <MutesPage organizations={staffAccess(me.data).institutions} />
    </SignInRequired>
  );
}

export function WordFilterRoute() {
  const me = useMe();
  return (
    <SignInRequired>
      <WordFilterPage organizations={staffAccess(me.data).institutions} />
    </SignInRequired>
  );
}

export function NotificationsRoute() {
  return (
    <SignInRequired>
      <NotificationsPage />
    </SignInRequired>
  );
}
