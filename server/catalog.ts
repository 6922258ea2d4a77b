/**
 * Catalog reads, the home-screen layout (hero + rows), title pages, search, My List and watch
 * progress. Each profile's maturity level is applied here, in the queries, never by the client.
 */
import type { HomeResponse } from '../shared/api';
// FNV-1a, the same stable hash the art uses: "trending" and the hero are deterministic.
import { hashString } from '../shared/art';
import { ratingsFor, type MaturityLevel } from '../shared/maturity';
import {
  FINISHED_FRACTION,
  STARTED_SECONDS,
  type CatalogRow,
  type Episode,
  type EpisodeRef,
  type Profile,
  type Season,
  type Title,
  type TitleCard,
  type TitleDetails,
  type WatchProgress,
} from '../shared/types';
import type { Database } from './db';
import { GENRES } from './catalog-data';
import { episodeAfter, episodesOf, findEpisode } from './series-data';

interface TitleRow {
  id: string;
  title: string;
  year: number;
  genre: string;
  rating: string;
  runtime_minutes: number;
  synopsis: string;
  kids: number;
  hue: number;
}

interface ProgressColumns {
  position_seconds: number;
  duration_seconds: number;
  updated_at: string;
  /** A series: the episode the progress is in. */
  episode_id: string | null;
}

interface EpisodeProgressRow {
  episode_id: string;
  position_seconds: number;
  duration_seconds: number;
  finished: number;
  watched: number;
  updated_at: string;
}

const ROW_SIZE = 12;
const MIN_GENRE_ROW = 3;
/** The most tiles Continue Watching and My List carry. */
const PERSONAL_ROW_SIZE = 40;
/** The most search results. */
export const MAX_SEARCH_RESULTS = 40;

/** Columns of `titles t`, for queries that join other tables. */
const TITLE_COLUMNS = 't.id, t.title, t.year, t.genre, t.rating, t.runtime_minutes, t.synopsis, t.kids, t.hue';
/**
 * The maturity filter: bound to @ratings, the JSON array of the ratings the profile's level may
 * see, or NULL for a level with no limit ("All").
 */
const MATURITY_FILTER = '(@ratings IS NULL OR t.rating IN (SELECT value FROM json_each(@ratings)))';

/** The @ratings parameter of MATURITY_FILTER for a level. */
function ratingsParam(level: MaturityLevel): string | null {
  const ratings = ratingsFor(level);
  return ratings === null ? null : JSON.stringify(ratings);
}

/** Writes titles into the catalog table. Caller owns the transaction. */
export function insertTitles(db: Database, titles: readonly Title[]): void {
  const insert = db.prepare(
    `INSERT INTO titles (id, title, year, genre, rating, runtime_minutes, synopsis, kids, hue)
     VALUES (@id, @title, @year, @genre, @rating, @runtimeMinutes, @synopsis, @kids, @hue)`,
  );
  for (const t of titles) insert.run({ ...t, kids: t.kids ? 1 : 0 });
}

function toTitle(r: TitleRow): Title {
  return {
    id: r.id,
    title: r.title,
    year: r.year,
    genre: r.genre,
    rating: r.rating,
    runtimeMinutes: r.runtime_minutes,
    synopsis: r.synopsis,
    kids: r.kids === 1,
    hue: r.hue,
    ...seasonCountOf(r.id),
  };
}

/** `{ seasonCount }` for a series, nothing for a film. */
function seasonCountOf(titleId: string): { seasonCount?: number } {
  const episodes = episodesOf(titleId);
  return episodes ? { seasonCount: episodes[episodes.length - 1]!.season } : {};
}

/** The short form of an episode (Continue Watching, "Resume S2:E3"). */
export function episodeRef(e: Episode): EpisodeRef {
  return { id: e.id, season: e.season, number: e.number, title: e.title };
}

function toProgress(r: ProgressColumns, titleId: string): WatchProgress {
  const progress: WatchProgress = { positionSeconds: r.position_seconds, durationSeconds: r.duration_seconds, updatedAt: r.updated_at };
  const episode = r.episode_id ? findEpisode(titleId, r.episode_id) : undefined;
  if (episode) progress.episode = episodeRef(episode);
  return progress;
}

/** Catalog titles in insertion order that a profile at `level` may see. */
export function listTitles(db: Database, level: MaturityLevel): Title[] {
  const rows = db.prepare(`SELECT ${TITLE_COLUMNS} FROM titles t WHERE ${MATURITY_FILTER} ORDER BY t.rowid`).all({ ratings: ratingsParam(level) }) as TitleRow[];
  return rows.map(toTitle);
}

/** One title a profile at `level` may see: undefined when it does not exist, or is rated above the level. */
export function findTitle(db: Database, titleId: string, level: MaturityLevel): Title | undefined {
  const row = db.prepare(`SELECT ${TITLE_COLUMNS} FROM titles t WHERE t.id = @titleId AND ${MATURITY_FILTER}`).get({ titleId, ratings: ratingsParam(level) }) as
    | TitleRow
    | undefined;
  return row && toTitle(row);
}

/**
 * The profile's unfinished titles it may still see, newest save first, each with its progress
 * (a title above a level lowered since stays saved, hidden until the level allows it again).
 */
export function continueWatching(db: Database, profile: Pick<Profile, 'id' | 'maturity'>): TitleCard[] {
  const rows = db
    .prepare(
      `SELECT ${TITLE_COLUMNS}, w.position_seconds, w.duration_seconds, w.updated_at, w.episode_id
         FROM watch_progress w JOIN titles t ON t.id = w.title_id
        WHERE w.profile_id = @profileId AND w.finished = 0 AND ${MATURITY_FILTER}
        ORDER BY w.updated_at DESC LIMIT ${PERSONAL_ROW_SIZE}`,
    )
    .all({ profileId: profile.id, ratings: ratingsParam(profile.maturity) }) as (TitleRow & ProgressColumns)[];
  return rows.map((r) => ({ ...toTitle(r), progress: toProgress(r, r.id) }));
}

/** The profile's My List (the titles it may still see), newest added first. */
export function myList(db: Database, profile: Pick<Profile, 'id' | 'maturity'>): Title[] {
  const rows = db
    .prepare(
      `SELECT ${TITLE_COLUMNS} FROM my_list m JOIN titles t ON t.id = m.title_id
        WHERE m.profile_id = @profileId AND ${MATURITY_FILTER}
        ORDER BY m.added_at DESC LIMIT ${PERSONAL_ROW_SIZE}`,
    )
    .all({ profileId: profile.id, ratings: ratingsParam(profile.maturity) }) as TitleRow[];
  return rows.map(toTitle);
}

/** A title page for a profile (the caller has checked the profile may see the title). */
export function titleDetails(db: Database, profileId: string, title: Title): TitleDetails {
  const inMyList = db.prepare('SELECT 1 FROM my_list WHERE profile_id = ? AND title_id = ?').get(profileId, title.id) !== undefined;
  const progress = db
    .prepare('SELECT position_seconds, duration_seconds, updated_at, episode_id FROM watch_progress WHERE profile_id = ? AND title_id = ? AND finished = 0')
    .get(profileId, title.id) as ProgressColumns | undefined;
  return { ...title, inMyList, progress: progress ? toProgress(progress, title.id) : null, seasons: seasonsOf(db, profileId, title.id) };
}

/** A series' seasons with this profile's progress in each episode; null for a film. */
function seasonsOf(db: Database, profileId: string, titleId: string): Season[] | null {
  const episodes = episodesOf(titleId);
  if (!episodes) return null;
  const rows = db
    .prepare('SELECT episode_id, position_seconds, duration_seconds, finished, watched, updated_at FROM episode_progress WHERE profile_id = ? AND title_id = ?')
    .all(profileId, titleId) as EpisodeProgressRow[];
  const byId = new Map(rows.map((r) => [r.episode_id, r]));
  const seasons: Season[] = [];
  for (const e of episodes) {
    const row = byId.get(e.id);
    const progress = row && row.finished === 0 ? { positionSeconds: row.position_seconds, durationSeconds: row.duration_seconds, updatedAt: row.updated_at } : null;
    let season = seasons[seasons.length - 1];
    if (season?.number !== e.season) seasons.push((season = { number: e.season, episodes: [] }));
    season.episodes.push({ ...e, progress, watched: row?.watched === 1 });
  }
  return seasons;
}

let lastStamp = 0;

/**
 * Now as an ISO string, strictly later than the previous stamp of this process: two saves in the
 * same millisecond (two devices, a quick add and remove) still order newest first.
 */
function orderedNowIso(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}

/** Adds a title to (inList) or removes it from a profile's My List; both idempotent (adding again keeps its place). */
export function setInMyList(db: Database, profileId: string, titleId: string, inList: boolean): void {
  if (inList) {
    db.prepare('INSERT INTO my_list (profile_id, title_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(profileId, titleId, orderedNowIso());
  } else {
    db.prepare('DELETE FROM my_list WHERE profile_id = ? AND title_id = ?').run(profileId, titleId);
  }
}

/** Forgets where a profile is in a title ("Remove from Continue Watching"), a series' episodes too; nothing to forget is fine. */
export function forgetProgress(db: Database, profileId: string, titleId: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM watch_progress WHERE profile_id = ? AND title_id = ?').run(profileId, titleId);
    db.prepare('DELETE FROM episode_progress WHERE profile_id = ? AND title_id = ?').run(profileId, titleId);
  })();
}

/** Upserts the title's row: where the profile is in it (a series: in which episode). */
function upsertTitleProgress(db: Database, row: { profileId: string; titleId: string; position: number; duration: number; finished: number; episodeId: string | null }): void {
  db.prepare(
    `INSERT INTO watch_progress (profile_id, title_id, position_seconds, duration_seconds, finished, updated_at, episode_id)
     VALUES (@profileId, @titleId, @position, @duration, @finished, @now, @episodeId)
     ON CONFLICT (profile_id, title_id) DO UPDATE SET
       position_seconds = excluded.position_seconds, duration_seconds = excluded.duration_seconds,
       finished = excluded.finished, updated_at = excluded.updated_at, episode_id = excluded.episode_id`,
  ).run({ ...row, position: Math.floor(row.position), now: orderedNowIso() });
}

/**
 * Records where a profile is in a title (one upsert: the player saves every few seconds). The
 * position is clamped to the title's length; at or past FINISHED_FRACTION of it the title counts
 * as finished (it leaves Continue Watching and the title page offers Play, not Resume). Before
 * STARTED_SECONDS the progress is forgotten (opened and left at once: not started).
 *
 * A series is saved per episode (`episode`, required for a series): the episode keeps its own
 * progress, and the series' row follows it. When an episode is finished, the series' "next up"
 * moves to the following episode (at the position it was left at, else 0); after the last episode
 * the series is finished. An episode left before STARTED_SECONDS keeps nothing new.
 */
export function saveProgress(db: Database, profileId: string, title: Title, positionSeconds: number, episode?: Episode): void {
  if (episode) {
    db.transaction(() => saveEpisodeProgress(db, profileId, title, episode, positionSeconds))();
    return;
  }
  if (positionSeconds < STARTED_SECONDS) {
    db.prepare('DELETE FROM watch_progress WHERE profile_id = ? AND title_id = ?').run(profileId, title.id);
    return;
  }
  const duration = title.runtimeMinutes * 60;
  const position = Math.min(positionSeconds, duration);
  const finished = position >= duration * FINISHED_FRACTION ? 1 : 0;
  upsertTitleProgress(db, { profileId, titleId: title.id, position, duration, finished, episodeId: null });
}

function saveEpisodeProgress(db: Database, profileId: string, title: Title, episode: Episode, positionSeconds: number): void {
  const keyOf = { profileId, titleId: title.id, episodeId: episode.id };
  if (positionSeconds < STARTED_SECONDS) {
    // Opened and left at once: an episode never watched forgets it; a watched one stays watched.
    db.prepare('DELETE FROM episode_progress WHERE profile_id = @profileId AND title_id = @titleId AND episode_id = @episodeId AND watched = 0').run(keyOf);
    db.prepare('UPDATE episode_progress SET finished = 1 WHERE profile_id = @profileId AND title_id = @titleId AND episode_id = @episodeId').run(keyOf);
    return;
  }
  const duration = episode.runtimeMinutes * 60;
  const position = Math.floor(Math.min(positionSeconds, duration));
  const finished = position >= duration * FINISHED_FRACTION ? 1 : 0;
  db.prepare(
    `INSERT INTO episode_progress (profile_id, title_id, episode_id, position_seconds, duration_seconds, finished, watched, updated_at)
     VALUES (@profileId, @titleId, @episodeId, @position, @duration, @finished, @finished, @now)
     ON CONFLICT (profile_id, title_id, episode_id) DO UPDATE SET
       position_seconds = excluded.position_seconds, duration_seconds = excluded.duration_seconds,
       finished = excluded.finished, watched = MAX(watched, excluded.watched), updated_at = excluded.updated_at`,
  ).run({ ...keyOf, position, duration, finished, now: orderedNowIso() });
  if (!finished) {
    upsertTitleProgress(db, { profileId, titleId: title.id, position, duration, finished: 0, episodeId: episode.id });
    return;
  }
  const next = episodeAfter(title.id, episode.id);
  if (!next) {
    upsertTitleProgress(db, { profileId, titleId: title.id, position, duration, finished: 1, episodeId: episode.id });
    return;
  }
  // Next up: the following episode, where it was left if it was started.
  const left = db
    .prepare('SELECT position_seconds FROM episode_progress WHERE profile_id = ? AND title_id = ? AND episode_id = ? AND finished = 0')
    .get(profileId, title.id, next.id) as { position_seconds: number } | undefined;
  upsertTitleProgress(db, { profileId, titleId: title.id, position: left?.position_seconds ?? 0, duration: next.runtimeMinutes * 60, finished: 0, episodeId: next.id });
}

/**
 * The episode a series plays when none is named: its next up (where the profile is), else the
 * first. Undefined for a film.
 */
export function nextUpEpisode(db: Database, profileId: string, titleId: string): Episode | undefined {
  const episodes = episodesOf(titleId);
  if (!episodes) return undefined;
  const row = db.prepare('SELECT episode_id FROM watch_progress WHERE profile_id = ? AND title_id = ? AND finished = 0').get(profileId, titleId) as
    | { episode_id: string | null }
    | undefined;
  return (row?.episode_id ? findEpisode(titleId, row.episode_id) : undefined) ?? episodes[0];
}

/**
 * The form search compares: lower case, accents and apostrophes dropped (so "crumbs", "crumb's"
 * and "Crumb’s" agree), every other run of punctuation or space turned into one space.
 */
export function searchForm(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Where `needle` starts a word of `hay` (both in searchForm), or -1. */
function wordStartIndex(hay: string, needle: string): number {
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) {
    if (i === 0 || hay[i - 1] === ' ') return i;
  }
  return -1;
}

/**
 * Titles matching a query, best first: the title starts with it, then a word of the title starts
 * with it, then the title contains it, then a genre word, then a synopsis word, then titles where
 * every word of the query starts a word somewhere (title, genre, synopsis). Case, accents and
 * punctuation do not matter. At most MAX_SEARCH_RESULTS; an empty query finds nothing.
 */
export function searchTitles(titles: readonly Title[], query: string): Title[] {
  const q = searchForm(query);
  if (!q) return [];
  const words = q.split(' ');
  const ranked: { title: Title; tier: number; at: number }[] = [];
  for (const title of titles) {
    const match = rankMatch(q, words, searchForm(title.title), searchForm(title.genre), searchForm(title.synopsis));
    if (match) ranked.push({ title, ...match });
  }
  ranked.sort((a, b) => a.tier - b.tier || a.at - b.at || a.title.title.localeCompare(b.title.title));
  return ranked.slice(0, MAX_SEARCH_RESULTS).map((r) => r.title);
}

/** How well one title matches (lower tier first, then earlier in the text), or null for no match. */
function rankMatch(q: string, words: readonly string[], name: string, genre: string, synopsis: string): { tier: number; at: number } | null {
  if (name.startsWith(q)) return { tier: 0, at: 0 };
  const nameWord = wordStartIndex(name, q);
  if (nameWord !== -1) return { tier: 1, at: nameWord };
  const inName = name.indexOf(q);
  if (inName !== -1) return { tier: 2, at: inName };
  if (wordStartIndex(genre, q) !== -1) return { tier: 3, at: 0 };
  const synopsisWord = wordStartIndex(synopsis, q);
  if (synopsisWord !== -1) return { tier: 4, at: synopsisWord };
  const everyWord = words.length > 1 && words.every((w) => [name, genre, synopsis].some((field) => wordStartIndex(field, w) !== -1));
  return everyWord ? { tier: 5, at: 0 } : null;
}

/** The personal rows that go in front of the catalog rows (empty ones are left out). */
export interface PersonalRows {
  continueWatching: TitleCard[];
  myList: Title[];
}

/**
 * The home screen for a profile from the titles it may see (the caller passes only the titles
 * its maturity level allows, and personal rows read with the same filter): Continue Watching, My List,
 * Trending, New, then genre rows. Returns null when there is nothing to show.
 */
export function buildHome(titles: readonly Title[], profile: Profile, personal: PersonalRows = { continueWatching: [], myList: [] }): HomeResponse | null {
  if (titles.length === 0) return null;
  const trending = [...titles].sort((a, b) => hashString(a.id) - hashString(b.id)).slice(0, ROW_SIZE);
  const newest = [...titles].sort((a, b) => b.year - a.year || a.title.localeCompare(b.title)).slice(0, ROW_SIZE);
  const rows: CatalogRow[] = [
    { id: 'continue-watching', kind: 'continue-watching', title: 'Continue Watching', items: personal.continueWatching },
    { id: 'my-list', kind: 'my-list', title: 'My List', items: personal.myList },
    { id: 'trending', kind: 'trending', title: 'Trending Now', items: trending },
    { id: 'new', kind: 'new', title: 'New Releases', items: newest },
  ];
  const genres = [...GENRES, ...new Set(titles.map((t) => t.genre))].filter((g, i, all) => all.indexOf(g) === i);
  for (const genre of genres) {
    const items = titles.filter((t) => t.genre === genre);
    if (items.length >= MIN_GENRE_ROW) rows.push({ kind: 'genre', id: `genre-${genre.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, title: genre, items });
  }
  // The hero is chosen for the profile: never a children's title for a grown-up profile, and
  // from the genre the profile watches or saves most recently when there is one.
  const fits = (t: Title) => profile.kids || !t.kids;
  const recentGenre = personal.continueWatching[0]?.genre ?? personal.myList[0]?.genre;
  const byTaste = recentGenre ? titles.filter((t) => fits(t) && t.genre === recentGenre) : [];
  const forProfile = trending.filter(fits);
  const heroPool = (byTaste.length > 0 ? byTaste : forProfile.length > 0 ? forProfile : trending).slice(0, 5);
  const hero = heroPool[hashString(profile.id) % heroPool.length]!;
  return { hero, rows: rows.filter((r) => r.items.length > 0) };
}
