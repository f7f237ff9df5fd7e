/** Which workflow actions a version's state allows to which roles (the API checks both again). */
import type { VersionState, WorkflowAction } from './types';

export type StaffRole = 'author' | 'reviewer' | 'approver' | 'admin' | 'verifier';

/** Which action a state allows and which role takes it; the API checks both again. */
const ACTIONS: { action: WorkflowAction; from: VersionState[]; roles: StaffRole[] }[] = [
  { action: 'submit', from: ['draft'], roles: ['author', 'admin'] },
  { action: 'approve', from: ['in_review'], roles: ['reviewer', 'admin'] },
  {
    action: 'request_changes',
    from: ['in_review', 'approved'],
    roles: ['reviewer', 'approver', 'admin'],
  },
  { action: 'publish', from: ['approved'], roles: ['approver', 'admin'] },
  { action: 'archive', from: ['published'], roles: ['approver', 'admin'] },
];

/** The steps that vouch for a version's content: no one takes them on a version they edited or
 * submitted (separation of duties; the API's `is_own_work`). */
export const SIGN_OFF_ACTIONS: readonly WorkflowAction[] = ['approve', 'publish'];

export function availableActions(
  state: VersionState,
  roles: readonly StaffRole[],
  isOwnWork = false,
): WorkflowAction[] {
  return ACTIONS.filter(
    (item) =>
      item.from.includes(state) &&
      item.roles.some((role) => roles.includes(role)) &&
      !(isOwnWork && SIGN_OFF_ACTIONS.includes(item.action)),
  ).map((item) => item.action);
}
