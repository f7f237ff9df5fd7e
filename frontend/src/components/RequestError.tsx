/** A failed request in place of its content: the API's message and a way to try again. */
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';

interface RequestErrorProps {
  error: unknown;
  onRetry: () => void;
  /** `card` frames it like the content it stands for. */
  isCard?: boolean;
}

export function RequestError({ error, onRetry, isCard = false }: RequestErrorProps) {
  const { t } = useTranslation();
  return (
    <div className={isCard ? 'card stack stack--small' : 'stack stack--small'}>
      <ErrorBanner error={error} />
      <button className="button" type="button" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
