/** Which stretches of a video were really played, as [start, end] seconds for the progress API. */
export type Segment = [number, number];

/**
 * Between two `timeupdate` events a playing video moves about a quarter second (four times that
 * at double speed); a larger step is a seek, which watches nothing.
 */
const MAX_PLAY_STEP_SECONDS = 2;

function round(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}

export class WatchedSegments {
  private start: number | null = null;
  private last = 0;
  private closed: Segment[] = [];

  /** Playback started (or resumed) at `time`. */
  play(time: number): void {
    this.close();
    this.start = time;
    this.last = time;
  }

  /** The playhead is at `time`; continues the current stretch or, after a jump, starts a new one. */
  advance(time: number): void {
    if (this.start === null) return;
    const step = time - this.last;
    if (step >= 0 && step <= MAX_PLAY_STEP_SECONDS) {
      this.last = time;
      return;
    }
    this.close();
    this.start = time;
    this.last = time;
  }

  /** Playback stopped (pause, end, seek away). */
  stop(): void {
    this.close();
  }

  /** The stretches played since the last call; an ongoing stretch is reported up to now. */
  take(): Segment[] {
    if (this.start !== null && this.last > this.start) {
      this.closed.push([round(this.start), round(this.last)]);
      this.start = this.last;
    }
    const taken = this.closed;
    this.closed = [];
    return taken;
  }

  private close(): void {
    if (this.start !== null && this.last > this.start)
      this.closed.push([round(this.start), round(this.last)]);
    this.start = null;
  }
}
