/**
 * The one revocation path: commit the revocation durably, then push it to the affected streams
 * (right away, or after the optional propagation delay that emulates slow services).
 */
import type { SignOutReason } from '../shared/types';
import type { Database } from './db';
import { revokeAccountSessions, revokeDeviceSessionRows, revokeSessionRow, type AccountRevocation, type RevokedSession } from './sessions';
import type { StreamHub } from './streams';

/** Ends sessions. Every sign-out in the service (API, account page, control API) goes through here. */
export interface Revoker {
  /** Revokes one session (default reason 'user'); returns how many sessions were revoked (0 or 1). */
  signOut(sessionId: string, reason?: SignOutReason): number;
  /**
   * Revokes every live session of the account, device and web (default reason 'all-devices'),
   * except `exceptSessionId` if given; returns the count.
   */
  signOutAll(accountId: string, reason?: SignOutReason, exceptSessionId?: string): number;
  /** Revokes the live sessions on one device of the account (default reason 'device-removed'); returns the count. */
  signOutDevice(accountId: string, deviceId: string, reason?: SignOutReason): number;
  /**
   * Runs `write` (other writes plus the revocation: its rows, or an account-wide one) in one
   * durable transaction, then pushes. For changes that must commit together with the revocation,
   * such as a new password.
   */
  revokeWith(reason: SignOutReason, write: () => Revoked): number;
  /** Drops pushes still waiting for the propagation delay (the streams are closing anyway). */
  close(): void;
}

/** What a revocation write revoked: the sessions' rows, or an account's sessions at once. */
export type Revoked = RevokedSession[] | AccountRevocation;

const countOf = (r: Revoked): number => (Array.isArray(r) ? r.length : r.count);

/** How the revoker pushes. */
export interface RevokerOptions {
  /** Hold the `revoked` pushes back this long after the commit (default 0: right away). */
  pushDelayMs?: number;
}

/** A Revoker writing to `db` and pushing to `hub`. */
export function createRevoker(db: Database, hub: StreamHub, opts: RevokerOptions = {}): Revoker {
  const delay = opts.pushDelayMs ?? 0;
  const pending = new Set<NodeJS.Timeout>();

  function push(revoked: Revoked, reason: SignOutReason): void {
    if (!Array.isArray(revoked)) {
      // Account-wide: every stream of the account but the spared session's.
      hub.revokeAccount(revoked.accountId, reason, revoked.exceptSessionId);
      hub.devicesChanged(revoked.accountId);
      return;
    }
    hub.revokeSessions(
      revoked.map((s) => s.id),
      reason,
    );
    // The account's other devices show a devices list that just lost an entry.
    for (const accountId of new Set(revoked.map((s) => s.accountId))) hub.devicesChanged(accountId);
  }

  function revokeWith(reason: SignOutReason, write: () => Revoked): number {
    // One transaction; with synchronous=FULL the commit is on disk when this returns, so the
    // HTTP answer and every push come after the revocation is durable.
    const revoked = db.transaction(write)();
    const count = countOf(revoked);
    if (count === 0) return 0;
    if (delay <= 0) {
      push(revoked, reason);
    } else {
      // The API already refuses these sessions; only the push waits (emulating slow services).
      const timer = setTimeout(() => {
        pending.delete(timer);
        push(revoked, reason);
      }, delay);
      pending.add(timer);
    }
    return count;
  }

  return {
    signOut: (sessionId, reason = 'user') => revokeWith(reason, () => revokeSessionRow(db, sessionId, reason)),
    signOutAll: (accountId, reason = 'all-devices', exceptSessionId) =>
      revokeWith(reason, () => revokeAccountSessions(db, accountId, reason, exceptSessionId)),
    signOutDevice: (accountId, deviceId, reason = 'device-removed') =>
      revokeWith(reason, () => revokeDeviceSessionRows(db, accountId, deviceId, reason)),
    revokeWith,
    close() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
  };
}
