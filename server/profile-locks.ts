/**
 * Profile locks: a 4-digit PIN per profile (hashed like passwords), wrong tries limited per
 * profile with a doubling lock-out, and the per-session unlocks the home and profile routes check.
 */
import type { SetProfilePinRequest } from '../shared/api';
import { getAccount } from './accounts';
import { unauthorized } from './auth';
import { nowIso, type Database } from './db';
import { ApiError } from './errors';
import { verifyAccountPassword } from './guessing';
import { hashPassword, verifyPassword } from './passwords';
import type { SessionRecord } from './sessions';

/** Wrong PINs allowed before a lock-out. */
export const MAX_PIN_TRIES = 5;
/** The first lock-out; each further one doubles, up to MAX_LOCKOUT_SECONDS. */
export const FIRST_LOCKOUT_SECONDS = 60;
export const MAX_LOCKOUT_SECONDS = 60 * 60;
/** How long an unlock lasts for a session. */
export const UNLOCK_TTL_MS = 12 * 60 * 60 * 1000;

interface PinRow {
  id: string;
  pin_hash: string | null;
  pin_failures: number;
  pin_lockouts: number;
  pin_locked_until: string | null;
}

const MAX_ID_LENGTH = 100;

const noProfile = () => new ApiError(404, 'not_found', 'That profile was not found on this account.');

/** The 403 for a locked profile this session has not opened. */
export const profileLocked = () => new ApiError(403, 'profile_locked', 'This profile is locked. Enter its PIN.');

const seconds = (n: number) => (n === 1 ? '1 second' : `${n} seconds`);
const tries = (n: number) => (n === 1 ? '1 try' : `${n} tries`);

function lockedOut(wait: number): ApiError {
  return new ApiError(429, 'pin_locked_out', `Too many tries. Try again in ${seconds(wait)}.`, undefined, wait);
}

function pinRow(db: Database, accountId: string, profileId: string): PinRow | undefined {
  if (profileId.length > MAX_ID_LENGTH) return undefined;
  return db
    .prepare('SELECT id, pin_hash, pin_failures, pin_lockouts, pin_locked_until FROM profiles WHERE id = ? AND account_id = ?')
    .get(profileId, accountId) as PinRow | undefined;
}

/** Seconds left of the profile's lock-out at `now`, or 0 when there is none. */
function lockoutSecondsLeft(row: PinRow, now: number): number {
  if (!row.pin_locked_until) return 0;
  const left = Date.parse(row.pin_locked_until) - now;
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/**
 * Sets, changes or (pin null) removes the lock of one of the caller's profiles, after checking the
 * account password (403 wrong_current_password). Any change resets the tries and drops every
 * session's unlock of that profile.
 */
export async function setProfilePin(db: Database, caller: SessionRecord, profileId: string, request: SetProfilePinRequest): Promise<void> {
  if (!pinRow(db, caller.accountId, profileId)) throw noProfile();
  const account = getAccount(db, caller.accountId);
  if (!account) throw unauthorized();
  if (!(await verifyAccountPassword(db, account, request.password))) {
    throw new ApiError(403, 'wrong_current_password', "That's not the account password.").about('password');
  }
  const hash = request.pin === null ? null : await hashPassword(request.pin);
  db.transaction(() => {
    const changed = db
      .prepare(
        `UPDATE profiles SET pin_hash = ?, pin_failures = 0, pin_lockouts = 0, pin_locked_until = NULL
          WHERE id = ? AND account_id = ?`,
      )
      .run(hash, profileId, caller.accountId).changes;
    // The profile may have gone while the hashes were computed (a control reset).
    if (changed === 0) throw noProfile();
    db.prepare('DELETE FROM profile_unlocks WHERE profile_id = ?').run(profileId);
  })();
}

/**
 * Opens a locked profile for the caller's session. Not locked: nothing to do. Right PIN: records
 * the unlock and resets the tries. Wrong: 403 wrong_pin with the tries left, and the last one
 * starts a lock-out (429 pin_locked_out with retryAfterSeconds), during which every try is refused.
 */
export async function unlockProfile(db: Database, caller: SessionRecord, profileId: string, pin: string): Promise<void> {
  const before = pinRow(db, caller.accountId, profileId);
  if (!before) throw noProfile();
  if (before.pin_hash === null) return;
  const waitBefore = lockoutSecondsLeft(before, Date.now());
  if (waitBefore > 0) throw lockedOut(waitBefore);
  const hash = before.pin_hash;
  const right = await verifyPassword(pin, hash);

  // Read again and write in one (synchronous) transaction: concurrent tries count one by one.
  const outcome = db.transaction((): ApiError | null => {
    const row = pinRow(db, caller.accountId, profileId);
    if (!row) return noProfile();
    // Removed meanwhile: open. Changed meanwhile: this try was against the old PIN, refuse it plainly.
    if (row.pin_hash === null) return null;
    if (row.pin_hash !== hash) return new ApiError(403, 'wrong_pin', 'Wrong PIN. Try again.');
    const now = Date.now();
    const wait = lockoutSecondsLeft(row, now);
    if (wait > 0) return lockedOut(wait);
    if (right) {
      db.prepare('UPDATE profiles SET pin_failures = 0, pin_lockouts = 0, pin_locked_until = NULL WHERE id = ?').run(row.id);
      db.prepare(
        `INSERT INTO profile_unlocks (session_id, profile_id, unlocked_at) VALUES (?, ?, ?)
           ON CONFLICT (session_id, profile_id) DO UPDATE SET unlocked_at = excluded.unlocked_at`,
      ).run(caller.id, row.id, nowIso());
      return null;
    }
    const failures = row.pin_failures + 1;
    if (failures < MAX_PIN_TRIES) {
      db.prepare('UPDATE profiles SET pin_failures = ? WHERE id = ?').run(failures, row.id);
      return new ApiError(403, 'wrong_pin', `Wrong PIN. ${tries(MAX_PIN_TRIES - failures)} left.`);
    }
    const lockouts = row.pin_lockouts + 1;
    const lockSeconds = Math.min(FIRST_LOCKOUT_SECONDS * 2 ** Math.min(lockouts - 1, 20), MAX_LOCKOUT_SECONDS);
    db.prepare('UPDATE profiles SET pin_failures = 0, pin_lockouts = ?, pin_locked_until = ? WHERE id = ?').run(
      lockouts,
      new Date(now + lockSeconds * 1000).toISOString(),
      row.id,
    );
    return lockedOut(lockSeconds);
  })();
  if (outcome) throw outcome;
}

/** True when this session entered the profile's PIN and that unlock still counts (its TTL, a live session). */
export function unlockedBy(db: Database, session: Pick<SessionRecord, 'id'>, profileId: string): boolean {
  const since = new Date(Date.now() - UNLOCK_TTL_MS).toISOString();
  const unlocked = db
    .prepare(
      `SELECT 1 FROM profile_unlocks u JOIN sessions s ON s.id = u.session_id
        WHERE u.session_id = ? AND u.profile_id = ? AND u.unlocked_at > ? AND s.revoked_at IS NULL`,
    )
    .get(session.id, profileId, since);
  return unlocked !== undefined;
}

/** Throws 403 profile_locked when the profile is locked and this session has no live unlock of it. */
export function requireUnlocked(db: Database, session: Pick<SessionRecord, 'id'>, profileId: string): void {
  const row = db.prepare('SELECT pin_hash FROM profiles WHERE id = ?').get(profileId) as { pin_hash: string | null } | undefined;
  if (!row || row.pin_hash === null) return;
  if (!unlockedBy(db, session, profileId)) throw profileLocked();
}

/** Deletes unlocks that no longer count (expired, or their session ended); returns how many went. */
export function pruneUnlocks(db: Database, now = Date.now()): number {
  const since = new Date(now - UNLOCK_TTL_MS).toISOString();
  return db
    .prepare(
      `DELETE FROM profile_unlocks
        WHERE unlocked_at <= ? OR session_id IN (SELECT id FROM sessions WHERE revoked_at IS NOT NULL)`,
    )
    .run(since).changes;
}
