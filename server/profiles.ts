/**
 * Profiles management ("Manage profiles"): add, rename / new avatar / maturity level / languages,
 * delete. The rules (name length and uniqueness, avatar keys, maturity levels, the languages
 * streamed, the five-profile limit, the last profile) live here so every caller gets the same
 * answers and messages.
 */
import { isMaturityLevel, MATURITY_LEVELS, maturityFromKids, type MaturityLevel } from '../shared/maturity';
import { AVATAR_KEYS, MAX_PROFILE_NAME, MAX_PROFILES, type NewProfile, type Profile, type ProfileChanges } from '../shared/types';
import { checkName } from '../shared/names';
import { getProfile, listProfiles } from './accounts';
import type { Database } from './db';
import { ApiError } from './errors';
import { AUDIO_TRACKS } from './media/encoder';
import { SUBTITLE_TRACKS } from './media/timeline';
import { passwordNeededToCreate, passwordNeededToDelete, passwordNeededToUpdate, requireAccountPassword } from './household';
import { requireUnlocked } from './profile-locks';
import type { SessionRecord } from './sessions';
import { newId } from './tokens';

const MAX_ID_LENGTH = 100;

/** The words a user reads when a profile change is refused. */
export const PROFILE_MESSAGES = {
  nameMissing: 'Enter a name for the profile.',
  nameTooLong: `Profile names can be at most ${MAX_PROFILE_NAME} characters.`,
  avatar: 'Choose one of the avatars.',
  maturity: `Choose a maturity rating for the profile: one of ${MATURITY_LEVELS.join(', ')}.`,
  maturityAndKids: 'The maturity rating and the Kids flag disagree. Send the maturity rating alone.',
  limit: `An account can have up to ${MAX_PROFILES} profiles. Delete one to add another.`,
  lastProfile: 'This is the only profile on the account, so it cannot be deleted.',
  notFound: 'That profile was not found on this account.',
  conflict: (name: string) => `There is already a profile called ${name}.`,
  audioLanguage: `Choose one of the audio languages offered (${AUDIO_TRACKS.map((t) => t.language).join(', ')}).`,
  subtitleLanguage: `Choose one of the subtitle languages offered (${SUBTITLE_TRACKS.map((t) => t.language).join(', ')}), or none.`,
} as const;

const noProfile = () => new ApiError(404, 'not_found', PROFILE_MESSAGES.notFound);

/**
 * A profile's maturity as a request may give it: `maturity` (the truth), or the `kids` flag older
 * clients send (true: Kids, false: All).
 */
export interface MaturityInput {
  maturity?: string;
  kids?: boolean;
}

/** A new profile as a request gives it (see MaturityInput). */
export type ProfileInput = Omit<NewProfile, 'maturity'> & MaturityInput;
/** A change to a profile as a request gives it (see MaturityInput). */
export type ProfileChangesInput = Omit<ProfileChanges, 'maturity'> & MaturityInput;

/**
 * The maturity level a request asks for, or undefined when it asks for none (400 for an unknown
 * level, or for a Kids flag that contradicts it). `current`: the profile's level, when changing
 * one; the Kids flag turned off on a profile that is not a Kids one changes nothing.
 */
export function requestedMaturity(input: MaturityInput, current?: MaturityLevel): MaturityLevel | undefined {
  if (input.maturity !== undefined) {
    if (!isMaturityLevel(input.maturity)) throw new ApiError(400, 'invalid_request', PROFILE_MESSAGES.maturity).about('maturity');
    if (input.kids !== undefined && input.kids !== (input.maturity === 'kids')) {
      throw new ApiError(400, 'invalid_request', PROFILE_MESSAGES.maturityAndKids).about('kids');
    }
    return input.maturity;
  }
  if (input.kids === undefined) return undefined;
  if (!input.kids && current !== undefined && current !== 'kids') return undefined;
  return maturityFromKids(input.kids);
}

/** The name a profile stores: trimmed, 1..MAX_PROFILE_NAME characters; 400 invalid_request otherwise. */
export function checkProfileName(name: string): string {
  const checked = checkName('profile', name);
  if (!checked.ok) throw new ApiError(400, 'invalid_request', checked.message).about('name');
  return checked.name;
}

/** Throws 400 invalid_request unless `avatar` is one of AVATAR_KEYS. */
export function checkAvatar(avatar: string): string {
  if (!(AVATAR_KEYS as readonly string[]).includes(avatar)) throw new ApiError(400, 'invalid_request', PROFILE_MESSAGES.avatar).about('avatar');
  return avatar;
}

/** Throws 400 invalid_request (field audioLanguage) unless every title has audio in `language`. */
export function checkAudioLanguage(language: string): string {
  if (!AUDIO_TRACKS.some((t) => t.language === language)) throw new ApiError(400, 'invalid_request', PROFILE_MESSAGES.audioLanguage).about('audioLanguage');
  return language;
}

/** Throws 400 invalid_request (field subtitleLanguage) unless `language` is null (Off) or every title has subtitles in it. */
export function checkSubtitleLanguage(language: string | null): string | null {
  if (language !== null && !SUBTITLE_TRACKS.some((t) => t.language === language)) {
    throw new ApiError(400, 'invalid_request', PROFILE_MESSAGES.subtitleLanguage).about('subtitleLanguage');
  }
  return language;
}

/** Two names are the same profile name when they match ignoring case (Unicode-aware, not only ASCII). */
function sameName(a: string, b: string): boolean {
  return a.normalize('NFC').toLocaleLowerCase('en-US') === b.normalize('NFC').toLocaleLowerCase('en-US');
}

/** 409 conflict when another profile of the account (not `exceptId`) already has this name. */
function requireUniqueName(db: Database, accountId: string, name: string, exceptId?: string): void {
  const taken = listProfiles(db, accountId).find((p) => p.id !== exceptId && sameName(p.name, name));
  if (taken) throw new ApiError(409, 'conflict', PROFILE_MESSAGES.conflict(taken.name)).about('name');
}

/**
 * Adds a profile at the end of the account's list (409 profile_limit at MAX_PROFILES, 409 conflict
 * for a taken name). A profile rated above the one in use on the caller's device needs the
 * account password (see household.ts).
 */
export async function createProfile(db: Database, caller: SessionRecord, input: ProfileInput, password?: string): Promise<Profile> {
  const accountId = caller.accountId;
  const name = checkProfileName(input.name);
  const avatar = checkAvatar(input.avatar);
  const maturity = requestedMaturity(input);
  if (maturity === undefined) throw new ApiError(400, 'invalid_request', PROFILE_MESSAGES.maturity).about('maturity');
  await requireAccountPassword(db, caller, passwordNeededToCreate(db, caller, { maturity }), password);
  const id = newId();
  // One synchronous transaction: two adds racing for the last slot or the same name count one by one.
  db.transaction(() => {
    const { n, last } = db.prepare('SELECT COUNT(*) AS n, MAX(position) AS last FROM profiles WHERE account_id = ?').get(accountId) as {
      n: number;
      last: number | null;
    };
    if (n >= MAX_PROFILES) throw new ApiError(409, 'profile_limit', PROFILE_MESSAGES.limit);
    requireUniqueName(db, accountId, name);
    db.prepare('INSERT INTO profiles (id, account_id, name, avatar, maturity, position) VALUES (?, ?, ?, ?, ?, ?)').run(
      id,
      accountId,
      name,
      avatar,
      maturity,
      (last ?? -1) + 1,
    );
  })();
  return getProfile(db, accountId, id)!;
}

/** The caller's profile, checked to be open for this session (404, or 403 profile_locked). */
function ownUnlockedProfile(db: Database, caller: SessionRecord, profileId: string): Profile {
  const profile = profileId.length <= MAX_ID_LENGTH ? getProfile(db, caller.accountId, profileId) : undefined;
  if (!profile) throw noProfile();
  requireUnlocked(db, caller, profile.id);
  return profile;
}

/**
 * Renames a profile, gives it another avatar or another maturity level, or sets its languages
 * (any subset; none is a no-op). Raising the level, or changing a profile not in use on the
 * caller's device, needs the account password (see household.ts); the profile in use changes its
 * own languages, like its name, without it.
 */
export async function updateProfile(db: Database, caller: SessionRecord, profileId: string, input: ProfileChangesInput, password?: string): Promise<Profile> {
  const profile = ownUnlockedProfile(db, caller, profileId);
  const name = input.name === undefined ? undefined : checkProfileName(input.name);
  const avatar = input.avatar === undefined ? undefined : checkAvatar(input.avatar);
  const maturity = requestedMaturity(input, profile.maturity);
  const audio = input.audioLanguage === undefined ? undefined : checkAudioLanguage(input.audioLanguage);
  const subtitles = input.subtitleLanguage === undefined ? undefined : checkSubtitleLanguage(input.subtitleLanguage);
  const changes: ProfileChanges = { name, avatar, maturity, audioLanguage: audio, subtitleLanguage: subtitles };
  await requireAccountPassword(db, caller, passwordNeededToUpdate(db, caller, profile, changes), password);
  db.transaction(() => {
    if (name !== undefined) requireUniqueName(db, caller.accountId, name, profileId);
    const changed = db
      .prepare(
        `UPDATE profiles SET name = COALESCE(?, name), avatar = COALESCE(?, avatar), maturity = COALESCE(?, maturity),
            audio_language = COALESCE(?, audio_language),
            subtitle_language = CASE WHEN ? THEN ? ELSE subtitle_language END
          WHERE id = ? AND account_id = ?`,
      )
      .run(name ?? null, avatar ?? null, maturity ?? null, audio ?? null, subtitles === undefined ? 0 : 1, subtitles ?? null, profileId, caller.accountId).changes;
    if (changed === 0) throw noProfile();
  })();
  return getProfile(db, caller.accountId, profileId)!;
}

/**
 * Deletes a profile. Its watch progress, My List and unlocks go with it (foreign keys cascade) and
 * devices that last used it show no profile (SET NULL). The account's only profile stays (409).
 * A Kids profile, or one not in use on the caller's device, needs the account password.
 */
export async function deleteProfile(db: Database, caller: SessionRecord, profileId: string, password?: string): Promise<void> {
  const profile = ownUnlockedProfile(db, caller, profileId);
  await requireAccountPassword(db, caller, passwordNeededToDelete(db, caller, profile), password);
  db.transaction(() => {
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM profiles WHERE account_id = ?').get(caller.accountId) as { n: number };
    if (n <= 1) throw new ApiError(409, 'last_profile', PROFILE_MESSAGES.lastProfile);
    if (db.prepare('DELETE FROM profiles WHERE id = ? AND account_id = ?').run(profileId, caller.accountId).changes === 0) throw noProfile();
  })();
}
