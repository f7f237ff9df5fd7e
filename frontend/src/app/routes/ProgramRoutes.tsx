/** The program page, given what the session says about me (features do not read it). */
import { useMe } from '@/features/accounts';
import { ProgramPage } from '@/features/programs';

export function ProgramRoute() {
  const me = useMe();
  return <ProgramPage isSignedIn={Boolean(me.data)} />;
}
