/** A panel whose API the backend has not shipped yet: said plainly instead of an error. */
import { useTranslation } from 'react-i18next';

export function NotAvailableYet({ feature }: { feature: string }) {
  const { t } = useTranslation();
  return (
    <div className="banner banner--warning" role="status" data-testid="not-available">
      <p className="banner__message">{t('staff.notAvailable', { feature })}</p>
    </div>
  );
}
