/** Sets the browser tab title for the current page, e.g. "Log in · ICIM Academy". */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function useDocumentTitle(pageTitle: string): void {
  const { t } = useTranslation();
  const title = t('app.documentTitle', { page: pageTitle });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
