/**
 * The public API's request schemas (/v1), each declared once with TypeBox: the service validates
 * every body, querystring and path with them (Ajv, no type coercion), its handlers' request types
 * are inferred from them, and shared/api.ts derives the client's request types from them with a
 * type-only import, so no client bundle carries TypeBox code.
 *
 * The limits here keep absurd input out; the rules a person can break (a name's length after
 * trimming, an avatar key, a new password's length…) are checked in code, with clear messages.
 */
import { Type } from 'typebox';
import { MATURITY_LEVELS } from './maturity';

/** Loose but real email shape: something@something.tld, surrounding spaces allowed (trimmed later). */
export const EMAIL_PATTERN = '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$';

/** A quick check with the same rule as EMAIL_PATTERN, for the account page's HTML form. */
export function looksLikeEmail(value: string): boolean {
  return new RegExp(EMAIL_PATTERN).test(value);
}

/** A profile PIN: exactly 4 ASCII digits. */
export const PIN_PATTERN = '^[0-9]{4}$';

/** A non-empty string of at most `maxLength` characters. */
export const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/** The email property. */
export const emailSchema = Type.String({ minLength: 1, maxLength: 254, pattern: EMAIL_PATTERN });
/** The password property. */
export const passwordSchema = text(1024);
/** A profile PIN property. */
export const pinSchema = Type.String({ pattern: PIN_PATTERN });

/** An id in a path or a query (profile or title); unknown ids are a 404 in code. */
const idSchema = text(100);

/** The device a client says it is when it signs in (or asks for a sign-in code). */
export const deviceInfoSchema = Type.Object({ name: text(100), platform: text(40), appVersion: text(40) });

/** POST API.signIn */
export const signInBody = Type.Object({ email: emailSchema, password: passwordSchema, device: deviceInfoSchema });

/** POST API.refresh */
export const refreshBody = Type.Object({ refreshToken: text(256) });

/**
 * The `:id` of API.device(id), API.profile(id), API.profilePin(id) and API.profileUnlock(id): any
 * string, as before; an unknown or overlong id is a 404 in code.
 */
export const idParams = Type.Object({ id: Type.String() });

/** PATCH API.device(id): the 1-40 character rule is checked after trimming, for a clear message. */
export const renameDeviceBody = Type.Object({ name: Type.String({ maxLength: 1000 }) });

/** POST API.currentProfile */
export const currentProfileBody = Type.Object({ profileId: idSchema });

/** POST API.password: the new password's length rule is checked in code, for a clear message. */
export const changePasswordBody = Type.Object({
  currentPassword: passwordSchema,
  newPassword: Type.String({ maxLength: 1024 }),
  /** Sign out every other device too (the account page ticks it by default). */
  signOutAllDevices: Type.Boolean(),
});

/** PUT API.profilePin(id): setting a profile lock needs the account password again; pin null removes the lock. */
export const setProfilePinBody = Type.Object({ password: passwordSchema, pin: Type.Union([pinSchema, Type.Null()]) });

/** POST API.profileUnlock(id) */
export const unlockProfileBody = Type.Object({ pin: pinSchema });

/**
 * The optional body of a request that may need the account password again (DELETE API.profile(id),
 * DELETE API.device(id), POST API.signOutAll). No body at all is the same as no password.
 */
export const passwordOptionalBody = Type.Union([Type.Object({ password: Type.Optional(passwordSchema) }), Type.Null()]);

/** POST API.passwordCheck */
export const passwordCheckBody = Type.Object({ password: passwordSchema });

/** A profile's fields; the name (1..MAX_PROFILE_NAME after trimming) and the avatar key are checked in code, for clear messages. */
const profileName = Type.String({ maxLength: 1000 });
const profileAvatar = Type.String({ maxLength: 40 });

/** A maturity level (shared/maturity.ts). */
export const maturitySchema = Type.Enum(MATURITY_LEVELS, { type: 'string' });

/**
 * POST API.profiles: a new profile, with the account password where the service asks for it. Its
 * maturity level is `maturity`; older clients send `kids` instead (true: Kids, false: All). One of
 * the two is required, checked in code (400 about `maturity`).
 */
export const createProfileBody = Type.Object({
  name: profileName,
  avatar: profileAvatar,
  maturity: Type.Optional(maturitySchema),
  kids: Type.Optional(Type.Boolean()),
  password: Type.Optional(passwordSchema),
});

/** A language code (BCP 47); which ones the service streams is checked in code, for a clear message. */
const languageCode = Type.String({ maxLength: 40 });

/**
 * PATCH API.profile(id): any subset of the fields, and the profile's languages (its audio, and
 * its subtitles or null for Off). Changing only the languages of the profile in use needs no
 * password, like its name (see server/household.ts).
 */
export const updateProfileBody = Type.Partial(
  Type.Object({
    ...createProfileBody.properties,
    audioLanguage: languageCode,
    subtitleLanguage: Type.Union([languageCode, Type.Null()]),
  }),
);

/** GET API.home, GET API.title(id): which profile is asking. */
export const profileQuery = Type.Object({ profileId: idSchema });

/** GET API.title(id) */
export const titleParams = Type.Object({ titleId: idSchema });

/**
 * GET API.search: `q` may be missing or blank (no results); its MAX_SEARCH_QUERY limit is checked
 * after trimming, in code, for a clear message (this bound only keeps absurd input out).
 */
export const searchQuery = Type.Object({ profileId: idSchema, q: Type.Optional(Type.String({ maxLength: 1000 })) });

/** PUT/DELETE API.myList(profileId, titleId) and PUT/DELETE API.progress(profileId, titleId) */
export const profileTitleParams = Type.Object({ profileId: idSchema, titleId: idSchema });

/** PUT API.progress(profileId, titleId): finiteness (JSON's 1e999 parses as Infinity) is checked in code. */
export const saveProgressBody = Type.Object({
  /** Seconds from the start, 0..duration; at or past FINISHED_FRACTION the title counts as finished. */
  positionSeconds: Type.Number({ minimum: 0 }),
  /** A series: the episode the position is in (required for a series; a film has none). */
  episodeId: Type.Optional(idSchema),
});

/** POST API.deviceCode: sign in with a code (RFC 8628 device authorization request). */
export const deviceCodeBody = Type.Object({ device: deviceInfoSchema });

/** POST API.deviceToken */
export const deviceTokenBody = Type.Object({ deviceCode: text(256) });

/** POST API.playback: a playback session for one profile and title. */
export const playbackBody = Type.Object({
  profileId: idSchema,
  titleId: idSchema,
  /** A series: which episode (default: the profile's next up, else the first). A film has none. */
  episodeId: Type.Optional(idSchema),
});

/** DELETE API.playbackStream(streamId). */
export const playbackStreamParams = Type.Object({ streamId: idSchema });

/**
 * The path of a media file under API.media: `<titleId>/<token>/master.m3u8`,
 * `…/<kind>/<file>` (a playlist) or `…/<kind>/<track>/<file>` (init, segment, subtitles). Any
 * strings: a bad or missing token is a 401, an unknown file a 404, in code.
 */
export const mediaParams = Type.Object({
  titleId: Type.String(),
  token: Type.String(),
  kind: Type.Optional(Type.String()),
  track: Type.Optional(Type.String()),
  file: Type.Optional(Type.String()),
});
