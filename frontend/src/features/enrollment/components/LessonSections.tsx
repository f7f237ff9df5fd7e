/** The sections a lesson and its preview show alike: the video, the text and the transcript. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { ContentLanguage } from '@/lib/content-language';

import type { LessonContent } from '../types';
import type { Segment } from '../watched-segments';
import { VideoPlayer } from './VideoPlayer';

/** What both the enrolled learner's lesson and the preview carry for these sections. */
type LessonSectionsContent = Pick<
  LessonContent,
  | 'kind'
  | 'title'
  | 'video_url'
  | 'video_hls_url'
  | 'video_poster_url'
  | 'captions'
  | 'body_html'
  | 'transcript'
>;

/** The player of a video lesson (nothing for other kinds, or a video lesson without a video yet);
 * `children` follow the player, e.g. how far the learner has watched. */
export function LessonVideo({
  content,
  contentLanguage,
  startAt,
  onWatched,
  children,
}: {
  content: LessonSectionsContent;
  contentLanguage: ContentLanguage;
  startAt?: number;
  onWatched?: (segments: Segment[], duration: number | undefined, position: number) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  if (content.kind !== 'video' || !(content.video_hls_url || content.video_url)) return null;
  return (
    <section className="stack stack--small" aria-label={t('lesson.videoLabel')}>
      <VideoPlayer
        src={content.video_url}
        hlsSrc={content.video_hls_url}
        poster={content.video_poster_url}
        captions={content.captions}
        captionsLanguage={contentLanguage.lang}
        title={content.title}
        startAt={startAt}
        onWatched={onWatched}
      />
      {children}
    </section>
  );
}

/** The lesson's text and its transcript, each when it has one; `transcriptActions` stand inside
 * the transcript, after its text. */
export function LessonText({
  content,
  contentLanguage,
  transcriptActions,
}: {
  content: LessonSectionsContent;
  contentLanguage: ContentLanguage;
  transcriptActions?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {content.body_html && (
        <div
          className="rich-text card"
          {...contentLanguage}
          // The backend renders the Markdown and sanitises the HTML (see the API schema).
          dangerouslySetInnerHTML={{ __html: content.body_html }}
        />
      )}
      {content.transcript && (
        <details className="card transcript">
          <summary>{t('lesson.transcript')}</summary>
          <div className="transcript__text" {...contentLanguage}>
            {content.transcript}
          </div>
          {transcriptActions}
        </details>
      )}
    </>
  );
}
