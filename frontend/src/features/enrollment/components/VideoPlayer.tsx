/** A video lesson's player that reports the stretches really watched (the server decides "watched"),
 * resumes where the learner left off, and answers the keys video sites use. A YouTube or Vimeo
 * page an author gave plays in that site's embed instead (it reports nothing). */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { formatNumber } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

import { embedUrl } from '../external-video';
import { handlePlayerKey, PLAYER_SHORTCUTS } from '../player-keys';
import { type Segment, WatchedSegments } from '../watched-segments';
import { CAPTIONS_OFF, type CaptionTrack, useCaptionTracks } from '../caption-tracks';
import { CaptionLanguageSelect, CaptionTrackElements } from './CaptionTracks';

import './VideoPlayer.css';

/** While playing, report at least this often so a closed tab loses little. */
const REPORT_EVERY_MILLISECONDS = 15_000;

/** The speeds a learner can choose. */
const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;

/** The events API believes a reported length from one second to a day. */
const MAX_VIDEO_SECONDS = 86_400;

const HLS_TYPE = 'application/vnd.apple.mpegurl';

/** The length the video element knows, if it is one the events API accepts. */
function knownDuration(video: HTMLVideoElement): number | undefined {
  const seconds = video.duration;
  return Number.isFinite(seconds) && seconds >= 1 && seconds <= MAX_VIDEO_SECONDS
    ? Math.round(seconds * 10) / 10
    : undefined;
}

export function VideoPlayer({
  src,
  hlsSrc,
  poster,
  captions,
  captionsLanguage,
  title,
  startAt = 0,
  onWatched,
}: {
  /** A file the browser plays itself (an author's URL), used when there is no HLS playlist. */
  src: string | null;
  /** The uploaded video's HLS master playlist, preferred when present. */
  hlsSrc: string | null;
  poster: string | null;
  /** Every caption track the lesson has (WebVTT), by content language. */
  captions: readonly CaptionTrack[];
  /** The served content language: its captions show unless the learner chose otherwise. */
  captionsLanguage: string;
  title: string;
  /** Where to start, in seconds: where the learner left off. */
  startAt?: number;
  /** Watched stretches, with the video's real length in seconds once the player knows it, and
   * where the player is now (to resume there). Absent for a preview, which records nothing. */
  onWatched?: (segments: Segment[], duration: number | undefined, position: number) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const speedId = useId();
  const hintId = useId();
  const videoRef = useRef<HTMLVideoElement>(null);
  const playerRef = useRef<HTMLDivElement>(null);
  const embed = hlsSrc ? null : embedUrl(src);
  const [hasFailed, setHasFailed] = useState(false);
  const [rate, setRate] = useState(1);
  // The latest callback without re-attaching the listeners on every render.
  const onWatchedRef = useRef(onWatched);
  useEffect(() => {
    onWatchedRef.current = onWatched;
  }, [onWatched]);

  const captionTracks = useCaptionTracks(videoRef, captions, captionsLanguage);

  // HLS: the browser's own player where it has one (Safari), else hls.js, loaded only now so it
  // stays out of the first bundle. Its worker is off: the CSP allows no blob: workers.
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !hlsSrc) return;
    if (video.canPlayType(HLS_TYPE)) {
      video.src = hlsSrc;
      return () => {
        video.removeAttribute('src');
        video.load();
      };
    }
    let isCancelled = false;
    let destroy: (() => void) | null = null;
    import('hls.js')
      .then(({ default: Hls }) => {
        if (isCancelled) return;
        if (!Hls.isSupported()) {
          setHasFailed(true);
          return;
        }
        const hls = new Hls({ enableWorker: false });
        destroy = () => {
          hls.destroy();
        };
        hls.on(Hls.Events.ERROR, (_event, data) => {
          if (data.fatal) setHasFailed(true);
        });
        hls.loadSource(hlsSrc);
        hls.attachMedia(video);
      })
      .catch(() => {
        if (!isCancelled) setHasFailed(true);
      });
    return () => {
      isCancelled = true;
      destroy?.();
    };
  }, [hlsSrc]);

  // A new source resets the element's speed to its default: keep both at the learner's choice,
  // and follow a change made in the browser's own controls.
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const onRateChange = () => {
      setRate(video.playbackRate);
    };
    video.addEventListener('ratechange', onRateChange);
    return () => {
      video.removeEventListener('ratechange', onRateChange);
    };
  }, []);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const watched = new WatchedSegments();
    const report = () => {
      const segments = watched.take();
      if (segments.length > 0)
        onWatchedRef.current?.(segments, knownDuration(video), video.currentTime);
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
  }, [src, hlsSrc]);

  // Resume once the length is known (a position past the end would be clamped to it anyway).
  const startAtRef = useRef(startAt);
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const onLoaded = () => {
      const position = startAtRef.current;
      if (position > 0 && (!Number.isFinite(video.duration) || position < video.duration - 1))
        video.currentTime = position;
    };
    video.addEventListener('loadedmetadata', onLoaded, { once: true });
    return () => {
      video.removeEventListener('loadedmetadata', onLoaded);
    };
  }, [src, hlsSrc]);

  if (embed) {
    return (
      <div className="video">
        <iframe
          className="video__player video__embed"
          src={embed}
          title={title}
          allow="autoplay; encrypted-media; fullscreen; picture-in-picture"
          allowFullScreen
          referrerPolicy="strict-origin-when-cross-origin"
        />
      </div>
    );
  }

  return (
    <div
      ref={playerRef}
      className="video"
      role="group"
      tabIndex={0}
      aria-label={t('lesson.playerLabel', { title })}
      aria-describedby={hintId}
      aria-keyshortcuts={PLAYER_SHORTCUTS}
      onKeyDown={(event) => {
        const video = videoRef.current;
        if (!video) return;
        const isHandled = handlePlayerKey(event.nativeEvent, video, {
          toggleFullscreen: () => {
            if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
            else void playerRef.current?.requestFullscreen().catch(() => undefined);
          },
          // "c": the learner's captions off, or back on in the lesson's served language.
          toggleCaptions: () => {
            const [first] = captionTracks.tracks;
            if (!first) return false;
            const served =
              captionTracks.tracks.find((track) =>
                [track.language, track.tag].includes(captionsLanguage),
              ) ?? first;
            captionTracks.choose(
              captionTracks.chosen === CAPTIONS_OFF ? served.language : CAPTIONS_OFF,
            );
            return true;
          },
        });
        if (isHandled) event.preventDefault();
      }}
    >
      <video
        ref={videoRef}
        className="video__player"
        controls
        preload="metadata"
        src={hlsSrc ? undefined : (src ?? undefined)}
        poster={poster ?? undefined}
        aria-label={title}
        onError={() => {
          setHasFailed(true);
        }}
      >
        <CaptionTrackElements tracks={captionTracks.tracks} chosen={captionTracks.chosen} />
      </video>
      <div className="video__controls">
        <label htmlFor={speedId}>{t('lesson.speed')}</label>
        <select
          id={speedId}
          className="field__control video__speed"
          value={rate}
          onChange={(event) => {
            const chosen = Number(event.target.value);
            const video = videoRef.current;
            if (video) {
              video.defaultPlaybackRate = chosen;
              video.playbackRate = chosen;
            }
            setRate(chosen);
          }}
        >
          {!PLAYBACK_RATES.includes(rate as (typeof PLAYBACK_RATES)[number]) && (
            <option value={rate}>
              {t('lesson.speedOption', { rate: formatNumber(rate, language) })}
            </option>
          )}
          {PLAYBACK_RATES.map((choice) => (
            <option key={choice} value={choice}>
              {t('lesson.speedOption', { rate: formatNumber(choice, language) })}
            </option>
          ))}
        </select>
        <CaptionLanguageSelect
          tracks={captionTracks.tracks}
          chosen={captionTracks.chosen}
          onChoose={captionTracks.choose}
        />
      </div>
      <p id={hintId} className="video__keys muted">
        {captionTracks.tracks.length > 0
          ? t('lesson.playerKeysWithCaptions')
          : t('lesson.playerKeys')}
      </p>
      {hasFailed && (
        <div className="banner banner--warning" role="alert">
          <p className="banner__message">{t('lesson.videoFailed')}</p>
        </div>
      )}
    </div>
  );
}
