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
  // v2: sessions become token families (short-lived access tokens, rotating refresh tokens), web
  // sessions keep one cookie token, a new 'password-changed' reason, and device details for the
  // devices list. A v1 device session had one long-lived token and no refresh token, so it cannot
  // continue as a family: live ones end with reason 'expired' (their token is refused with that
  // reason, so the client asks for a fresh sign-in), revoked ones keep their reason.
  `
  CREATE TABLE sessions_v2 (
    id             TEXT PRIMARY KEY,
    account_id     TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    device_id      TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('device', 'web')),
    web_token_hash TEXT UNIQUE,
    created_at     TEXT NOT NULL,
    last_used_at   TEXT NOT NULL,
    revoked_at     TEXT,
    revoke_reason  TEXT CHECK (revoke_reason IS NULL OR revoke_reason IN ('user', 'all-devices', 'device-removed', 'password-changed', 'expired')),
    CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL)),
    CHECK ((kind = 'web') = (web_token_hash IS NOT NULL))
  );
  INSERT INTO sessions_v2 (id, account_id, device_id, kind, web_token_hash, created_at, last_used_at, revoked_at, revoke_reason)
    SELECT id, account_id, device_id, kind,
           CASE WHEN kind = 'web' THEN token_hash END,
           created_at, last_used_at,
           CASE WHEN kind = 'device' AND revoked_at IS NULL THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ELSE revoked_at END,
           CASE WHEN kind = 'device' AND revoked_at IS NULL THEN 'expired' ELSE revoke_reason END
      FROM sessions;

  CREATE TABLE access_tokens (
    token_hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions_v2(id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO access_tokens (token_hash, session_id, expires_at)
    SELECT token_hash, id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM sessions WHERE kind = 'device';

  DROP TABLE sessions;
  -- Renaming also repoints access_tokens' foreign key at the new name.
  ALTER TABLE sessions_v2 RENAME TO sessions;
  CREATE INDEX sessions_live_by_account ON sessions(account_id) WHERE revoked_at IS NULL;
  CREATE INDEX sessions_by_device ON sessions(device_id);
  CREATE INDEX access_tokens_by_session ON access_tokens(session_id);
  CREATE INDEX access_tokens_by_expiry ON access_tokens(expires_at);

  CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    used_at    TEXT
  ) WITHOUT ROWID;
  CREATE INDEX refresh_tokens_by_session ON refresh_tokens(session_id);
  CREATE INDEX refresh_tokens_used ON refresh_tokens(used_at) WHERE used_at IS NOT NULL;

  ALTER TABLE devices ADD COLUMN last_profile_id TEXT REFERENCES profiles(id) ON DELETE SET NULL;
  ALTER TABLE devices ADD COLUMN location TEXT NOT NULL DEFAULT 'Unknown';
  CREATE INDEX devices_by_last_profile ON devices(last_profile_id);
  `,
  // v3: profile locks. A profile may carry a PIN hash (scrypt, like passwords); wrong tries are
  // counted per profile (so every device shares the limit) with a lock-out that doubles each
  // time; profile_unlocks records which sessions have opened which locked profiles, and when.
  `
  ALTER TABLE profiles ADD COLUMN pin_hash TEXT;
  ALTER TABLE profiles ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0 CHECK (pin_failures >= 0);
  ALTER TABLE profiles ADD COLUMN pin_lockouts INTEGER NOT NULL DEFAULT 0 CHECK (pin_lockouts >= 0);
  ALTER TABLE profiles ADD COLUMN pin_locked_until TEXT;

  CREATE TABLE profile_unlocks (
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    unlocked_at TEXT NOT NULL,
    PRIMARY KEY (session_id, profile_id)
  ) WITHOUT ROWID;
  CREATE INDEX profile_unlocks_by_profile ON profile_unlocks(profile_id);
  CREATE INDEX profile_unlocks_by_time ON profile_unlocks(unlocked_at);
  `,
  // v4: browse and play. Each profile's My List, and how far it got in each title (Continue
  // Watching and "Resume" read it on every device of the account).
  `
  CREATE TABLE my_list (
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    title_id   TEXT NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
    added_at   TEXT NOT NULL,
    PRIMARY KEY (profile_id, title_id)
  ) WITHOUT ROWID;
  CREATE INDEX my_list_by_time ON my_list(profile_id, added_at);

  CREATE TABLE watch_progress (
    profile_id       TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    title_id         TEXT NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
    position_seconds INTEGER NOT NULL CHECK (position_seconds >= 0),
    duration_seconds INTEGER NOT NULL CHECK (duration_seconds > 0),
    finished         INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (profile_id, title_id)
  ) WITHOUT ROWID;
  -- Continue Watching: a profile's unfinished titles, newest save first.
  CREATE INDEX watch_progress_recent ON watch_progress(profile_id, updated_at) WHERE finished = 0;
  `,
  // v5: sign in with a code (RFC 8628 device authorization). Only a hash of the device code is
  // kept; the short user code is what a person types on the account page's activation page.
  `
  CREATE TABLE device_codes (
    device_code_hash TEXT PRIMARY KEY,
    user_code        TEXT NOT NULL UNIQUE,
    device_name      TEXT NOT NULL,
    platform         TEXT NOT NULL,
    app_version      TEXT NOT NULL,
    location         TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    interval_seconds INTEGER NOT NULL CHECK (interval_seconds > 0),
    last_polled_at   TEXT,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied', 'used')),
    account_id       TEXT REFERENCES accounts(id) ON DELETE CASCADE,
    CHECK (status NOT IN ('approved', 'used') OR account_id IS NOT NULL)
  ) WITHOUT ROWID;
  CREATE INDEX device_codes_by_expiry ON device_codes(expires_at);
  `,
  // Which client address asked for each sign-in code, so one client cannot keep thousands pending.
  `
  ALTER TABLE device_codes ADD COLUMN client_address TEXT NOT NULL DEFAULT '';
  CREATE INDEX device_codes_by_client ON device_codes(client_address, status, expires_at);
  `,
  // Wrong passwords per account (guessing limits), kept across restarts.
  `
  CREATE TABLE password_failures (
    account_id      TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    first_failed_at TEXT NOT NULL,
    failures        INTEGER NOT NULL CHECK (failures > 0)
  ) WITHOUT ROWID;
  `,
  // Device names per account (a signing-in device's name is checked against the live ones).
  `
  CREATE INDEX devices_by_account_name ON devices(account_id, name COLLATE NOCASE);
  `,
  // Maturity levels (shared/maturity.ts) replace the Kids flag: a Kids profile becomes 'kids',
  // every other one 'all' (what it saw before). The flag goes, so there is one truth.
  `
  ALTER TABLE profiles ADD COLUMN maturity TEXT NOT NULL DEFAULT 'all'
    CHECK (maturity IN ('kids', 'older-kids', 'teens', 'all'));
  UPDATE profiles SET maturity = CASE WHEN kids = 1 THEN 'kids' ELSE 'all' END;
  ALTER TABLE profiles DROP COLUMN kids;
  `,
  // Series: a series' row in watch_progress names the episode it is in (its "next up"), and each
  // episode a profile started keeps its own progress (the episode list's bars). Episodes are
  // catalog data in code (series-data.ts), named here by id.
  `
  ALTER TABLE watch_progress ADD COLUMN episode_id TEXT;
  CREATE TABLE episode_progress (
    profile_id       TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    title_id         TEXT NOT NULL REFERENCES titles(id) ON DELETE CASCADE,
    episode_id       TEXT NOT NULL,
    position_seconds INTEGER NOT NULL CHECK (position_seconds >= 0),
    duration_seconds INTEGER NOT NULL CHECK (duration_seconds > 0),
    finished         INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
    watched          INTEGER NOT NULL DEFAULT 0 CHECK (watched IN (0, 1)),
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (profile_id, title_id, episode_id)
  ) WITHOUT ROWID;
  `,
  // Streams: one row per playback a device started (POST /v1/playback), touched by its media
  // requests; the plan's screen limit counts the live ones. Times in ms on the service's clock.
  `
  CREATE TABLE playback_streams (
    id           TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    session_id   TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    device_id    TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
    profile_id   TEXT REFERENCES profiles(id) ON DELETE SET NULL,
    title_id     TEXT NOT NULL,
    started_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    ended_at     INTEGER,
    end_reason   TEXT CHECK (end_reason IN ('ended', 'replaced', 'stopped')),
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
  ) WITHOUT ROWID;
  CREATE INDEX playback_streams_live ON playback_streams(account_id, last_seen_at) WHERE ended_at IS NULL;
  CREATE INDEX playback_streams_by_session ON playback_streams(session_id) WHERE ended_at IS NULL;
  `,
  // Each profile's languages: the audio and subtitles (NULL: Off) the player starts with on every device.
  `
  ALTER TABLE profiles ADD COLUMN audio_language TEXT NOT NULL DEFAULT 'en';
  ALTER TABLE profiles ADD COLUMN subtitle_language TEXT;
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
