/** Deterministic inputs for generated artwork (avatars, posters): no network images anywhere. */
import { hashString } from '../../shared/art';

// A title's look is shared with the service (its generated video wears the poster's colours).
export { hashString, normHue, titleArt, titleGradient, hslCss, type ArtMotif, type Hsl, type TitleArt } from '../../shared/art';

export interface AvatarArt {
  /** Background hue, 0-359. */
  hue: number;
  /** Which of the eye shapes to draw. */
  eyes: 0 | 1 | 2 | 3;
  /** Which of the mouth shapes to draw. */
  mouth: 0 | 1 | 2;
  /** Rotation of the background stripe, in degrees. */
  tilt: number;
}

/** Distinct, friendly avatar hues (blue, red, amber, green, violet, teal, pink, orange). */
export const AVATAR_HUES = [212, 356, 42, 140, 268, 178, 318, 22] as const;

/** Colours for the avatar keys the service seeds, so a household's faces look distinct. */
const KNOWN_HUES: Readonly<Record<string, number>> = {
  fox: 22,
  owl: 268,
  bear: 150,
  rocket: 212,
  cat: 318,
  dog: 42,
  panda: 178,
  robot: 356,
};

/** Picks an avatar's look from its key (falls back to the profile name). */
export function avatarArt(key: string): AvatarArt {
  const k = key.trim().toLowerCase() || '?';
  const h = hashString(k);
  return {
    hue: KNOWN_HUES[k] ?? AVATAR_HUES[h % AVATAR_HUES.length] ?? 212,
    eyes: ((h >>> 9) % 4) as AvatarArt['eyes'],
    mouth: ((h >>> 13) % 3) as AvatarArt['mouth'],
    tilt: ((h >>> 17) % 5) * 15 - 30,
  };
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
