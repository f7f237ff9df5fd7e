/**
 * A video's caption tracks, one per language the lesson has, and the learner's choice among them.
 *
 * Cue text reaches the page only as WebVTT in Blob URLs given to `<track>`: the browser renders
 * cues itself, with only WebVTT's own tags, so a cue never becomes HTML here (the server also
 * escapes any other tag).
 */
import { type RefObject, useEffect, useMemo, useState } from 'react';

import type { components } from '@/api/schema';
import { contentLanguageAttributes } from '@/lib/content-language';
import { languageDisplayName } from '@/lib/format';
import { useLanguage } from '@/lib/use-language';

export type CaptionTrack = components['schemas']['CaptionTrack'];

/** Where the learner's caption language is remembered, across lessons and visits. */
export const CAPTIONS_STORAGE_KEY = 'icim.captionsLanguage';
/** The stored choice for no captions at all. */
export const CAPTIONS_OFF = 'off';

export interface PlayableTrack {
  language: string;
  /** BCP 47 tag for `srclang`, e.g. zh-Hans. */
  tag: string;
  label: string;
  url: string;
}

function storedChoice(): string | null {
  try {
    return window.localStorage.getItem(CAPTIONS_STORAGE_KEY);
  } catch {
    return null; // Storage refused (privacy settings): the served language it is.
  }
}

function storeChoice(language: string) {
  try {
    window.localStorage.setItem(CAPTIONS_STORAGE_KEY, language);
  } catch {
    // Not remembered, but still chosen for this video.
  }
}

/**
 * The tracks to render and the chosen language: the remembered one when this lesson has it (or
 * "off"), else the served content language, else the first track. Keeps the video element's
 * text tracks showing the chosen one, and follows a choice made in the browser's own menu.
 */
export function useCaptionTracks(
  videoRef: RefObject<HTMLVideoElement | null>,
  captions: readonly CaptionTrack[],
  /** The served content language, as the backend's code (zh-hans) or a BCP 47 tag (zh-Hans). */
  servedLanguage: string,
) {
  const language = useLanguage();
  const tracks = useMemo<PlayableTrack[]>(
    () =>
      captions
        .filter((track) => track.vtt.trimStart().startsWith('WEBVTT'))
        .map((track) => ({
          language: track.language,
          tag: contentLanguageAttributes(track.language).lang,
          label: languageDisplayName(track.language, language),
          url: URL.createObjectURL(new Blob([track.vtt], { type: 'text/vtt' })),
        })),
    [captions, language],
  );
  useEffect(
    () => () => {
      for (const track of tracks) URL.revokeObjectURL(track.url);
    },
    [tracks],
  );

  const [stored, setStored] = useState(storedChoice);
  const chosen =
    stored === CAPTIONS_OFF || tracks.some((track) => track.language === stored)
      ? (stored as string)
      : ((tracks.find((track) => [track.language, track.tag].includes(servedLanguage)) ?? tracks[0])
          ?.language ?? CAPTIONS_OFF);

  const choose = (choice: string) => {
    storeChoice(choice);
    setStored(choice);
  };

  // The element's text tracks follow the choice; the browser's own captions menu changes them too.
  useEffect(() => {
    const textTracks = videoRef.current?.textTracks;
    // jsdom, and old engines, have no live TextTrackList: the <track> default does the work.
    if (typeof textTracks?.addEventListener !== 'function') return;
    const tagOf = new Map(tracks.map((track) => [track.tag, track.language]));
    const apply = () => {
      for (const textTrack of Array.from(textTracks)) {
        const wanted = tagOf.get(textTrack.language) === chosen ? 'showing' : 'disabled';
        if (textTrack.mode !== wanted) textTrack.mode = wanted;
      }
    };
    apply();
    const onChange = () => {
      const showing = Array.from(textTracks).find((textTrack) => textTrack.mode === 'showing');
      const picked = showing ? (tagOf.get(showing.language) ?? chosen) : CAPTIONS_OFF;
      if (picked !== chosen) choose(picked);
    };
    textTracks.addEventListener('change', onChange);
    return () => {
      textTracks.removeEventListener('change', onChange);
    };
  }, [videoRef, tracks, chosen]);

  return { tracks, chosen, choose };
}
