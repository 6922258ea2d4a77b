import { describe, expect, it } from 'vitest';
import { avatarArt, fitTitle, hashString, normHue, titleArt } from '../../../renderer/src/art';
import { CATALOG } from '../../../server/catalog-data';
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

  it("sets a poster's whole name in balanced lines, as large as the box allows", () => {
    const box = { width: 288, height: 98, maxLines: 4, maxFontSize: 29, advance: 0.74 };
    // Balanced, not greedy ("CAPTAIN / CRUMB'S COOKIE / CREW"), and nothing cut.
    expect(fitTitle("CAPTAIN CRUMB'S COOKIE CREW", box)).toEqual({ lines: ['CAPTAIN', "CRUMB'S", 'COOKIE CREW'], fontSize: 29 });
    // Two lines when two give the larger type.
    expect(fitTitle('MOONBEAM MECHANICS', box).lines).toEqual(['MOONBEAM', 'MECHANICS']);
    const long = fitTitle('LITTLE ARCHITECTS: ANIMAL BUILDERS', box);
    expect(long.lines.join(' ')).toBe('LITTLE ARCHITECTS: ANIMAL BUILDERS');
    expect(long.lines.some((l) => l.includes('…'))).toBe(false);
    // A short name stops at the largest size; one line when one line is largest.
    expect(fitTitle('UP', box)).toEqual({ lines: ['UP'], fontSize: 29 });
    // A single long word stays whole and gets smaller type.
    const word = fitTitle('SUPERCALIFRAGILISTIC', box);
    expect(word.lines).toEqual(['SUPERCALIFRAGILISTIC']);
    expect(word.fontSize).toBeCloseTo(288 / (20 * 0.74));
    // Past maxLines the words share lines: all of them are still there.
    const many = fitTitle('THE LAST SIGNAL FROM KEPLER STATION', { ...box, maxLines: 2 });
    expect(many.lines).toEqual(['THE LAST SIGNAL', 'FROM KEPLER STATION']);
  });

  it('fits every catalog name on its tile in type that reads from the sofa, without an ellipsis', () => {
    for (const title of CATALOG) {
      const art = titleArt(title);
      const text = art.serif ? title.title : title.title.toUpperCase();
      const fit = fitTitle(text, { width: 288, height: 98, maxLines: 4, maxFontSize: 30, advance: art.serif ? 0.6 : 0.74 });
      expect(fit.lines.join(' '), title.title).toBe(text);
      // 18 poster units is 16 px on a 1080p tile (15vw wide): the smallest name must be at least that.
      expect(fit.fontSize, title.title).toBeGreaterThanOrEqual(18);
    }
  });

  it("draws titles differently: each genre's own motifs, and neighbours rarely alike", () => {
    const arts = CATALOG.map((t) => ({ t, art: titleArt(t) }));
    expect(titleArt(CATALOG[0]!)).toEqual(titleArt(CATALOG[0]!));
    // Every motif shows up somewhere in the catalog, and no genre is drawn one way only.
    expect(new Set(arts.map((a) => a.art.motif)).size).toBeGreaterThanOrEqual(7);
    for (const genre of new Set(CATALOG.map((t) => t.genre))) {
      expect(new Set(arts.filter((a) => a.t.genre === genre).map((a) => a.art.motif)).size, genre).toBeGreaterThanOrEqual(2);
    }
    // Serif lettering tells dramas and documentaries from the rest.
    expect(arts.filter((a) => a.art.serif).every((a) => a.t.genre === 'Drama' || a.t.genre === 'Documentaries')).toBe(true);
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
