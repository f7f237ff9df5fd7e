import { describe, expect, it } from 'vitest';

import { formatEventTime, isoToZonedWallTime, zonedWallTimeToIso } from './time';

describe('event times', () => {
  it('reads a wall time in the event zone, across daylight saving', () => {
    expect(zonedWallTimeToIso('2026-07-01T10:00', 'Europe/Berlin')).toBe(
      '2026-07-01T08:00:00.000Z',
    );
    expect(zonedWallTimeToIso('2026-01-15T10:00', 'Europe/Berlin')).toBe(
      '2026-01-15T09:00:00.000Z',
    );
    expect(zonedWallTimeToIso('2026-01-15T10:00', 'Asia/Shanghai')).toBe(
      '2026-01-15T02:00:00.000Z',
    );
  });

  it('gives back the wall time of an instant in the event zone (to prefill an edit)', () => {
    expect(isoToZonedWallTime('2026-07-01T08:00:00Z', 'Europe/Berlin')).toBe('2026-07-01T10:00');
    expect(isoToZonedWallTime('2026-01-15T02:00:00Z', 'Asia/Shanghai')).toBe('2026-01-15T10:00');
    expect(isoToZonedWallTime('2026-01-15T23:30:00Z', 'Asia/Shanghai')).toBe('2026-01-16T07:30');
    expect(
      zonedWallTimeToIso(
        isoToZonedWallTime('2026-03-29T09:15:00Z', 'Europe/Berlin'),
        'Europe/Berlin',
      ),
    ).toBe('2026-03-29T09:15:00.000Z');
  });

  it('shows a time in the zone asked for', () => {
    expect(formatEventTime('2026-01-15T02:00:00Z', 'en', 'Asia/Shanghai')).toMatch(/10:00/u);
  });
});
