/**
 * A title's generated look, shared by the renderer (posters, backdrops) and the service (the
 * generated video wears its poster's colours): deterministic from the title, no network images.
 */

/** FNV-1a 32-bit hash of a string, as an unsigned integer. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** How a title's name is set on its poster: the lines, and the font size (in poster units) they fit at. */
export interface TitleFit {
  lines: string[];
  fontSize: number;
}

export interface FitBox {
  /** Room across, in poster units. */
  width: number;
  /** Room down, in poster units. */
  height: number;
  /** Most lines to use (past it, lines hold more words and the type gets smaller). */
  maxLines: number;
  /** Largest font size wanted (a short name is not blown up past it). */
  maxFontSize: number;
  /** A glyph's average advance, in em (bold capitals run about 0.74em, mixed case about 0.58em). */
  advance: number;
  /** Line height, in em. */
  leading?: number;
}

/**
 * Sets a title's name in the biggest type that shows all of it: for each line count it finds the
 * break points that make the longest line shortest (balanced lines, never "CAPTAIN / CRUMB'S COOKIE
 * / CREW"), then keeps the count whose font is largest. Nothing is cut: a word never splits, and a
 * very long name gets smaller type rather than an "…".
 */
export function fitTitle(text: string, box: FitBox): TitleFit {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const leading = box.leading ?? 1.08;
  if (words.length === 0) return { lines: [], fontSize: box.maxFontSize };
  const sizeFor = (lines: string[]) => {
    const longest = Math.max(1, ...lines.map((l) => l.length));
    return Math.min(box.maxFontSize, box.width / (longest * box.advance), box.height / (lines.length * leading));
  };
  let best: TitleFit | null = null;
  for (let n = 1; n <= Math.min(box.maxLines, words.length); n++) {
    const lines = balancedLines(words, n);
    const fontSize = sizeFor(lines);
    // Fewer lines win a tie: a name reads best in as few lines as fit.
    if (!best || fontSize > best.fontSize + 0.01) best = { lines, fontSize };
  }
  return best!;
}

/** Splits words into exactly `n` lines (n <= words.length) so that the longest line is as short as it can be. */
function balancedLines(words: string[], n: number): string[] {
  const len = (from: number, to: number) => words.slice(from, to).join(' ').length;
  // cost[k][i]: the longest line when the first i words make k lines; cut[k][i]: where the last starts.
  const W = words.length;
  const cost: number[][] = Array.from({ length: n + 1 }, () => Array<number>(W + 1).fill(Infinity));
  const cut: number[][] = Array.from({ length: n + 1 }, () => Array<number>(W + 1).fill(0));
  cost[0]![0] = 0;
  for (let k = 1; k <= n; k++) {
    for (let i = k; i <= W; i++) {
      for (let j = k - 1; j < i; j++) {
        const c = Math.max(cost[k - 1]![j]!, len(j, i));
        if (c < cost[k]![i]!) {
          cost[k]![i] = c;
          cut[k]![i] = j;
        }
      }
    }
  }
  const lines: string[] = [];
  for (let k = n, i = W; k > 0; k--) {
    const j = cut[k]![i]!;
    lines.unshift(words.slice(j, i).join(' '));
    i = j;
  }
  return lines;
}

/**
 * The drawing on a title's art. Each genre has its own set of motifs (a household learns that the
 * horizon is a drama, the grid sci-fi), and the title's hash picks one of them and where its
 * shapes go, so two titles side by side rarely look alike.
 */
export type ArtMotif = 'orbs' | 'bands' | 'horizon' | 'rings' | 'grid' | 'skyline' | 'confetti' | 'spotlight';

const GENRE_MOTIFS: Readonly<Record<string, readonly ArtMotif[]>> = {
  Drama: ['horizon', 'bands', 'spotlight'],
  Comedy: ['confetti', 'bands', 'orbs'],
  'Sci-Fi': ['rings', 'grid', 'orbs'],
  Thrillers: ['skyline', 'spotlight', 'bands'],
  Documentaries: ['horizon', 'grid', 'rings'],
  'Kids & Family': ['confetti', 'orbs', 'horizon'],
};
const ALL_MOTIFS: readonly ArtMotif[] = ['orbs', 'bands', 'horizon', 'rings', 'grid', 'skyline', 'confetti', 'spotlight'];

export interface TitleArt {
  motif: ArtMotif;
  /** The main hue (the service's, per title), 0-359. */
  hue: number;
  /** A second hue for the motif's shapes. */
  accent: number;
  /** Which way the background's gradient runs, in degrees. */
  angle: number;
  /** Serif lettering (dramas, documentaries) or bold capitals (the rest). */
  serif: boolean;
  /** 0..1 values that place the motif's shapes. */
  seeds: readonly [number, number, number, number];
}

/** What to draw for a title: deterministic from its id (or name), genre and hue; no network images. */
export function titleArt(title: { id?: string; title: string; genre?: string; hue: number }): TitleArt {
  const h = hashString(title.id || title.title);
  const motifs = GENRE_MOTIFS[title.genre ?? ''] ?? ALL_MOTIFS;
  const hue = normHue(title.hue);
  // Complementary-ish accents, picked from four offsets.
  const accent = normHue(hue + [30, 150, 200, 300][(h >>> 5) % 4]!);
  const seed = (shift: number) => ((h >>> shift) & 0xff) / 255;
  return {
    motif: motifs[h % motifs.length]!,
    hue,
    accent,
    angle: [20, 45, 70, 135][(h >>> 3) % 4]!,
    serif: title.genre === 'Drama' || title.genre === 'Documentaries',
    seeds: [seed(8), seed(16), seed(24), seed(12)],
  };
}

/** A normalised hue (any number to 0-359). */
export function normHue(hue: number): number {
  const h = Math.round(Number.isFinite(hue) ? hue : 0) % 360;
  return h < 0 ? h + 360 : h;
}

/** A colour as hue (0-359), saturation and lightness (0-100). */
export type Hsl = readonly [h: number, s: number, l: number];

/** The two stops of a title's background gradient (first at the start of `art.angle`, then the end). */
export function titleGradient(art: Pick<TitleArt, 'hue'>): readonly [Hsl, Hsl] {
  return [
    [art.hue, 70, 46],
    [(art.hue + 40) % 360, 65, 14],
  ];
}

/** A colour for CSS and SVG: `hsl(h s% l%)`, or with an alpha `hsl(h s% l% / a)`. */
export function hslCss([h, s, l]: Hsl, alpha?: number): string {
  return alpha === undefined ? `hsl(${h} ${s}% ${l}%)` : `hsl(${h} ${s}% ${l}% / ${alpha})`;
}

/** An HSL colour as 0-255 RGB (the CSS formula), for drawing without a browser. */
export function hslToRgb([h, s, l]: Hsl): [number, number, number] {
  const sat = s / 100;
  const light = l / 100;
  const k = (n: number) => (n + h / 30) % 12;
  const a = sat * Math.min(light, 1 - light);
  const f = (n: number) => light - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}
