/** The video player's keyboard controls, resuming where the learner left off, and author URLs of
 * video sites played in their embed. */
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { renderComponent } from '@/testing/render';

import { embedUrl } from '../external-video';
import { VideoPlayer } from './VideoPlayer';

/** jsdom plays nothing: a video element whose state the test controls. */
function stubMedia(video: HTMLVideoElement, { duration = 100 } = {}) {
  const state = { currentTime: 0, paused: true, muted: false };
  Object.defineProperties(video, {
    duration: { configurable: true, get: () => duration },
    currentTime: {
      configurable: true,
      get: () => state.currentTime,
      set: (value: number) => {
        state.currentTime = value;
      },
    },
    paused: { configurable: true, get: () => state.paused },
    muted: {
      configurable: true,
      get: () => state.muted,
      set: (value: boolean) => {
        state.muted = value;
      },
    },
  });
  const play = vi.fn(() => {
    state.paused = false;
    return Promise.resolve();
  });
  const pause = vi.fn(() => {
    state.paused = true;
  });
  video.play = play;
  video.pause = pause;
  return { state, play, pause };
}

function renderPlayer(props: Partial<Parameters<typeof VideoPlayer>[0]> = {}) {
  renderComponent(
    <VideoPlayer
      src="https://media.example/lesson.mp4"
      hlsSrc={null}
      poster={null}
      captions={[]}
      captionsLanguage="en"
      title="Ladder logic"
      onWatched={() => undefined}
      {...props}
    />,
  );
  const group = screen.getByRole('group', { name: 'Video player: Ladder logic' });
  const video = group.querySelector('video');
  if (!video) throw new Error('no video element');
  return { group, video };
}

describe('VideoPlayer keys', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is a focusable, labelled group that names its keys', () => {
    const { group } = renderPlayer();

    expect(group).toHaveAttribute('tabindex', '0');
    expect(group).toHaveAttribute('aria-keyshortcuts', 'Space k ArrowLeft ArrowRight j l m f c');
    expect(group).toHaveAccessibleDescription(/Space or K play and pause/);
  });

  it('plays and pauses with space and k, seeks 5 s with the arrows and 10 s with j and l', () => {
    const { group, video } = renderPlayer();
    const media = stubMedia(video);

    fireEvent.keyDown(group, { key: ' ' });
    expect(media.play).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(group, { key: 'k' });
    expect(media.pause).toHaveBeenCalledTimes(1);

    media.state.currentTime = 50;
    fireEvent.keyDown(group, { key: 'ArrowRight' });
    expect(video.currentTime).toBe(55);
    fireEvent.keyDown(group, { key: 'ArrowLeft' });
    fireEvent.keyDown(group, { key: 'ArrowLeft' });
    expect(video.currentTime).toBe(45);
    fireEvent.keyDown(group, { key: 'l' });
    expect(video.currentTime).toBe(55);
    fireEvent.keyDown(group, { key: 'j' });
    fireEvent.keyDown(group, { key: 'j' });
    expect(video.currentTime).toBe(35);
    // Never before the start nor past the end.
    media.state.currentTime = 3;
    fireEvent.keyDown(group, { key: 'j' });
    expect(video.currentTime).toBe(0);
    media.state.currentTime = 97;
    fireEvent.keyDown(group, { key: 'l' });
    expect(video.currentTime).toBe(100);
  });

  it('mutes with m, goes full screen with f, and keeps the browser from acting twice', () => {
    const { group, video } = renderPlayer();
    const media = stubMedia(video);
    const requestFullscreen = vi.fn(() => Promise.resolve());
    group.requestFullscreen = requestFullscreen;

    fireEvent.keyDown(group, { key: 'm' });
    const notPrevented = fireEvent.keyDown(group, { key: 'f' });

    expect(media.state.muted).toBe(true);
    expect(requestFullscreen).toHaveBeenCalledTimes(1);
    expect(notPrevented).toBe(false);
  });

  it('toggles the captions with c when there are captions, and leaves c alone otherwise', () => {
    let counter = 0;
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: () => `blob:captions/${String((counter += 1))}`,
        revokeObjectURL: () => undefined,
      }),
    );
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:02.000\nA ladder rung.\n';
    const { group } = renderPlayer({
      captions: [
        { language: 'en', vtt },
        { language: 'de', vtt },
      ],
    });
    const select = screen.getByLabelText('Captions');
    expect(select).toHaveValue('en');

    // c turns the learner's captions off, and back on in the served language.
    expect(fireEvent.keyDown(group, { key: 'c' })).toBe(false);
    expect(select).toHaveValue('off');
    fireEvent.keyDown(group, { key: 'c' });
    expect(select).toHaveValue('en');
    vi.unstubAllGlobals();
  });

  it('leaves c alone when the lesson has no captions', () => {
    const { group } = renderPlayer({ captions: [] });
    expect(screen.queryByLabelText('Captions')).toBeNull();
    expect(fireEvent.keyDown(group, { key: 'c' })).toBe(true); // not the player's: not prevented
  });

  it('takes no keys from the speed select, nor with a modifier held', () => {
    const { group, video } = renderPlayer();
    const media = stubMedia(video);

    fireEvent.keyDown(screen.getByLabelText('Speed'), { key: ' ' });
    fireEvent.keyDown(screen.getByLabelText('Speed'), { key: 'k' });
    fireEvent.keyDown(group, { key: 'l', ctrlKey: true });

    expect(media.play).not.toHaveBeenCalled();
    expect(video.currentTime).toBe(0);
  });
});

describe('VideoPlayer resume', () => {
  it('starts where the learner left off once the length is known', () => {
    const { video } = renderPlayer({ startAt: 42.5 });
    stubMedia(video);

    fireEvent(video, new Event('loadedmetadata'));

    expect(video.currentTime).toBe(42.5);
  });

  it('starts from the beginning without a position, or at the very end', () => {
    const first = renderPlayer({ startAt: 99.5 });
    stubMedia(first.video);

    fireEvent(first.video, new Event('loadedmetadata'));

    expect(first.video.currentTime).toBe(0);
  });

  it('reports where the player is with the watched stretch', () => {
    const onWatched = vi.fn();
    const { video } = renderPlayer({ onWatched });
    const media = stubMedia(video);

    fireEvent(video, new Event('playing'));
    for (const time of [1, 2, 3]) {
      media.state.currentTime = time;
      fireEvent(video, new Event('timeupdate'));
    }
    fireEvent(video, new Event('pause'));

    expect(onWatched).toHaveBeenCalledWith([[0, 3]], 100, 3);
  });
});

describe('author URLs', () => {
  it('play YouTube and Vimeo pages in their embed, and files in the video element', () => {
    expect(embedUrl('https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10')).toBe(
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    );
    expect(embedUrl('https://youtu.be/dQw4w9WgXcQ')).toBe(
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    );
    expect(embedUrl('https://vimeo.com/76979871')).toBe('https://player.vimeo.com/video/76979871');
    expect(embedUrl('https://media.icim.example/videos/scan.mp4')).toBeNull();
    expect(embedUrl('http://www.youtube.com/watch?v=dQw4w9WgXcQ')).toBeNull();

    renderComponent(
      <VideoPlayer
        src="https://vimeo.com/76979871"
        hlsSrc={null}
        poster={null}
        captions={[]}
        captionsLanguage="en"
        title="Cobots"
      />,
    );

    expect(screen.getByTitle('Cobots')).toHaveAttribute(
      'src',
      'https://player.vimeo.com/video/76979871',
    );
    expect(document.querySelector('video')).toBeNull();
  });
});
