/** Opens the service's SQLite database with the pragmas it relies on, and migrates it. */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { migrate } from './migrations';

/** The better-sqlite3 connection type, re-exported so other modules import it from one place. */
export type { Database };

/** The database file cannot be used as it is; the message says why and what to do, in one line. */
export class DatabaseFileError extends Error {
  override readonly name = 'DatabaseFileError';
}

/**
 * Opens (creating if needed) the database at `path` (a file or ':memory:'), ready to use, and
 * says whether it was created now. A file that exists is checked first: an empty one or one that
 * fails SQLite's integrity check is refused with a DatabaseFileError (never silently replaced
 * or re-seeded: it may hold a household's data).
 */
export function openDatabase(path: string): Database & { createdNow: boolean } {
  let existed = false;
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    try {
      const stat = statSync(path);
      existed = true;
      if (stat.isDirectory()) throw new DatabaseFileError(`${path} is a folder, not a database file. Move it aside, or pass another --data-dir.`);
      if (stat.size === 0) {
        throw new DatabaseFileError(`${path} is empty (0 bytes): refusing to start over it, since it should hold the service's data. Move it aside to start with a fresh database.`);
      }
    } catch (err) {
      if (err instanceof DatabaseFileError) throw err;
    }
  }
  const db = new BetterSqlite3(path);
  try {
    if (existed) {
      let verdict: string;
      try {
        verdict = (db.pragma('quick_check', { simple: true }) as string) ?? 'no answer';
      } catch (err) {
        verdict = (err as Error).message;
      }
      if (verdict !== 'ok') {
        throw new DatabaseFileError(`${path} is damaged (SQLite's integrity check says: ${verdict.split('\n')[0]}). Restore it from a backup, or move it aside to start with a fresh database.`);
      }
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return Object.assign(db, { createdNow: !existed });
}

/** True when the database answers a query (the health check): false when it cannot be read. */
export function databaseAnswers(db: Database): boolean {
  try {
    return (db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n >= 0;
  } catch {
    return false;
  }
}

/** The current time as an ISO-8601 UTC string, the format every timestamp column uses. */
export function nowIso(): string {
  return new Date().toISOString();
}
