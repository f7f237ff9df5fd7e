/** The player's caption tracks: one per language, the learner's choice remembered, cue text never HTML. */
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { renderComponent } from '@/testing/render';

import { CAPTIONS_STORAGE_KEY } from '../caption-tracks';
import { VideoPlayer } from './VideoPlayer';

const vtt = (text: string) => `WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n${text}\n`;
const HOSTILE =
  '<script>window.__captionsRan = true</script><img src=x onerror="window.__captionsRan = true">';
const CAPTIONS = [
  { language: 'de', vtt: vtt('Der Zyklus beginnt.') },
  { language: 'en', vtt: vtt('The cycle starts.') },
  { language: 'zh-hans', vtt: vtt(HOSTILE) },
];

// jsdom has neither Blob URLs nor text tracks: the URLs record the WebVTT each track was given.
const blobs = new Map<string, Blob>();

function renderPlayer(captions = CAPTIONS, servedLanguage = 'de') {
  return renderComponent(
    <VideoPlayer
      src="https://media.example/scan.mp4"
      hlsSrc={null}
      poster={null}
      captions={captions}
      captionsLanguage={servedLanguage}
      title="Scan cycle"
      onWatched={() => undefined}
    />,
  );
}

function readBlob(blob: Blob | undefined): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => {
      resolve(typeof reader.result === 'string' ? reader.result : '');
    };
    if (blob) reader.readAsText(blob);
    else resolve('');
  });
}

function tracks(): HTMLTrackElement[] {
  return Array.from(document.querySelectorAll('track'));
}

describe('VideoPlayer captions', () => {
  beforeEach(() => {
    window.localStorage.clear();
    let counter = 0;
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: (blob: Blob) => {
          const url = `blob:captions/${String((counter += 1))}`;
          blobs.set(url, blob);
          return url;
        },
        revokeObjectURL: (url: string) => {
          blobs.delete(url);
        },
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    blobs.clear();
  });

  it('offers every language as a captions track, named in the UI language, the served one by default', async () => {
    renderPlayer();
    await screen.findByLabelText('Scan cycle');

    expect(
      tracks().map((track) => [
        track.kind,
        track.srclang,
        track.label,
        track.default,
        track.src.startsWith('blob:'),
      ]),
    ).toEqual([
      ['captions', 'de', 'German', true, true],
      ['captions', 'en', 'English', false, true],
      ['captions', 'zh-Hans', 'Simplified Chinese', false, true],
    ]);
    expect(await readBlob(blobs.get(tracks()[0]?.getAttribute('src') ?? ''))).toBe(
      vtt('Der Zyklus beginnt.'),
    );
    const select = screen.getByLabelText('Captions');
    expect(select).toHaveValue('de');
    expect(
      Array.from(select.querySelectorAll('option')).map((option) => option.textContent),
    ).toEqual(['Off', 'German', 'English', 'Simplified Chinese']);
  });

  it('switches to the language the learner picks and remembers it for the next video', async () => {
    const { user, unmount } = renderPlayer();

    await user.selectOptions(await screen.findByLabelText('Captions'), 'en');

    expect(window.localStorage.getItem(CAPTIONS_STORAGE_KEY)).toBe('en');
    expect(tracks().find((track) => track.default)?.srclang).toBe('en');
    unmount();

    // The next lesson, served in German, opens with the English captions
    renderPlayer();
    expect(await screen.findByLabelText('Captions')).toHaveValue('en');
  });

  it('keeps captions off once the learner turns them off', async () => {
    const { user } = renderPlayer();

    await user.selectOptions(await screen.findByLabelText('Captions'), 'off');

    expect(window.localStorage.getItem(CAPTIONS_STORAGE_KEY)).toBe('off');
    expect(tracks().some((track) => track.default)).toBe(false);
  });

  it('falls back to the served language when the remembered one is missing here', async () => {
    window.localStorage.setItem(CAPTIONS_STORAGE_KEY, 'ar');

    renderPlayer(CAPTIONS, 'en');

    expect(await screen.findByLabelText('Captions')).toHaveValue('en');
  });

  it('has no captions menu for a video without captions', async () => {
    renderPlayer([]);
    await screen.findByLabelText('Scan cycle');

    expect(tracks()).toHaveLength(0);
    expect(screen.queryByLabelText('Captions')).not.toBeInTheDocument();
  });

  it('never puts cue text into the page as HTML', async () => {
    const ran = window as unknown as { __captionsRan?: boolean };
    ran.__captionsRan = false;

    // (LessonView passes the served language as a BCP 47 tag)
    const { container } = renderPlayer(CAPTIONS, 'zh-Hans');
    await screen.findByLabelText('Scan cycle');

    // The hostile cue is only WebVTT in a Blob URL for the browser's cue renderer
    expect(container.querySelector('script, img')).toBeNull();
    expect(container.innerHTML).not.toContain('onerror');
    expect(container.innerHTML).not.toContain('__captionsRan');
    expect(tracks().find((track) => track.default)?.srclang).toBe('zh-Hans');
    expect(ran.__captionsRan).toBe(false);
  });
});
