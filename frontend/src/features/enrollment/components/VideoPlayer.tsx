/** A video lesson's player that reports the stretches really watched (the server decides "watched"). */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type Segment, WatchedSegments } from '../watched-segments';

/** While playing, report at least this often so a closed tab loses little. */
const REPORT_EVERY_MILLISECONDS = 15_000;

export function VideoPlayer({
  src,
  captions,
  captionsLanguage,
  title,
  onWatched,
}: {
  src: string;
  /** WebVTT text of the captions, if the lesson has them. */
  captions: string | null;
  captionsLanguage: string;
  title: string;
  onWatched: (segments: Segment[]) => void;
}) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [hasFailed, setHasFailed] = useState(false);
  // The latest callback without re-attaching the listeners on every render.
  const onWatchedRef = useRef(onWatched);
  useEffect(() => {
    onWatchedRef.current = onWatched;
  }, [onWatched]);

  const captionsUrl = useMemo(
    () =>
      captions?.trimStart().startsWith('WEBVTT')
        ? URL.createObjectURL(new Blob([captions], { type: 'text/vtt' }))
        : null,
    [captions],
  );
  useEffect(
    () => () => {
      if (captionsUrl) URL.revokeObjectURL(captionsUrl);
    },
    [captionsUrl],
  );

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const watched = new WatchedSegments();
    const report = () => {
      const segments = watched.take();
      if (segments.length > 0) onWatchedRef.current(segments);
    };
    const onPlay = () => {
      watched.play(video.currentTime);
    };
    const onTimeUpdate = () => {
      watched.advance(video.currentTime);
    };
    const onStop = () => {
      watched.stop();
      report();
    };
    video.addEventListener('playing', onPlay);
    video.addEventListener('timeupdate', onTimeUpdate);
    video.addEventListener('pause', onStop);
    video.addEventListener('ended', onStop);
    const timer = window.setInterval(report, REPORT_EVERY_MILLISECONDS);
    return () => {
      window.clearInterval(timer);
      video.removeEventListener('playing', onPlay);
      video.removeEventListener('timeupdate', onTimeUpdate);
      video.removeEventListener('pause', onStop);
      video.removeEventListener('ended', onStop);
      watched.stop();
      report();
    };
  }, [src]);

  return (
    <div className="video">
      <video
        ref={videoRef}
        className="video__player"
        controls
        preload="metadata"
        src={src}
        aria-label={title}
        onError={() => {
          setHasFailed(true);
        }}
      >
        {captionsUrl && (
          <track
            kind="captions"
            src={captionsUrl}
            srcLang={captionsLanguage}
            label={t('lesson.captions')}
            default
          />
        )}
      </video>
      {hasFailed && (
        <div className="banner banner--warning" role="alert">
          <p className="banner__message">{t('lesson.videoFailed')}</p>
        </div>
      )}
    </div>
  );
}
