/** Announces a failed request: the API's own `detail`, plus field messages no form field shows. */
import { useTranslation } from 'react-i18next';

import { isApiError, NETWORK_ERROR_CODE } from '@/lib/api-error';

interface ErrorBannerProps {
  error: unknown;
  /** Fields whose messages the form already shows next to the input. */
  shownFields?: readonly string[];
}

export function ErrorBanner({ error, shownFields = [] }: ErrorBannerProps) {
  const { t } = useTranslation();
  if (!error) return null;

  let message: string = t('errors.generic');
  let otherMessages: string[] = [];
  if (isApiError(error)) {
    if (error.code === NETWORK_ERROR_CODE) message = t('errors.network');
    else if (error.detail) message = error.detail;
    otherMessages = Object.entries(error.fields)
      .filter(([field]) => !shownFields.includes(field))
      .flatMap(([, messages]) => messages)
      .filter((text) => text !== message);
  }

  return (
    <div className="banner banner--error" role="alert">
      <p className="banner__message">{message}</p>
      {otherMessages.length > 0 && (
        <ul className="banner__list">
          {otherMessages.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
