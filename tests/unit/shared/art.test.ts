import { describe, expect, it } from 'vitest';
import { hslCss, hslToRgb, titleArt, titleGradient } from '../../../shared/art';
import { CATALOG } from '../../../server/catalog-data';

describe("a title's shared look", () => {
  it('converts HSL to RGB with the CSS formula', () => {
    expect(hslToRgb([0, 100, 50])).toEqual([255, 0, 0]);
    expect(hslToRgb([120, 100, 25])).toEqual([0, 128, 0]);
    expect(hslToRgb([240, 100, 50])).toEqual([0, 0, 255]);
    expect(hslToRgb([0, 0, 100])).toEqual([255, 255, 255]);
    expect(hslToRgb([30, 70, 46])).toEqual([199, 117, 35]);
  });

  it("gives the poster's gradient stops from the title's hue, as CSS the renderer draws", () => {
    const art = titleArt(CATALOG[0]!);
    const [from, to] = titleGradient(art);
    expect(from).toEqual([art.hue, 70, 46]);
    expect(to[0]).toBe((art.hue + 40) % 360);
    expect(hslCss(from)).toBe(`hsl(${art.hue} 70% 46%)`);
    expect(hslCss(to, 0.5)).toMatch(/ \/ 0\.5\)$/);
  });
});
