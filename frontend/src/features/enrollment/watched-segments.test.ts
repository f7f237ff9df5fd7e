import { describe, expect, it } from 'vitest';

import { WatchedSegments } from './watched-segments';

describe('WatchedSegments', () => {
  it('reports what was played, not what was skipped', () => {
    const watched = new WatchedSegments();
    watched.play(0);
    for (let time = 0.25; time <= 10; time += 0.25) watched.advance(time);
    watched.advance(60); // seek forward
    for (let time = 60.25; time <= 65; time += 0.25) watched.advance(time);
    watched.stop();
    expect(watched.take()).toEqual([
      [0, 10],
      [60, 65],
    ]);
    expect(watched.take()).toEqual([]);
  });

  it('reports an ongoing stretch up to now and continues it afterwards', () => {
    const watched = new WatchedSegments();
    watched.play(5);
    watched.advance(6);
    expect(watched.take()).toEqual([[5, 6]]);
    watched.advance(7.5);
    watched.stop();
    expect(watched.take()).toEqual([[6, 7.5]]);
  });

  it('ignores time updates while paused and backward jumps start a new stretch', () => {
    const watched = new WatchedSegments();
    watched.advance(3);
    expect(watched.take()).toEqual([]);
    watched.play(20);
    watched.advance(21);
    watched.advance(2);
    watched.advance(3);
    watched.stop();
    expect(watched.take()).toEqual([
      [20, 21],
      [2, 3],
    ]);
  });
});
