/** The video player: an HLS playlist through hls.js (loaded on demand), its end, and the speed. */
import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { renderComponent } from '@/testing/render';

import { VideoPlayer } from './VideoPlayer';

// jsdom has no Media Source Extensions: a stand-in for hls.js records what the player asks of it.
const hlsInstances = vi.hoisted(
  () =>
    [] as {
      config: unknown;
      source: string | null;
      media: HTMLMediaElement | null;
      isDestroyed: boolean;
    }[],
);
vi.mock('hls.js', () => {
  class FakeHls {
    static isSupported = () => true;
    static Events = { ERROR: 'hlsError' };
    record: (typeof hlsInstances)[number];
    constructor(config: unknown) {
      this.record = { config, source: null, media: null, isDestroyed: false };
      hlsInstances.push(this.record);
    }
    on() {}
    loadSource(source: string) {
      this.record.source = source;
    }
    attachMedia(media: HTMLMediaElement) {
      this.record.media = media;
    }
    destroy() {
      this.record.isDestroyed = true;
    }
  }
  return { default: FakeHls };
});

function renderPlayer({ hlsSrc }: { hlsSrc: string | null }) {
  return renderComponent(
    <VideoPlayer
      src="https://media.example/old.mp4"
      hlsSrc={hlsSrc}
      poster="/media/videos/1/poster.jpg"
      captions={[]}
      captionsLanguage="en"
      title="Ladder logic"
      onWatched={() => undefined}
    />,
  );
}

describe('VideoPlayer', () => {
  beforeEach(() => {
    hlsInstances.length = 0;
  });

  it('plays the HLS playlist through hls.js without a worker and destroys it when it goes', async () => {
    // Given a lesson with an uploaded video
    const { unmount } = renderPlayer({ hlsSrc: '/media/videos/1/master.m3u8' });
    const video = await screen.findByLabelText('Ladder logic');

    // Then hls.js plays its playlist in the video element, with the poster, not the old URL
    await waitFor(() => {
      expect(hlsInstances).toHaveLength(1);
    });
    expect(hlsInstances[0]).toEqual({
      config: { enableWorker: false },
      source: '/media/videos/1/master.m3u8',
      media: video,
      isDestroyed: false,
    });
    expect(video).not.toHaveAttribute('src');
    expect(video).toHaveAttribute('poster', '/media/videos/1/poster.jpg');

    // When the player goes
    unmount();

    // Then hls.js is destroyed
    expect(hlsInstances[0]?.isDestroyed).toBe(true);
  });

  it('plays an author’s URL itself when there is no playlist', async () => {
    renderPlayer({ hlsSrc: null });

    const video = await screen.findByLabelText('Ladder logic');

    expect(video).toHaveAttribute('src', 'https://media.example/old.mp4');
    expect(hlsInstances).toHaveLength(0);
  });

  it('sets the playback speed the learner chooses', async () => {
    // Given the player
    const { user } = renderPlayer({ hlsSrc: null });
    const video = await screen.findByLabelText<HTMLVideoElement>('Ladder logic');
    expect(video.playbackRate).toBe(1);

    // When the learner chooses double speed
    await user.selectOptions(screen.getByLabelText('Speed'), '2');

    // Then the video plays at it, also after a new source resets the element
    expect(video.playbackRate).toBe(2);
    expect(video.defaultPlaybackRate).toBe(2);
    expect(screen.getByLabelText('Speed')).toHaveValue('2');
  });
});
