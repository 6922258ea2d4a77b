/** Device and session rows: sign-in, token lookup, activity, and the revocation writes. */
import type { DeviceInfo } from '../shared/api';
import type { SignOutReason } from '../shared/types';
import { nowIso, type Database } from './db';
import { hashToken, newId, newToken } from './tokens';

/** Where a session was created: a client device, or the account web page. */
export type SessionKind = 'device' | 'web';

/** A session found by its token, with the account fields every caller needs. */
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
}

/** What a sign-in hands back: the token (only ever seen here) and the new rows' ids. */
export interface NewSession {
  token: string;
  sessionId: string;
  deviceId: string;
}

/** A device with a live session, for the account page. */
export interface LiveDevice {
  id: string;
  name: string;
  platform: string;
  lastActiveAt: string;
  kind: SessionKind;
}

/** Creates a device row and its session in one transaction and returns the new token. */
export function createSession(db: Database, accountId: string, device: DeviceInfo, kind: SessionKind): NewSession {
  const token = newToken();
  const sessionId = newId();
  const deviceId = newId();
  const now = nowIso();
  db.transaction(() => {
    db.prepare(
      'INSERT INTO devices (id, account_id, name, platform, app_version, created_at, last_active_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(deviceId, accountId, device.name, device.platform, device.appVersion, now, now);
    db.prepare(
      'INSERT INTO sessions (id, account_id, device_id, token_hash, kind, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(sessionId, accountId, deviceId, hashToken(token), kind, now, now);
  })();
  return { token, sessionId, deviceId };
}

/** The session behind a token, live or revoked; undefined when the token is unknown. */
export function findSessionByToken(db: Database, token: string): SessionRecord | undefined {
  return db
    .prepare(
      `SELECT s.id, s.account_id AS accountId, s.device_id AS deviceId, s.kind, s.revoked_at AS revokedAt,
              s.revoke_reason AS revokeReason, a.email, a.plan, a.created_at AS accountCreatedAt
         FROM sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.token_hash = ?`,
    )
    .get(hashToken(token)) as SessionRecord | undefined;
}

/** True while the session exists and has not been revoked. */
export function isSessionLive(db: Database, sessionId: string): boolean {
  return db.prepare('SELECT 1 FROM sessions WHERE id = ? AND revoked_at IS NULL').get(sessionId) !== undefined;
}

/** Records that the session (and its device) was just used. */
export function touchSession(db: Database, session: Pick<SessionRecord, 'id' | 'deviceId'>): void {
  const now = nowIso();
  db.transaction(() => {
    db.prepare('UPDATE sessions SET last_used_at = ? WHERE id = ?').run(now, session.id);
    db.prepare('UPDATE devices SET last_active_at = ? WHERE id = ?').run(now, session.deviceId);
  })();
}

/** Revokes one session if live; returns the ids actually revoked (zero or one). Caller owns the transaction. */
export function revokeSessionRow(db: Database, sessionId: string, reason: SignOutReason): string[] {
  const rows = db
    .prepare('UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL RETURNING id')
    .all(nowIso(), reason, sessionId) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Revokes every live session of an account (device and web); returns their ids. Caller owns the transaction. */
export function revokeAccountSessionRows(db: Database, accountId: string, reason: SignOutReason): string[] {
  const rows = db
    .prepare('UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE account_id = ? AND revoked_at IS NULL RETURNING id')
    .all(nowIso(), reason, accountId) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Devices of the account that still hold a live session, most recently active first. */
export function listLiveDevices(db: Database, accountId: string): LiveDevice[] {
  return db
    .prepare(
      `SELECT d.id, d.name, d.platform, d.last_active_at AS lastActiveAt, s.kind
         FROM devices d JOIN sessions s ON s.device_id = d.id
        WHERE d.account_id = ? AND s.revoked_at IS NULL
        ORDER BY d.last_active_at DESC`,
    )
    .all(accountId) as LiveDevice[];
}
