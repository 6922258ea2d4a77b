import { describe, expect, it } from 'vitest';
import { avatarArt, hashString, normHue, wrapTitle } from '../../../renderer/src/art';
import { revealDelta } from '../../../renderer/src/focus';

describe('generated art inputs', () => {
  it('hashes deterministically', () => {
    expect(hashString('fox')).toBe(hashString('fox'));
    expect(hashString('fox')).not.toBe(hashString('owl'));
  });

  it('draws the same avatar for the same key whatever its case', () => {
    expect(avatarArt('Fox')).toEqual(avatarArt('fox'));
    const art = avatarArt('robot');
    expect(art.hue).toBeGreaterThanOrEqual(0);
    expect(art.hue).toBeLessThan(360);
  });

  it('wraps poster titles and ellipsises overflow', () => {
    expect(wrapTitle('The Long Dark Tea-Time of the Soul', 12, 2)).toEqual(['The Long', 'Dark…']);
    expect(wrapTitle('Up', 12, 3)).toEqual(['Up']);
    expect(wrapTitle('Supercalifragilistic', 12, 3)).toEqual(['Supercalifragilistic']);
  });

  it('normalises hues', () => {
    expect(normHue(-30)).toBe(330);
    expect(normHue(725)).toBe(5);
    expect(normHue(Number.NaN)).toBe(0);
  });
});

describe('revealDelta', () => {
  it('scrolls only as far as needed, keeping a margin', () => {
    expect(revealDelta(100, 200, 0, 1000, 50)).toBe(0);
    expect(revealDelta(20, 120, 0, 1000, 50)).toBe(-30);
    expect(revealDelta(900, 990, 0, 1000, 50)).toBe(40);
    // Wider than the view: line up its start.
    expect(revealDelta(100, 1200, 0, 1000, 50)).toBe(50);
  });
});
