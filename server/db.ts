/** Opens the service's SQLite database with the pragmas it relies on, and migrates it. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { migrate } from './migrations';

/** The better-sqlite3 connection type, re-exported so other modules import it from one place. */
export type { Database };

/** Opens (creating if needed) the database at `path` (a file or ':memory:'), ready to use. */
export function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** The current time as an ISO-8601 UTC string, the format every timestamp column uses. */
export function nowIso(): string {
  return new Date().toISOString();
}
