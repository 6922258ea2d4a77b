/**
 * A device session is a token family: short-lived access tokens plus one refresh token that
 * rotates on every use. Presenting a refresh token that was already used is the RFC 9700 signal
 * of a stolen token; the caller then revokes the whole family.
 */
import type { TokenSet } from '../shared/api';
import type { SignOutReason } from '../shared/types';
import { nowIso, type Database } from './db';
import { hashToken, newToken } from './tokens';

/** Access token lifetime unless ServerOptions.accessTtlMs says otherwise: 15 minutes. */
export const DEFAULT_ACCESS_TTL_MS = 15 * 60 * 1000;

/** What presenting a refresh token led to. */
export type RotateOutcome =
  /** Unknown token (or one of a web session): 401 unauthorized. */
  | { kind: 'unknown' }
  /** The family was already revoked: 401 session_revoked with the stored reason. */
  | { kind: 'revoked'; sessionId: string; reason: SignOutReason }
  /** An already-used refresh token: the caller must revoke the whole family. */
  | { kind: 'reused'; sessionId: string }
  /** The family outlived its idle or absolute lifetime: the caller ends it ('expired'). */
  | { kind: 'lifetime-over'; sessionId: string }
  /** Rotated: the old refresh token is spent, here are the new ones. */
  | { kind: 'rotated'; sessionId: string; tokens: TokenSet };

/**
 * Issues a fresh access token and refresh token for a family. Caller owns the transaction.
 * Older access tokens of the family stay valid until they expire.
 */
export function issueTokens(db: Database, sessionId: string, accessTtlMs: number, now = Date.now()): TokenSet {
  const accessToken = newToken();
  const refreshToken = newToken();
  const accessExpiresAt = new Date(now + accessTtlMs).toISOString();
  db.prepare('INSERT INTO access_tokens (token_hash, session_id, expires_at) VALUES (?, ?, ?)').run(hashToken(accessToken), sessionId, accessExpiresAt);
  db.prepare('INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES (?, ?, ?)').run(
    hashToken(refreshToken),
    sessionId,
    new Date(now).toISOString(),
  );
  return { accessToken, accessExpiresAt, refreshToken };
}

/**
 * How long a device session (a refresh-token family) lives: it ends after this long without a
 * refresh (idle), and this long after sign-in whatever happens (absolute). The TV then shows
 * "Your session expired" and signs in again. A TV that is on refreshes every 15 minutes.
 */
export const DEVICE_SESSION_IDLE_MS = 90 * 24 * 60 * 60 * 1000;
export const DEVICE_SESSION_ABSOLUTE_MS = 365 * 24 * 60 * 60 * 1000;

/** True when a session created at `createdAt` and last used at `lastUsedAt` has outlived its lifetimes. */
export function outlived(createdAt: string, lastUsedAt: string, idleMs: number, absoluteMs: number, now = Date.now()): boolean {
  return now - Date.parse(lastUsedAt) > idleMs || now - Date.parse(createdAt) > absoluteMs;
}

interface RefreshRow {
  sessionId: string;
  createdAt: string;
  lastUsedAt: string;
  usedAt: string | null;
  kind: string;
  revokedAt: string | null;
  revokeReason: SignOutReason | null;
}

/**
 * Spends a refresh token in one durable transaction: marks it used and issues the next pair.
 * Does not revoke on reuse itself; it reports it, so the one revocation path does the write and push.
 */
export function rotateRefreshToken(db: Database, refreshToken: string, accessTtlMs: number): RotateOutcome {
  const hash = hashToken(refreshToken);
  return db.transaction((): RotateOutcome => {
    const row = db
      .prepare(
        `SELECT r.session_id AS sessionId, r.used_at AS usedAt, s.kind, s.revoked_at AS revokedAt, s.revoke_reason AS revokeReason,
                s.created_at AS createdAt, s.last_used_at AS lastUsedAt
           FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
          WHERE r.token_hash = ?`,
      )
      .get(hash) as RefreshRow | undefined;
    if (!row || row.kind !== 'device') return { kind: 'unknown' };
    if (row.revokedAt !== null) return { kind: 'revoked', sessionId: row.sessionId, reason: row.revokeReason ?? 'expired' };
    if (row.usedAt !== null) return { kind: 'reused', sessionId: row.sessionId };
    const now = Date.now();
    if (outlived(row.createdAt, row.lastUsedAt, DEVICE_SESSION_IDLE_MS, DEVICE_SESSION_ABSOLUTE_MS, now)) return { kind: 'lifetime-over', sessionId: row.sessionId };
    db.prepare('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?').run(new Date(now).toISOString(), hash);
    db.prepare('UPDATE sessions SET last_used_at = ? WHERE id = ?').run(nowIso(), row.sessionId);
    return { kind: 'rotated', sessionId: row.sessionId, tokens: issueTokens(db, row.sessionId, accessTtlMs, now) };
  })();
}

/** True when an access token's stored expiry has passed. */
export function isExpired(expiresAt: string, now = Date.now()): boolean {
  const t = Date.parse(expiresAt);
  return !Number.isFinite(t) || t <= now;
}
