/** Keyboard controls of the lesson video player, as video sites have taught learners to expect. */

/** What each key does, for `aria-keyshortcuts` and the hint under the player. */
export const PLAYER_SHORTCUTS = 'Space k ArrowLeft ArrowRight j l m f c';

const SMALL_STEP_SECONDS = 5;
const LARGE_STEP_SECONDS = 10;

/** Elements whose keys belong to them: typing or choosing there never drives the player. */
const OWN_KEYS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'A', 'IFRAME']);

export interface PlayerActions {
  toggleFullscreen: () => void;
  /** Shows or hides the captions; false when the video has none. */
  toggleCaptions: () => boolean;
}

function seek(video: HTMLVideoElement, seconds: number) {
  const end = Number.isFinite(video.duration) ? video.duration : Infinity;
  video.currentTime = Math.min(Math.max(0, video.currentTime + seconds), end);
}

/** Applies the key to the player; true when it was the player's (the caller then prevents the
 * browser's own action, so a focused video does not also toggle or seek itself). */
export function handlePlayerKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target'>,
  video: HTMLVideoElement,
  actions: PlayerActions,
): boolean {
  if (event.ctrlKey || event.altKey || event.metaKey) return false;
  const target = event.target as HTMLElement | null;
  if (target && (OWN_KEYS.has(target.tagName) || target.isContentEditable)) return false;
  switch (event.key) {
    case ' ':
    case 'k':
    case 'K':
      if (video.paused) void video.play().catch(() => undefined);
      else video.pause();
      return true;
    case 'ArrowLeft':
      seek(video, -SMALL_STEP_SECONDS);
      return true;
    case 'ArrowRight':
      seek(video, SMALL_STEP_SECONDS);
      return true;
    case 'j':
    case 'J':
      seek(video, -LARGE_STEP_SECONDS);
      return true;
    case 'l':
    case 'L':
      seek(video, LARGE_STEP_SECONDS);
      return true;
    case 'm':
    case 'M':
      video.muted = !video.muted;
      return true;
    case 'f':
    case 'F':
      actions.toggleFullscreen();
      return true;
    case 'c':
    case 'C':
      return actions.toggleCaptions();
    default:
      return false;
  }
}

/** Shows the first captions track if hidden, hides it if shown; false without captions. */
export function toggleCaptionsTrack(video: HTMLVideoElement): boolean {
  const track = Array.from(video.textTracks).find(
    (candidate) => candidate.kind === 'captions' || candidate.kind === 'subtitles',
  );
  if (!track) return false;
  track.mode = track.mode === 'showing' ? 'hidden' : 'showing';
  return true;
}
