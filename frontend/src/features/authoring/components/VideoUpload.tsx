/** A video lesson's file: a resumable upload with percent and bytes, then its transcode's progress. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorBanner } from '@/components/ErrorBanner';
import { ProgressBar } from '@/components/ProgressBar';
import { formatFileSize } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { lessonVideoQueryOptions, useLessonVideo } from '../api/get-lesson-video';
import type { LessonVideoStatus } from '../types';
import { useFileProblem } from '../use-file-problem';
import { cancelChunkedUpload, UploadCancelled, uploadVideoInChunks } from '../video-upload';
import { FileField } from './FileField';

const VIDEO_TYPES = ['.mp4', '.m4v', '.mov', '.mkv', '.webm'];
/** The backend's default VIDEO_MAX_MB; the server still has the last word (413). */
const VIDEO_MAX_BYTES = 2048 * 1024 * 1024;

interface Transfer {
  file: File;
  sentBytes: number;
  uploadId: string | null;
  isRetrying: boolean;
}

export function VideoUpload({
  slug,
  lessonKey,
  chunkBytes,
}: {
  slug: string;
  lessonKey: string;
  /** For tests; the upload's own default otherwise. */
  chunkBytes?: number;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const video = useLessonVideo(slug, lessonKey);
  const [transfer, setTransfer] = useState<Transfer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const controller = useRef<AbortController | null>(null);
  const fileProblem = useFileProblem(VIDEO_TYPES, VIDEO_MAX_BYTES);

  useEffect(
    () => () => {
      controller.current?.abort(); // leaving the page pauses the upload; the same file resumes it
    },
    [],
  );

  async function onFile(file: File) {
    setError(null);
    setProblem(null);
    setNotice('');
    const refusal = fileProblem(file);
    if (refusal) {
      setProblem(refusal);
      return;
    }
    const abort = new AbortController();
    controller.current = abort;
    setTransfer({ file, sentBytes: 0, uploadId: null, isRetrying: false });
    const update = (change: Partial<Transfer>) => {
      setTransfer((current) => (current ? { ...current, ...change } : current));
    };
    try {
      const finished = await uploadVideoInChunks({
        slug,
        lessonKey,
        file,
        signal: abort.signal,
        chunkBytes,
        onSession: (uploadId) => {
          update({ uploadId });
        },
        onProgress: (sentBytes) => {
          update({ sentBytes, isRetrying: false });
        },
        onRetry: () => {
          update({ isRetrying: true });
        },
      });
      const options = lessonVideoQueryOptions(slug, lessonKey);
      if (finished.video)
        queryClient.setQueryData<LessonVideoStatus>(options.queryKey, finished.video);
      await queryClient.invalidateQueries({ queryKey: options.queryKey });
      setNotice(t('studio.video.uploaded', { name: file.name }));
    } catch (uploadError) {
      if (!(uploadError instanceof UploadCancelled)) setError(uploadError);
    } finally {
      if (controller.current === abort) controller.current = null;
      setTransfer(null);
    }
  }

  async function onCancel() {
    const current = transfer;
    controller.current?.abort();
    if (!current) return;
    setNotice(t('studio.video.cancelled', { name: current.file.name }));
    if (current.uploadId) {
      try {
        await cancelChunkedUpload({
          slug,
          lessonKey,
          file: current.file,
          uploadId: current.uploadId,
        });
      } catch (cancelError) {
        setError(cancelError);
      }
    }
  }

  const status = video.data;
  const total = transfer?.file.size ?? 0;
  const uploadPercent = total > 0 && transfer ? Math.floor((transfer.sentBytes / total) * 100) : 0;
  return (
    <div className="video-upload stack stack--small" data-testid="video-upload">
      <FileField
        label={t('studio.video.file')}
        hint={t('studio.video.hint', {
          types: VIDEO_TYPES.join(', '),
          limit: formatFileSize(VIDEO_MAX_BYTES, language),
        })}
        accept={VIDEO_TYPES}
        isInvalid={Boolean(problem || error)}
        disabled={transfer !== null}
        onFile={(file) => void onFile(file)}
      />
      {transfer && (
        <div className="stack stack--small">
          <ProgressBar
            percent={uploadPercent}
            label={t('studio.upload.uploading', { name: transfer.file.name })}
          />
          <p className="muted" data-testid="video-upload-bytes">
            {t('studio.video.bytes', {
              sent: formatFileSize(transfer.sentBytes, language),
              total: formatFileSize(total, language),
            })}
          </p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              void onCancel();
            }}
          >
            {t('studio.video.cancel')}
          </button>
        </div>
      )}
      {status && (status.state === 'processing' || status.state === 'pending') && (
        <ProgressBar
          percent={status.percent}
          label={t('studio.video.converting', {
            stage: t(`studio.video.stage.${status.stage ?? 'queued'}`),
          })}
        />
      )}
      <p role="status" aria-live="polite" data-testid="video-status">
        {transfer?.isRetrying
          ? t('studio.video.retrying')
          : notice || (status ? t(STATUS_KEYS[status.state]) : '')}
      </p>
      {status?.state === 'failed' && (
        <p className="field__errors" role="alert" data-testid="video-failed">
          {status.error} {status.has_ready_video ? t('studio.video.keepsPrevious') : ''}
        </p>
      )}
      {problem && (
        <p className="field__errors" role="alert">
          {problem}
        </p>
      )}
      {error !== null && <ErrorBanner error={error} />}
    </div>
  );
}

/** The translation key of what a transcode state means to the author. */
const STATUS_KEYS = {
  none: 'studio.video.none',
  pending: 'studio.video.pending',
  processing: 'studio.video.processing',
  ready: 'studio.video.ready',
  failed: 'studio.video.failed',
} as const satisfies Record<LessonVideoStatus['state'], string>;
