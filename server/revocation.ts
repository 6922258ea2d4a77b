/** The one revocation path: commit the revocation durably, then push it to the affected streams. */
import type { SignOutReason } from '../shared/types';
import type { Database } from './db';
import { revokeAccountSessionRows, revokeSessionRow } from './sessions';
import type { StreamHub } from './streams';

/** Ends sessions. Every sign-out in the service (API, account page, control API) goes through here. */
export interface Revoker {
  /** Revokes one session (default reason 'user'); returns how many sessions were revoked (0 or 1). */
  signOut(sessionId: string, reason?: SignOutReason): number;
  /** Revokes every live session of the account, device and web (default reason 'all-devices'); returns the count. */
  signOutAll(accountId: string, reason?: SignOutReason): number;
}

/** A Revoker writing to `db` and pushing to `hub`. */
export function createRevoker(db: Database, hub: StreamHub): Revoker {
  function revoke(write: () => string[], reason: SignOutReason): number {
    // One transaction; with synchronous=FULL the commit is on disk when this returns.
    const sessionIds = db.transaction(write)();
    // Only after the commit: tell every open stream of those sessions.
    hub.revokeSessions(sessionIds, reason);
    return sessionIds.length;
  }
  return {
    signOut: (sessionId, reason = 'user') => revoke(() => revokeSessionRow(db, sessionId, reason), reason),
    signOutAll: (accountId, reason = 'all-devices') => revoke(() => revokeAccountSessionRows(db, accountId, reason), reason),
  };
}
