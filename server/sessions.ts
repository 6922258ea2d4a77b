/** Session rows: sign-in, token lookup, activity, and the revocation writes. */
import type { DeviceInfo, TokenSet } from '../shared/api';
import type { SignOutReason } from '../shared/types';
import { nowIso, type Database } from './db';
import { distinctDeviceName } from './devices';
import { LOCATION_UNKNOWN } from './location';
import { DEFAULT_ACCESS_TTL_MS, issueTokens } from './token-family';
import { hashToken, newId, newToken } from './tokens';

/** Where a session was created: a client device, or the account web page. */
export type SessionKind = 'device' | 'web';

/** A session found by one of its tokens, with the account fields every caller needs. */
export interface SessionRecord {
  id: string;
  accountId: string;
  deviceId: string;
  kind: SessionKind;
  revokedAt: string | null;
  revokeReason: SignOutReason | null;
  email: string;
  plan: string;
  accountCreatedAt: string;
  /** When the session began (sign-in), and when it was last used: its lifetimes run from these. */
  createdAt: string;
  lastUsedAt: string;
}

/** A session found by an access token, with that token's expiry. */
export interface AccessTokenRecord {
  session: SessionRecord;
  expiresAt: string;
}

/** What a sign-in hands back (tokens are only ever seen here), plus the new rows' ids. */
export interface NewSession {
  sessionId: string;
  deviceId: string;
  /** The bearer to use now: a device family's access token, or a web session's cookie token. */
  token: string;
  /** Device families only: the full token set (null for web sessions). */
  tokens: TokenSet | null;
}

/** Options for createSession. */
export interface NewSessionOptions {
  /** Approximate location of the signing-in client (see location.ts). */
  location?: string;
  /** Access token lifetime for device families. Default DEFAULT_ACCESS_TTL_MS. */
  accessTtlMs?: number;
}

/** A session that a revocation write just ended. */
export interface RevokedSession {
  id: string;
  accountId: string;
}

const SESSION_COLUMNS = `s.id, s.account_id AS accountId, s.device_id AS deviceId, s.kind, s.revoked_at AS revokedAt, s.created_at AS createdAt, s.last_used_at AS lastUsedAt,
  s.revoke_reason AS revokeReason, a.email, a.plan, a.created_at AS accountCreatedAt`;

/**
 * Creates a device row and its session in one transaction. A device session is a token family
 * (access + refresh token); a web session has one long-lived cookie token.
 */
export function createSession(db: Database, accountId: string, device: DeviceInfo, kind: SessionKind, opts: NewSessionOptions = {}): NewSession {
  const sessionId = newId();
  const deviceId = newId();
  const now = nowIso();
  const webToken = kind === 'web' ? newToken() : null;
  const tokens = db.transaction(() => {
    db.prepare(
      'INSERT INTO devices (id, account_id, name, platform, app_version, created_at, last_active_at, location) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(deviceId, accountId, distinctDeviceName(db, accountId, device.name), device.platform, device.appVersion, now, now, opts.location ?? LOCATION_UNKNOWN);
    db.prepare(
      'INSERT INTO sessions (id, account_id, device_id, kind, web_token_hash, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(sessionId, accountId, deviceId, kind, webToken && hashToken(webToken), now, now);
    return kind === 'device' ? issueTokens(db, sessionId, opts.accessTtlMs ?? DEFAULT_ACCESS_TTL_MS) : null;
  })();
  return { sessionId, deviceId, token: tokens ? tokens.accessToken : webToken!, tokens };
}

/** The device session behind an access token (live or revoked) and the token's expiry; undefined when unknown. */
export function findSessionByAccessToken(db: Database, token: string): AccessTokenRecord | undefined {
  const row = db
    .prepare(
      `SELECT ${SESSION_COLUMNS}, t.expires_at AS expiresAt
         FROM access_tokens t JOIN sessions s ON s.id = t.session_id JOIN accounts a ON a.id = s.account_id
        WHERE t.token_hash = ?`,
    )
    .get(hashToken(token)) as (SessionRecord & { expiresAt: string }) | undefined;
  if (!row) return undefined;
  const { expiresAt, ...session } = row;
  return { session, expiresAt };
}

/** The web session behind a cookie token, live or revoked; undefined when unknown. */
export function findSessionByWebToken(db: Database, token: string): SessionRecord | undefined {
  return db
    .prepare(`SELECT ${SESSION_COLUMNS} FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.web_token_hash = ?`)
    .get(hashToken(token)) as SessionRecord | undefined;
}

/** A session by id, live or revoked. */
export function findSessionById(db: Database, sessionId: string): SessionRecord | undefined {
  return db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id = ?`).get(sessionId) as
    | SessionRecord
    | undefined;
}

/** True while the session exists and has not been revoked. */
export function isSessionLive(db: Database, sessionId: string): boolean {
  return db.prepare('SELECT 1 FROM sessions WHERE id = ? AND revoked_at IS NULL').get(sessionId) !== undefined;
}

/** Records that the session (and its device) was just used, and from roughly where. */
export function touchSession(db: Database, session: Pick<SessionRecord, 'id' | 'deviceId'>, location?: string): void {
  const now = nowIso();
  db.transaction(() => {
    db.prepare('UPDATE sessions SET last_used_at = ? WHERE id = ?').run(now, session.id);
    db.prepare('UPDATE devices SET last_active_at = ?, location = COALESCE(?, location) WHERE id = ?').run(now, location ?? null, session.deviceId);
  })();
}

const RETURNING = 'RETURNING id, account_id AS accountId';

/** A session's profile unlocks end with it (same transaction as the revocation write). */
function dropUnlocks(db: Database, revoked: RevokedSession[]): RevokedSession[] {
  const drop = db.prepare('DELETE FROM profile_unlocks WHERE session_id = ?');
  for (const { id } of revoked) drop.run(id);
  return revoked;
}

/** Revokes one session if live; returns the sessions actually revoked (zero or one). Caller owns the transaction. */
export function revokeSessionRow(db: Database, sessionId: string, reason: SignOutReason): RevokedSession[] {
  return dropUnlocks(
    db,
    db
      .prepare(`UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL ${RETURNING}`)
      .all(nowIso(), reason, sessionId) as RevokedSession[],
  );
}

/** An account's live sessions revoked at once: all of them, or all but `exceptSessionId`. */
export interface AccountRevocation {
  accountId: string;
  exceptSessionId?: string;
  /** How many sessions it revoked. */
  count: number;
}

/**
 * Revokes every live session of an account (device and web), except `exceptSessionId` if given.
 * Caller owns the transaction. It answers with the account, not the rows: the account's streams
 * are found by account, and returning 10,000 rows doubled the cost of the write that the whole
 * "sign out of all devices" waits for (about 30 ms against 14).
 */
export function revokeAccountSessions(db: Database, accountId: string, reason: SignOutReason, exceptSessionId?: string): AccountRevocation {
  const { changes } = db
    .prepare(
      `UPDATE sessions SET revoked_at = ?, revoke_reason = ?
        WHERE account_id = ? AND revoked_at IS NULL AND id IS NOT ?`,
    )
    .run(nowIso(), reason, accountId, exceptSessionId ?? null);
  // The unlocks go in one statement driven by the account's few unlock rows, not one DELETE per
  // revoked session: at 10,000 devices that loop was 26 ms of the fan-out's critical path.
  if (changes > 0) {
    db.prepare(
      `DELETE FROM profile_unlocks
        WHERE profile_id IN (SELECT id FROM profiles WHERE account_id = ?)
          AND EXISTS (SELECT 1 FROM sessions s WHERE s.id = profile_unlocks.session_id AND s.revoked_at IS NOT NULL)`,
    ).run(accountId);
  }
  return { accountId, exceptSessionId, count: changes };
}

/** Revokes the live sessions on one device of the account; returns them (none if the device is not the account's). Caller owns the transaction. */
export function revokeDeviceSessionRows(db: Database, accountId: string, deviceId: string, reason: SignOutReason): RevokedSession[] {
  const revoked = db
    .prepare(
      `UPDATE sessions SET revoked_at = ?, revoke_reason = ?
        WHERE account_id = ? AND device_id = ? AND revoked_at IS NULL ${RETURNING}`,
    )
    .all(nowIso(), reason, accountId, deviceId) as RevokedSession[];
  return dropUnlocks(db, revoked);
}
