/** /verify and /verify/:certificateId — public: check a certificate by id (the QR code target) or PDF. */
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { ErrorBanner } from '@/components/ErrorBanner';
import { LoadingState } from '@/components/LoadingState';
import { RequestError } from '@/components/RequestError';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLanguage } from '@/lib/use-language';

import { useVerification } from '../api/verify-certificate';
import { useVerifyFile } from '../api/verify-file';
import { PdfDropZone } from '../components/PdfDropZone';
import { VerificationResult } from '../components/VerificationResult';

import './VerifyPage.css';

function IdResult({ certificateId }: { certificateId: string }) {
  const language = useLanguage();
  const verification = useVerification(certificateId, language);
  if (verification.isPending) return <LoadingState />;
  if (verification.isError) {
    return <RequestError error={verification.error} onRetry={() => void verification.refetch()} />;
  }
  return <VerificationResult result={verification.data} />;
}

function VerifyView({ certificateId }: { certificateId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const inputId = useId();
  const [typedId, setTypedId] = useState(certificateId);
  const verifyFile = useVerifyFile();
  const [fileName, setFileName] = useState('');
  useDocumentTitle(t('verify.title'));

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const id = typedId.trim();
    if (id) void navigate(`/verify/${encodeURIComponent(id)}`);
  };

  const isShowingFile = verifyFile.isPending || verifyFile.isError || verifyFile.isSuccess;

  return (
    <div className="stack">
      <header className="page-header">
        <h1>{t('verify.title')}</h1>
        <p className="lead">{t('verify.lead')}</p>
      </header>
      <div className="grid grid--verify">
        <section className="card stack stack--small" aria-labelledby="verify-id-title">
          <h2 id="verify-id-title">{t('verify.byIdHeading')}</h2>
          <form
            className="verify-form"
            role="search"
            onSubmit={onSubmit}
            aria-labelledby="verify-id-title"
          >
            <label className="field__label" htmlFor={inputId}>
              {t('verify.idLabel')}
            </label>
            <div className="verify-form__row">
              <input
                id={inputId}
                className="field__control monospace"
                type="text"
                autoComplete="off"
                spellCheck={false}
                value={typedId}
                placeholder="3f1c…"
                onChange={(event) => {
                  setTypedId(event.target.value);
                }}
              />
              <button type="submit" className="button button--primary">
                {t('verify.check')}
              </button>
            </div>
          </form>
        </section>
        <section className="card stack stack--small" aria-labelledby="verify-file-title">
          <h2 id="verify-file-title">{t('verify.byFileHeading')}</h2>
          <PdfDropZone
            disabled={verifyFile.isPending}
            onFile={(file) => {
              setFileName(file.name);
              verifyFile.mutate(file);
            }}
          />
        </section>
      </div>

      <section className="verify-result" aria-label={t('verify.resultLabel')}>
        {isShowingFile ? (
          <div className="stack stack--small">
            <p className="muted">{t('verify.fileChecked', { name: fileName })}</p>
            {verifyFile.isPending && <LoadingState />}
            {verifyFile.isError && <ErrorBanner error={verifyFile.error} />}
            {verifyFile.isSuccess && <VerificationResult result={verifyFile.data} source="file" />}
          </div>
        ) : (
          certificateId && <IdResult certificateId={certificateId} />
        )}
      </section>
    </div>
  );
}

export function VerifyPage() {
  const { certificateId = '' } = useParams();
  // A new id in the address (typed, or a link followed) starts afresh, replacing a file's result.
  return <VerifyView key={certificateId} certificateId={certificateId} />;
}
