/** The course's cover picture in the editor: see it, replace it (with upload progress), remove it. */
import { useTranslation } from 'react-i18next';

import { CoverPicture } from '@/components/CoverPicture';
import { ErrorBanner } from '@/components/ErrorBanner';

import { setCover, useCoverChanged, useRemoveCover } from '../api/set-cover';
import type { Cover } from '../types';
import { FileUpload } from './FileUpload';

/** courses/covers.py and COVER_MAX_MB's default. */
const ACCEPTED = ['.jpg', '.jpeg', '.png', '.webp'] as const;
const MAX_BYTES = 10 * 1024 * 1024;

export function CoverField({ slug, cover }: { slug: string; cover: Cover | null }) {
  const { t } = useTranslation();
  const changed = useCoverChanged(slug);
  const remove = useRemoveCover(slug);
  return (
    <section className="card stack stack--small" aria-labelledby="cover-title">
      <h2 id="cover-title">{t('studio.cover.heading')}</h2>
      <p className="muted">{t('studio.cover.hint')}</p>
      <div className="cover-field__preview">
        <CoverPicture cover={cover} sizes="20rem" />
      </div>
      <FileUpload
        label={cover ? t('studio.cover.replace') : t('studio.cover.choose')}
        accept={ACCEPTED}
        maxBytes={MAX_BYTES}
        upload={(file, onProgress) => setCover({ slug, file, onProgress })}
        onUploaded={() => void changed()}
      />
      {cover && (
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={remove.isPending}
            onClick={() => {
              remove.mutate();
            }}
          >
            {t('studio.cover.remove')}
          </button>
        </div>
      )}
      {remove.isError && <ErrorBanner error={remove.error} />}
    </section>
  );
}
