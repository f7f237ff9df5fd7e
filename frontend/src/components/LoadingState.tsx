/** What a page shows while its data loads: a spinner with a message screen readers hear. */
import { useTranslation } from 'react-i18next';

export function LoadingState() {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="loading__spinner" aria-hidden="true" />
      <span>{t('common.loading')}</span>
    </div>
  );
}
