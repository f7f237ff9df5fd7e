/** The checks an authoring upload makes before any byte is sent. */
import { useTranslation } from 'react-i18next';

import { formatFileSize } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

/** Why the server would refuse a file by its name's ending or its size (a translated sentence),
 * or null: checked before the upload starts. */
export function useFileProblem(accept: readonly string[], maxBytes: number) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (file: File): string | null => {
    const lowerName = file.name.toLowerCase();
    if (!accept.some((ending) => lowerName.endsWith(ending)))
      return t('studio.upload.wrongType', { name: file.name, types: accept.join(', ') });
    if (file.size > maxBytes)
      return t('studio.upload.tooLarge', {
        name: file.name,
        size: formatFileSize(file.size, language),
        limit: formatFileSize(maxBytes, language),
      });
    return null;
  };
}
