/** "Download my learner record (CLR 2.0)": every credential I hold in one signed file. */
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';

import { useDownloadLearnerRecord } from '../api/download-learner-record';

export function LearnerRecordDownload() {
  const { t } = useTranslation();
  const download = useDownloadLearnerRecord();
  return (
    <section className="card stack stack--small" aria-labelledby="learner-record-heading">
      <h2 id="learner-record-heading">{t('records.heading')}</h2>
      <p>{t('records.explanation')}</p>
      <p className="muted">{t('records.privacy')}</p>
      <div>
        <button
          className="button"
          type="button"
          disabled={download.isPending}
          aria-busy={download.isPending}
          onClick={() => {
            download.mutate();
          }}
        >
          {download.isPending ? t('records.preparing') : t('records.download')}
        </button>
      </div>
      {download.isSuccess && (
        <p role="status" aria-live="polite">
          {t('records.downloaded')}
        </p>
      )}
      {download.isError && <ErrorBanner error={download.error} />}
    </section>
  );
}
