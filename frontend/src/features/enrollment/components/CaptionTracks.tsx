/** The `<track>` elements of a video's captions and the learner's choice of their language. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { CAPTIONS_OFF, type PlayableTrack } from '../caption-tracks';

/** The `<track>` elements of a video: one per language, the chosen one marked default. */
export function CaptionTrackElements({
  tracks,
  chosen,
}: {
  tracks: readonly PlayableTrack[];
  chosen: string;
}) {
  return (
    <>
      {tracks.map((track) => (
        <track
          key={track.language}
          kind="captions"
          src={track.url}
          srcLang={track.tag}
          label={track.label}
          default={track.language === chosen}
        />
      ))}
    </>
  );
}

/** An accessible choice of caption language (or none), beside the speed. */
export function CaptionLanguageSelect({
  tracks,
  chosen,
  onChoose,
}: {
  tracks: readonly PlayableTrack[];
  chosen: string;
  onChoose: (language: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  if (tracks.length === 0) return null;
  return (
    <>
      <label htmlFor={id}>{t('lesson.captions')}</label>
      <select
        id={id}
        className="field__control video__captions"
        value={chosen}
        onChange={(event) => {
          onChoose(event.target.value);
        }}
      >
        <option value={CAPTIONS_OFF}>{t('lesson.captionsOff')}</option>
        {tracks.map((track) => (
          <option key={track.language} value={track.language} lang={track.tag}>
            {track.label}
          </option>
        ))}
      </select>
    </>
  );
}
