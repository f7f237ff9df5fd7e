/** A polite confirmation such as "Your profile has been saved." */
import type { ReactNode } from 'react';

export function SuccessBanner({ children }: { children: ReactNode }) {
  return (
    <div className="banner banner--success" role="status">
      <p className="banner__message">{children}</p>
    </div>
  );
}
