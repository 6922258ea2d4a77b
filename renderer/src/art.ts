/** Deterministic inputs for generated artwork (avatars, posters): no network images anywhere. */

/** FNV-1a 32-bit hash of a string, as an unsigned integer. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

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

/** Splits a title into at most `maxLines` lines of about `width` characters, for poster text. */
export function wrapTitle(title: string, width = 12, maxLines = 3): string[] {
  const words = title.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width || !line) {
      line = next;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
  return kept;
}

/** A normalised hue (any number to 0-359). */
export function normHue(hue: number): number {
  const h = Math.round(Number.isFinite(hue) ? hue : 0) % 360;
  return h < 0 ? h + 360 : h;
}
