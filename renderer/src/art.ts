/** Deterministic inputs for generated artwork (avatars, posters): no network images anywhere. */
import { hashString } from '../../shared/art';

// A title's look is shared with the service (its generated video wears the poster's colours).
export { fitTitle, hashString, normHue, titleArt, titleGradient, hslCss, type ArtMotif, type FitBox, type Hsl, type TitleArt, type TitleFit } from '../../shared/art';

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
