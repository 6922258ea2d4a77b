/** Keeps the token tables bounded: old spent refresh tokens and long-expired access tokens go. */
import type { Database } from './db';

/** Spent refresh tokens are kept this long, so a late reuse is still recognised (and revokes the family). */
export const USED_REFRESH_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * Expired access tokens are kept this long, so a device that was offline for days still hears
 * "session_revoked" with the reason (or "token_expired") rather than a bare "unauthorized".
 */
export const EXPIRED_ACCESS_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** How often a running server prunes. */
export const PRUNE_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** Deletes what the retention rules allow; returns how many rows went. A family's current refresh token is never deleted. */
export function pruneTokens(db: Database, now = Date.now()): { accessTokens: number; refreshTokens: number } {
  const accessBefore = new Date(now - EXPIRED_ACCESS_RETENTION_MS).toISOString();
  const refreshBefore = new Date(now - USED_REFRESH_RETENTION_MS).toISOString();
  return db.transaction(() => ({
    accessTokens: db.prepare('DELETE FROM access_tokens WHERE expires_at < ?').run(accessBefore).changes,
    refreshTokens: db.prepare('DELETE FROM refresh_tokens WHERE used_at IS NOT NULL AND used_at < ?').run(refreshBefore).changes,
  }))();
}
