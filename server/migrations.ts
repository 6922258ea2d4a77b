/** Schema migrations, applied in order and tracked with `PRAGMA user_version`. */
import type { Database } from 'better-sqlite3';

/** Each entry moves the schema from version i to i + 1. Append only; never edit a shipped entry. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE accounts (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL COLLATE NOCASE UNIQUE,
    password_hash TEXT NOT NULL,
    plan          TEXT NOT NULL,
    created_at    TEXT NOT NULL
  );

  CREATE TABLE profiles (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    avatar     TEXT NOT NULL,
    kids       INTEGER NOT NULL DEFAULT 0 CHECK (kids IN (0, 1)),
    position   INTEGER NOT NULL
  );
  CREATE INDEX profiles_by_account ON profiles(account_id, position);

  CREATE TABLE devices (
    id             TEXT PRIMARY KEY,
    account_id     TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    platform       TEXT NOT NULL,
    app_version    TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    last_active_at TEXT NOT NULL
  );
  CREATE INDEX devices_by_account ON devices(account_id);

  CREATE TABLE sessions (
    id            TEXT PRIMARY KEY,
    account_id    TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    device_id     TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    token_hash    TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind IN ('device', 'web')),
    created_at    TEXT NOT NULL,
    last_used_at  TEXT NOT NULL,
    revoked_at    TEXT,
    revoke_reason TEXT CHECK (revoke_reason IS NULL OR revoke_reason IN ('user', 'all-devices', 'device-removed', 'expired')),
    CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
  );
  CREATE INDEX sessions_live_by_account ON sessions(account_id) WHERE revoked_at IS NULL;

  CREATE TABLE titles (
    id              TEXT PRIMARY KEY,
    title           TEXT NOT NULL,
    year            INTEGER NOT NULL,
    genre           TEXT NOT NULL,
    rating          TEXT NOT NULL,
    runtime_minutes INTEGER NOT NULL,
    synopsis        TEXT NOT NULL,
    kids            INTEGER NOT NULL DEFAULT 0 CHECK (kids IN (0, 1)),
    hue             INTEGER NOT NULL CHECK (hue BETWEEN 0 AND 359)
  );
  `,
];

/** Brings the schema up to date; each step runs in its own transaction with its version bump. */
export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database schema is version ${current}, newer than this server knows (${MIGRATIONS.length}). ` +
        'Use a newer Couchside server or a fresh data directory.',
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version]!;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
