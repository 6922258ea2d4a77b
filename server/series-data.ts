/**
 * The catalog's series: which titles are series, and their seasons and episodes, generated
 * deterministically from each title's id (the same names, runtimes and intros on every run and
 * every machine). Episodes live here, in code, not in the database: they are fixed catalog data,
 * and an existing database needs no reload to get them. Progress rows name episodes by id.
 */
import { hashString } from '../shared/art';
import type { Episode, Title } from '../shared/types';
import { CATALOG } from './catalog-data';

/** A series: episodes per season, and the range of its episodes' runtimes (minutes). */
interface SeriesShape {
  seasons: readonly number[];
  runtime: readonly [min: number, max: number];
}

/** Which catalog titles are series (by title), with their shape. TV-rated titles that read like shows. */
const SERIES_SHAPES: Readonly<Record<string, SeriesShape>> = {
  'Saltwater Ledger': { seasons: [8, 8, 6], runtime: [44, 55] },
  "Ferryman's Row": { seasons: [6, 6], runtime: [42, 52] },
  'Extremely Decent Neighbors': { seasons: [10, 10, 8, 8], runtime: [22, 28] },
  'Marigold & Sons Plumbing': { seasons: [8, 8], runtime: [22, 30] },
  'Roommates of Unit 4B': { seasons: [10, 9, 10], runtime: [22, 26] },
  'Halcyon Drift': { seasons: [8, 8], runtime: [45, 55] },
  Tessellate: { seasons: [6], runtime: [40, 50] },
  'Seven Doors North': { seasons: [7], runtime: [42, 50] },
  'Undertow Protocol': { seasons: [6, 6, 6], runtime: [44, 54] },
  'Cold Case, Warm Hands': { seasons: [10, 8], runtime: [40, 48] },
  'After Hours at the Archive': { seasons: [4, 5], runtime: [38, 46] },
  'Moonbeam Mechanics': { seasons: [10, 10], runtime: [22, 24] },
  'Wobble the Weather Cloud': { seasons: [8], runtime: [22, 23] },
};

const ADJECTIVES = [
  'Long', 'Quiet', 'Borrowed', 'Crooked', 'Silver', 'Last', 'Hidden', 'Broken', 'Early', 'Second', 'Open', 'Paper',
  'Northern', 'Narrow', 'Lucky', 'Heavy', 'Small', 'Burning', 'Empty', 'Stolen',
];
const NOUNS = [
  'Tide', 'Ledger', 'Key', 'Harbour', 'Promise', 'Letter', 'Bridge', 'Lantern', 'Detour', 'Storm', 'Bargain', 'Reunion',
  'Map', 'Signal', 'Door', 'Inventory', 'Favour', 'Anchor', 'Clock', 'Crossing', 'Rumour', 'Knot', 'Window', 'Shift',
];
const KIDS_NOUNS = ['Rainbow', 'Picnic', 'Puddle', 'Kite', 'Moonbeam', 'Sneeze', 'Wobble', 'Treasure', 'Snowflake', 'Sandcastle', 'Sunbeam', 'Birthday'];
const OPENINGS = [
  'Nothing goes to plan when',
  'Everything changes after',
  'Tempers fray when',
  'An old debt comes due when',
  'A long night begins when',
  'Secrets surface after',
  'Nobody sleeps when',
  'The whole street talks when',
];
const EVENTS = [
  'a stranger arrives with a familiar name',
  'a letter turns up forty years late',
  'the power fails in the middle of the night',
  'an old friend asks for one last favour',
  'a promise made years ago is called in',
  'the wrong key opens the right door',
  'someone finally tells the truth',
  'a storm cuts the town off from the mainland',
  'a bargain turns out to have a catch',
  'the plan everyone agreed on falls apart',
];
const KIDS_EVENTS = [
  'a rainbow gets stuck halfway across the sky',
  'the picnic blanket floats away',
  'a very small sneeze causes a very big breeze',
  'the kite will not come down',
  'everyone forgets whose birthday it is',
  'a snowflake lands where no snowflake has landed before',
];

const pick = <T>(list: readonly T[], h: number): T => list[h % list.length]!;

/** The id of an episode: `<titleId>:s<season>e<number>`. */
export function episodeId(titleId: string, season: number, number: number): string {
  return `${titleId}:s${season}e${number}`;
}

/** One episode, made from its title and place (deterministic). */
function makeEpisode(title: Title, shape: SeriesShape, season: number, number: number): Episode {
  const h = (salt: string) => hashString(`${title.id}|${season}|${number}|${salt}`);
  const name =
    season === 1 && number === 1
      ? 'Pilot'
      : title.kids
        ? `The ${pick(KIDS_NOUNS, h('n'))} ${pick(['Problem', 'Parade', 'Surprise', 'Rescue', 'Race'], h('k'))}`
        : h('form') % 3 === 0
          ? `${pick(NOUNS, h('a'))} and ${pick(NOUNS, h('b') + 1)}`
          : `The ${pick(ADJECTIVES, h('adj'))} ${pick(NOUNS, h('n'))}`;
  const synopsis = title.kids
    ? `Today ${pick(KIDS_EVENTS, h('e'))}, and only teamwork can put it right.`
    : `${pick(OPENINGS, h('o'))} ${pick(EVENTS, h('e'))}.`;
  const [min, max] = shape.runtime;
  const runtimeMinutes = min + (h('r') % (max - min + 1));
  // Most episodes open with an intro between about 0:30 and 1:30; pilots and some others do not.
  const hasIntro = !(season === 1 && number === 1) && h('i') % 5 !== 0;
  const startSeconds = 25 + (h('is') % 21);
  const intro = hasIntro ? { startSeconds, endSeconds: startSeconds + 45 + (h('il') % 21) } : null;
  return { id: episodeId(title.id, season, number), season, number, title: name, synopsis, runtimeMinutes, intro };
}

/** A series' episodes, in viewing order, by title id. */
const SERIES: ReadonlyMap<string, readonly Episode[]> = new Map(
  CATALOG.filter((t) => t.title in SERIES_SHAPES).map((t) => {
    const shape = SERIES_SHAPES[t.title]!;
    const episodes = shape.seasons.flatMap((count, s) => Array.from({ length: count }, (_, e) => makeEpisode(t, shape, s + 1, e + 1)));
    return [t.id, episodes] as const;
  }),
);

/** The ids of the series in the catalog. */
export const SERIES_IDS: readonly string[] = [...SERIES.keys()];

/** A series' episodes in viewing order (season by season), or undefined for a film. */
export function episodesOf(titleId: string): readonly Episode[] | undefined {
  return SERIES.get(titleId);
}

/** One episode of a series, or undefined (no such episode, or not this title's). */
export function findEpisode(titleId: string, id: string): Episode | undefined {
  return SERIES.get(titleId)?.find((e) => e.id === id);
}

/** The episode after this one (the next season's first after a season's last), or null after the last. */
export function episodeAfter(titleId: string, id: string): Episode | null {
  const episodes = SERIES.get(titleId) ?? [];
  const at = episodes.findIndex((e) => e.id === id);
  return at >= 0 ? (episodes[at + 1] ?? null) : null;
}
