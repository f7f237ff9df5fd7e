/** The log follows attempts made in the background: often while one is under way or due soon,
 * rarely while a retry is far off, not at all once every delivery is finished. */
import { describe, expect, it } from 'vitest';

import { delivery } from '../testing';
import { refreshInterval } from './list-deliveries';

const NOW = Date.parse('2026-12-07T10:00:00Z');

describe('refreshInterval', () => {
  it.each([
    ['nothing pending', [delivery(), delivery({ state: 'failed' })], false],
    ['a new delivery', [delivery({ state: 'pending', attempt_count: 0 })], 2_000],
    [
      'a retry due soon',
      [delivery({ state: 'pending', next_attempt_at: '2026-12-07T10:00:15Z' })],
      2_000,
    ],
    [
      'an attempt under way (started just now, its lease ends in minutes)',
      [
        delivery({
          state: 'pending',
          last_attempt_at: '2026-12-07T09:59:58Z',
          next_attempt_at: '2026-12-07T10:02:00Z',
        }),
      ],
      2_000,
    ],
    [
      'a retry in five hours',
      [
        delivery({
          state: 'pending',
          last_attempt_at: '2026-12-07T09:00:00Z',
          next_attempt_at: '2026-12-07T15:00:00Z',
        }),
      ],
      30_000,
    ],
  ] as const)('%s', (_name, deliveries, interval) => {
    expect(refreshInterval(deliveries, NOW)).toBe(interval);
  });
});
