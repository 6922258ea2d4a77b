/**
 * What a TV may do for the household without the account password. A living-room device is used
 * by everyone in the house, children included, so the service (not only the screen) asks for the
 * account password again before:
 *
 * - a profile's maturity level is raised (any raise: Kids to Older kids as much as Teens to All;
 *   lowering one is free), or a Kids profile is deleted;
 * - a profile other than the one in use on this device is changed or deleted (a profile whose PIN
 *   this device has entered counts as in use: the PIN is that profile's own proof);
 * - a profile rated above the one in use on this device is added (a Kids profile in use cannot
 *   add a grown-up one, a Teens one cannot add an All one);
 * - an account-wide action: signing out of all devices, and signing another device out while a
 *   Kids profile is in use.
 *
 * The answer to a missing password is 403 `password_required` whose message says what it is for;
 * the app shows that message over a password field and sends the request again with it.
 */
import { isRaise, MATURITY } from '../shared/maturity';
import type { NewProfile, Profile, ProfileChanges } from '../shared/types';
import { getAccount, getProfile } from './accounts';
import { unauthorized } from './auth';
import type { Database } from './db';
import { ApiError } from './errors';
import { verifyAccountPassword } from './guessing';
import { unlockedBy } from './profile-locks';
import type { SessionRecord } from './sessions';

/** The refusal when the password was sent but is not the account's. */
export const WRONG_ACCOUNT_PASSWORD = "That's not the account password.";

/** The sentences a user reads when the password is needed. */
export const PASSWORD_REASONS = {
  leaveKids: (name: string) => `Enter the account password to turn off Kids for ${name}.`,
  raiseMaturity: (name: string, label: string) => `Enter the account password to raise the maturity rating of ${name} to ${label}.`,
  deleteKids: (name: string) => `Enter the account password to delete ${name}, a Kids profile.`,
  changeOther: (name: string) => `Enter the account password to change ${name}. It is not the profile in use on this TV.`,
  deleteOther: (name: string) => `Enter the account password to delete ${name}. It is not the profile in use on this TV.`,
  addGrownUp: 'Enter the account password to add a profile that is not a Kids profile.',
  addAbove: (name: string, label: string) =>
    `Enter the account password to add a profile rated above ${label}, the maturity rating of ${name}, in use on this TV.`,
  signOutAll: 'Enter the account password to sign out of Couchside on every device.',
  signOutDeviceFromKids: 'Enter the account password to sign another device out.',
} as const;

/** The profile this session's device is using now (what it last told the service), or undefined. */
export function profileInUse(db: Database, session: Pick<SessionRecord, 'accountId' | 'deviceId'>): Profile | undefined {
  const row = db.prepare('SELECT last_profile_id AS id FROM devices WHERE id = ?').get(session.deviceId) as { id: string | null } | undefined;
  return row?.id ? getProfile(db, session.accountId, row.id) : undefined;
}

/** Whether the device acts as this profile: it is in use here, or its PIN was entered here. */
function actsAs(db: Database, session: SessionRecord, profile: Profile): boolean {
  return profileInUse(db, session)?.id === profile.id || (profile.locked && unlockedBy(db, session, profile.id));
}

/** Why changing `profile` this way needs the account password, or null when it does not. */
export function passwordNeededToUpdate(db: Database, session: SessionRecord, profile: Profile, changes: ProfileChanges): string | null {
  if (changes.maturity !== undefined && isRaise(profile.maturity, changes.maturity)) {
    return profile.kids ? PASSWORD_REASONS.leaveKids(profile.name) : PASSWORD_REASONS.raiseMaturity(profile.name, MATURITY[changes.maturity].label);
  }
  if (!actsAs(db, session, profile)) return PASSWORD_REASONS.changeOther(profile.name);
  return null;
}

/** Why deleting `profile` needs the account password, or null when it does not. */
export function passwordNeededToDelete(db: Database, session: SessionRecord, profile: Profile): string | null {
  if (profile.kids) return PASSWORD_REASONS.deleteKids(profile.name);
  if (!actsAs(db, session, profile)) return PASSWORD_REASONS.deleteOther(profile.name);
  return null;
}

/** Why adding this profile needs the account password (rated above the profile in use here), or null. */
export function passwordNeededToCreate(db: Database, session: SessionRecord, profile: Pick<NewProfile, 'maturity'>): string | null {
  const inUse = profileInUse(db, session);
  if (!inUse || !isRaise(inUse.maturity, profile.maturity)) return null;
  return inUse.kids ? PASSWORD_REASONS.addGrownUp : PASSWORD_REASONS.addAbove(inUse.name, MATURITY[inUse.maturity].label);
}

/** Why signing another device out needs the account password (from a Kids profile), or null. */
export function passwordNeededToSignOutDevice(db: Database, session: SessionRecord, deviceId: string): string | null {
  if (deviceId === session.deviceId) return null;
  return profileInUse(db, session)?.kids ? PASSWORD_REASONS.signOutDeviceFromKids : null;
}

/**
 * When `reason` is set, the request must carry the account's password: none is 403
 * password_required with the reason, a wrong one 403 wrong_current_password (and counts against
 * the account's guessing limit, 429 past it). No reason: nothing to check.
 */
export async function requireAccountPassword(db: Database, session: SessionRecord, reason: string | null, password: string | undefined): Promise<void> {
  if (reason === null) return;
  if (password === undefined || password === '') throw new ApiError(403, 'password_required', reason).about('password');
  const account = getAccount(db, session.accountId);
  if (!account) throw unauthorized();
  if (!(await verifyAccountPassword(db, account, password))) throw new ApiError(403, 'wrong_current_password', WRONG_ACCOUNT_PASSWORD).about('password');
}
