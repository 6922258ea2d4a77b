/**
 * The still part of a title's generated picture, drawn like its poster (shared/art.ts): the
 * poster's gradient at its angle, soft shapes in its hues, the dark shade under the name, and the
 * name set in balanced lines as large as it fits. ffmpeg draws the moving parts on top.
 */
import { fitTitle, hslToRgb, titleArt, titleGradient, type Hsl, type TitleArt } from '../../shared/art';

/** The title fields its look comes from. */
export interface PictureTitle {
  id: string;
  title: string;
  genre: string;
  hue: number;
}

/** The poster's drawing box (renderer/src/components/Poster.tsx): 320 x 180 units. */
const POSTER_W = 320;
const POSTER_H = 180;

type Rgb = [number, number, number];

const mix = (a: number, b: number, t: number) => a + (b - a) * t;

/** Paints `colour` at `alpha` over the pixel at `i`. */
function blend(px: Buffer, i: number, [r, g, b]: Rgb, alpha: number): void {
  px[i] = Math.round(mix(px[i]!, r, alpha));
  px[i + 1] = Math.round(mix(px[i + 1]!, g, alpha));
  px[i + 2] = Math.round(mix(px[i + 2]!, b, alpha));
}

interface Disc {
  cx: number;
  cy: number;
  r: number;
  colour: Rgb;
  alpha: number;
}

/** Two soft discs in the title's hues, placed by its seeds (the poster's "orbs", for every motif). */
function discs(art: TitleArt): Disc[] {
  const [a, b, c] = art.seeds;
  const tint = (hsl: Hsl) => hslToRgb(hsl);
  const cx = 200 + a * 100;
  const cy = 40 + b * 60;
  const r = 70 + c * 50;
  return [
    { cx, cy, r, colour: tint([(art.hue + 20) % 360, 85, 70]), alpha: 0.28 },
    { cx: cx - r * 0.55, cy: cy + r * 0.8, r: r * 0.45, colour: tint([art.accent, 80, 55]), alpha: 0.2 },
  ];
}

/**
 * The picture's background at `width` x `height` as a binary PPM (P6), which ffmpeg reads as a
 * still image: the poster's gradient, two soft discs, and the shade that keeps white text legible.
 */
export function backgroundPpm(title: PictureTitle, width: number, height: number): Buffer {
  const art = titleArt(title);
  const [from, to] = titleGradient(art).map(hslToRgb) as [Rgb, Rgb];
  // SVG's linearGradient in bounding-box units, as ArtShapes draws it.
  const rad = (art.angle * Math.PI) / 180;
  const dx = Math.cos(rad);
  const dy = Math.sin(rad);
  const x1 = 0.5 - dx / 2;
  const y1 = 0.5 - dy / 2;
  const shapes = discs(art);
  const header = Buffer.from(`P6\n${width} ${height}\n255\n`, 'ascii');
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const v = (y + 0.5) / height;
    // The poster's shade: transparent down to 30%, then to 75% black at the bottom.
    const shade = v <= 0.3 ? 0 : ((v - 0.3) / 0.7) * 0.75;
    for (let x = 0; x < width; x++) {
      const u = (x + 0.5) / width;
      const t = Math.min(1, Math.max(0, (u - x1) * dx + (v - y1) * dy));
      const i = (y * width + x) * 3;
      px[i] = Math.round(mix(from[0], to[0], t));
      px[i + 1] = Math.round(mix(from[1], to[1], t));
      px[i + 2] = Math.round(mix(from[2], to[2], t));
      const pu = u * POSTER_W;
      const pv = v * POSTER_H;
      for (const d of shapes) {
        if ((pu - d.cx) ** 2 + (pv - d.cy) ** 2 <= d.r ** 2) blend(px, i, d.colour, d.alpha);
      }
      if (shade > 0) blend(px, i, [0, 0, 0], shade);
    }
  }
  return Buffer.concat([header, px]);
}

/** How the title's name is set on the picture (as on its poster, scaled to the picture). */
export interface Lettering {
  lines: string[];
  /** In pixels of the picture. */
  fontSize: number;
  /** Serif lettering (dramas, documentaries) or bold capitals. */
  serif: boolean;
  /** Left edge of the text, in pixels. */
  x: number;
  /** Bottom of the text block, in pixels. */
  bottom: number;
}

/** The poster's lettering (Poster.tsx: box 288 x 98 at x 16, baseline 164), scaled to `width` x `height`. */
export function lettering(title: PictureTitle, width: number, height: number): Lettering {
  const art = titleArt(title);
  const scale = Math.min(width / POSTER_W, height / POSTER_H);
  const text = art.serif ? title.title : title.title.toUpperCase();
  const fit = fitTitle(text, {
    width: 288,
    height: 98,
    maxLines: 4,
    maxFontSize: art.serif ? 32 : 29,
    advance: art.serif ? 0.6 : 0.74,
  });
  return {
    lines: fit.lines,
    fontSize: Math.max(8, Math.floor(fit.fontSize * scale)),
    serif: art.serif,
    x: Math.round(16 * scale),
    bottom: Math.round(166 * scale),
  };
}
