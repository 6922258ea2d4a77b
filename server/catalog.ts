/** Catalog reads and the home-screen layout (hero + rows), filtered for Kids profiles here. */
import type { HomeResponse } from '../shared/api';
import type { CatalogRow, Profile, Title } from '../shared/types';
import type { Database } from './db';
import { GENRES } from './catalog-data';

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

const ROW_SIZE = 12;
const MIN_GENRE_ROW = 3;

/** Writes titles into the catalog table. Caller owns the transaction. */
export function insertTitles(db: Database, titles: readonly Title[]): void {
  const insert = db.prepare(
    `INSERT INTO titles (id, title, year, genre, rating, runtime_minutes, synopsis, kids, hue)
     VALUES (@id, @title, @year, @genre, @rating, @runtimeMinutes, @synopsis, @kids, @hue)`,
  );
  for (const t of titles) insert.run({ ...t, kids: t.kids ? 1 : 0 });
}

/** Catalog titles in insertion order; only kids titles when `kidsOnly`. */
export function listTitles(db: Database, kidsOnly: boolean): Title[] {
  const sql = kidsOnly ? 'SELECT * FROM titles WHERE kids = 1 ORDER BY rowid' : 'SELECT * FROM titles ORDER BY rowid';
  return (db.prepare(sql).all() as TitleRow[]).map((r) => ({
    id: r.id,
    title: r.title,
    year: r.year,
    genre: r.genre,
    rating: r.rating,
    runtimeMinutes: r.runtime_minutes,
    synopsis: r.synopsis,
    kids: r.kids === 1,
    hue: r.hue,
  }));
}

/** FNV-1a: a cheap, stable hash so "trending" and the hero are deterministic. */
function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The home screen for a profile from the titles it may see (the caller passes only kids titles
 * for a Kids profile). Returns null when there is nothing to show.
 */
export function buildHome(titles: readonly Title[], profile: Profile): HomeResponse | null {
  if (titles.length === 0) return null;
  const trending = [...titles].sort((a, b) => stableHash(a.id) - stableHash(b.id)).slice(0, ROW_SIZE);
  const newest = [...titles].sort((a, b) => b.year - a.year || a.title.localeCompare(b.title)).slice(0, ROW_SIZE);
  const rows: CatalogRow[] = [
    { id: 'trending', kind: 'trending', title: 'Trending Now', items: trending },
    { id: 'new', kind: 'new', title: 'New Releases', items: newest },
  ];
  const genres = [...GENRES, ...new Set(titles.map((t) => t.genre))].filter((g, i, all) => all.indexOf(g) === i);
  for (const genre of genres) {
    const items = titles.filter((t) => t.genre === genre);
    if (items.length >= MIN_GENRE_ROW) rows.push({ kind: 'genre', id: `genre-${genre.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, title: genre, items });
  }
  const heroPool = trending.slice(0, Math.min(5, trending.length));
  const hero = heroPool[stableHash(profile.id) % heroPool.length]!;
  return { hero, rows };
}
