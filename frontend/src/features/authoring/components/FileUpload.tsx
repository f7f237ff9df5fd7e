/** Choose a file, see it upload with a progress bar, and see size or type problems inline. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { ProgressBar } from '@/components/ProgressBar';
import { formatFileSize } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { useFileProblem } from '../use-file-problem';
import { FileField } from './FileField';

interface FileUploadProps<T> {
  label: string;
  /** File name endings the server takes, e.g. ['.pdf', '.png']. */
  accept: readonly string[];
  maxBytes: number;
  upload: (file: File, onProgress: (share: number) => void) => Promise<T>;
  onUploaded: (result: T, file: File) => void;
  /** Shown under the bar when the server refuses the file (e.g. a package's problems). */
  renderError?: (error: unknown) => React.ReactNode;
}

export function FileUpload<T>({
  label,
  accept,
  maxBytes,
  upload,
  onUploaded,
  renderError,
}: FileUploadProps<T>) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fileName, setFileName] = useState('');
  const fileProblem = useFileProblem(accept, maxBytes);

  async function onFile(file: File) {
    setError(null);
    setProblem(null);
    setFileName(file.name);
    const refusal = fileProblem(file);
    if (refusal) {
      setProblem(refusal);
      return;
    }
    setProgress(0);
    try {
      const result = await upload(file, setProgress);
      onUploaded(result, file);
    } catch (uploadError) {
      setError(uploadError);
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="file-upload stack stack--small">
      <FileField
        label={label}
        hint={t('studio.upload.hint', {
          types: accept.join(', '),
          limit: formatFileSize(maxBytes, language),
        })}
        accept={accept}
        isInvalid={Boolean(problem || error)}
        disabled={progress !== null}
        onFile={(file) => void onFile(file)}
      />
      {progress !== null && (
        <ProgressBar
          percent={Math.round(progress * 100)}
          label={t('studio.upload.uploading', { name: fileName })}
        />
      )}
      {problem && (
        <p className="field__errors" role="alert">
          {problem}
        </p>
      )}
      {error !== null && (renderError ? renderError(error) : <ErrorBanner error={error} />)}
    </div>
  );
}
