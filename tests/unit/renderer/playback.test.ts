import { describe, expect, it } from 'vitest';
import type { CatalogRow } from '../../../shared/types';
import { findNextTitle, formatClock, formatRuntimeLong, playbackRateFromLocation, timeLeftLabel } from '../../../renderer/src/playback';
import { TITLES, fakeBridge } from './fakeBridge';

const progress = (positionSeconds: number, durationSeconds: number) => ({ positionSeconds, durationSeconds, updatedAt: '2026-01-01T00:00:00Z' });

describe('playback words', () => {
  it('runtime reads "1 h 52 min", "45 min", "2 h"', () => {
    expect(formatRuntimeLong(112)).toBe('1 h 52 min');
    expect(formatRuntimeLong(45)).toBe('45 min');
    expect(formatRuntimeLong(120)).toBe('2 h');
  });

  it('clock readings have hours only when needed', () => {
    expect(formatClock(7)).toBe('0:07');
    expect(formatClock(754)).toBe('12:34');
    expect(formatClock(6720)).toBe('1:52:00');
    expect(formatClock(-3)).toBe('0:00');
  });

  it('time left rounds up, so the last seconds still read "1 min left"', () => {
    expect(timeLeftLabel(progress(89 * 60, 112 * 60))).toBe('23 min left');
    expect(timeLeftLabel(progress(6700, 6720))).toBe('1 min left');
    expect(timeLeftLabel(progress(0, 112 * 60))).toBe('1 h 52 min left');
  });

  it('?playbackRate=N speeds the player up; anything odd means 1', () => {
    expect(playbackRateFromLocation('?playbackRate=50')).toBe(50);
    expect(playbackRateFromLocation('')).toBe(1);
    expect(playbackRateFromLocation('?playbackRate=-2')).toBe(1);
    expect(playbackRateFromLocation('?playbackRate=abc')).toBe(1);
  });
});

describe('findNextTitle', () => {
  const [a, b, c] = TITLES as [(typeof TITLES)[0], (typeof TITLES)[0], (typeof TITLES)[0]];
  const home = (rows: CatalogRow[]) => fakeBridge({ over: { getHome: () => Promise.resolve({ ok: true as const, value: { hero: c, rows } }) } });

  it('takes the next one in the list it was opened from', async () => {
    expect((await findNextTitle(fakeBridge(), 'p1', a.id, [a, b, c]))?.id).toBe(b.id);
  });

  it('else the next one in a home row, Continue Watching last', async () => {
    const bridge = home([
      { id: 'continue-watching', kind: 'continue-watching', title: 'Continue Watching', items: [a, c] },
      { id: 'genre-drama', kind: 'genre', title: 'Drama', items: [a, b] },
    ]);
    expect((await findNextTitle(bridge, 'p1', a.id))?.id).toBe(b.id);
  });

  it('else any other title; null when there is none', async () => {
    const bridge = home([{ id: 'genre-drama', kind: 'genre', title: 'Drama', items: [b, a] }]);
    expect((await findNextTitle(bridge, 'p1', a.id))?.id).toBe(c.id);
    const alone = fakeBridge({ over: { getHome: () => Promise.resolve({ ok: true as const, value: { hero: a, rows: [] } }) } });
    expect(await findNextTitle(alone, 'p1', a.id)).toBeNull();
  });
});
