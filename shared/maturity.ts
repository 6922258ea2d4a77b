/**
 * Maturity levels: which titles a profile may see and play. The ONE table of levels (their order,
 * labels, descriptions and the ratings each one adds), used by the service (it filters every list
 * and refuses playback) and by the app (the profile editor's choice, the Kids badge). Ratings are
 * the US film (G, PG, PG-13, R) and TV (TV-Y … TV-MA) ones the catalog uses. A rating no level
 * names (a new one, a typo) is seen on "All" only: unknown means grown-up.
 */

/** The levels, lowest first: each one sees everything the ones before it see, and more. */
export const MATURITY_LEVELS = ['kids', 'older-kids', 'teens', 'all'] as const;
export type MaturityLevel = (typeof MATURITY_LEVELS)[number];

/** The level with no limit: a grown-up profile. */
export const UNRESTRICTED: MaturityLevel = 'all';

export interface MaturityInfo {
  /** What the app calls the level ("Older kids"). */
  label: string;
  /** One line under the choice in the profile editor. */
  description: string;
  /** The ratings this level adds to the levels below it; null: every rating ("All"). */
  adds: readonly string[] | null;
}

/** The table. */
export const MATURITY: Readonly<Record<MaturityLevel, MaturityInfo>> = {
  kids: { label: 'Kids', description: 'Young children: TV-Y, TV-Y7, TV-G and G.', adds: ['TV-Y', 'TV-Y7', 'TV-G', 'G'] },
  'older-kids': { label: 'Older kids', description: 'Also PG and TV-PG titles.', adds: ['PG', 'TV-PG'] },
  teens: { label: 'Teens', description: 'Also PG-13 and TV-14 titles.', adds: ['PG-13', 'TV-14'] },
  all: { label: 'All', description: 'Every title, R and TV-MA too.', adds: null },
};

/** Whether `value` names a level (for checking input). */
export function isMaturityLevel(value: unknown): value is MaturityLevel {
  return typeof value === 'string' && (MATURITY_LEVELS as readonly string[]).includes(value);
}

/** The level's place in MATURITY_LEVELS (0: Kids). */
export function maturityRank(level: MaturityLevel): number {
  return MATURITY_LEVELS.indexOf(level);
}

/** Whether going from `from` to `to` lets a profile see more (a raise needs the account password). */
export function isRaise(from: MaturityLevel, to: MaturityLevel): boolean {
  return maturityRank(to) > maturityRank(from);
}

/** Every rating a level may see, lowest level's first; null for a level with no limit. */
export function ratingsFor(level: MaturityLevel): readonly string[] | null {
  const ratings: string[] = [];
  for (const l of MATURITY_LEVELS.slice(0, maturityRank(level) + 1)) {
    const adds = MATURITY[l].adds;
    if (adds === null) return null;
    ratings.push(...adds);
  }
  return ratings;
}

/** Whether a profile at `level` may see a title rated `rating`. */
export function allowsRating(level: MaturityLevel, rating: string): boolean {
  const ratings = ratingsFor(level);
  return ratings === null || ratings.includes(rating);
}

/** The ratings a Kids profile sees; a title is a "kids title" (its badge) exactly for these. */
export const KIDS_RATINGS: ReadonlySet<string> = new Set(ratingsFor('kids'));

/** The level a request's legacy `kids` flag means: Kids, or (off) All. */
export function maturityFromKids(kids: boolean): MaturityLevel {
  return kids ? 'kids' : UNRESTRICTED;
}
