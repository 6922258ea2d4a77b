/** Domain types shared by the server, the client core and the renderer. No electron, no node:* here. */
import type { MaturityLevel } from './maturity';

/** A viewer profile on an account ("Who's watching?"). */
export interface Profile {
  id: string;
  name: string;
  /** Avatar key: the renderer draws it, no network images. */
  avatar: string;
  /** Which titles it may see and play (shared/maturity.ts); the service enforces it. */
  maturity: MaturityLevel;
  /** A Kids profile: exactly `maturity === 'kids'` (kept for what hinges on Kids, and older clients). */
  kids: boolean;
  /** A profile lock (4-digit PIN) is set: picking it asks for the PIN first. */
  locked: boolean;
  /** The audio language the player starts with (BCP 47, one of STREAM_LANGUAGES), on every device. */
  audioLanguage: string;
  /** The subtitles the player starts with (one of STREAM_LANGUAGES), or null for Off. */
  subtitleLanguage: string | null;
}

/**
 * The languages the service streams (every title has audio and WebVTT subtitles in each): a
 * profile's audio and subtitle languages are one of these. The service checks its own tracks
 * against this list (tests/unit/server/profile-languages.test.ts).
 */
export const STREAM_LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
] as const;
/** A new profile's audio language (subtitles start Off). */
export const DEFAULT_AUDIO_LANGUAGE = 'en';

/** A profile's languages: what the player starts with (see Profile). */
export type ProfileLanguages = Pick<Profile, 'audioLanguage' | 'subtitleLanguage'>;

/** One title in the mock catalog. Poster art is generated from `hue` and the title. */
export interface Title {
  id: string;
  title: string;
  year: number;
  genre: string;
  /** Maturity rating such as "TV-Y", "PG-13", "TV-MA". */
  rating: string;
  runtimeMinutes: number;
  synopsis: string;
  /** A kids title: its rating is one a Kids profile sees (KIDS_RATINGS in shared/maturity.ts). */
  kids: boolean;
  /** 0-359, drives the generated poster gradient. */
  hue: number;
  /** A series: how many seasons it has, shown where a film shows its runtime. Absent for a film. */
  seasonCount?: number;
}

/** How far a profile got in a title (kept on the service, per profile). */
export interface WatchProgress {
  /** Seconds watched from the start. */
  positionSeconds: number;
  /** The title's length in seconds (runtimeMinutes * 60). */
  durationSeconds: number;
  /** ISO time of the last save: Continue Watching is ordered by it, newest first. */
  updatedAt: string;
  /**
   * A series only: the episode this progress is in, the series' "next up" (after an episode is
   * finished, the following one at 0). Absent or null for a film.
   */
  episode?: EpisodeRef | null;
}

/** Which episode of a series, as Continue Watching and "Resume S2:E3" name it. */
export interface EpisodeRef {
  /** Stable id: `<titleId>:s<season>e<number>` ("glass-harbor:s2e3"). */
  id: string;
  season: number;
  number: number;
  title: string;
}

/** An intro inside an episode, in seconds from its start: "Skip intro" shows while the position is in it. */
export interface IntroMarks {
  startSeconds: number;
  endSeconds: number;
}

/** An episode of a series. */
export interface Episode extends EpisodeRef {
  synopsis: string;
  runtimeMinutes: number;
  /** Null where the episode has no intro (a cold open, a pilot). */
  intro: IntroMarks | null;
}

/** An episode on a title page: with this profile's progress in it. */
export interface EpisodeDetails extends Episode {
  /** Where this profile stopped in it (null: not started, or finished). */
  progress: WatchProgress | null;
  /** Watched to the end (FINISHED_FRACTION) at least once. */
  watched: boolean;
}

/** A season of a series on its title page. */
export interface Season {
  number: number;
  episodes: EpisodeDetails[];
}

/** "S2:E3": the short name of an episode. */
export function episodeCode(e: Pick<EpisodeRef, 'season' | 'number'>): string {
  return `S${e.season}:E${e.number}`;
}

/**
 * A title as a tile on a row. Rows of kind 'continue-watching' carry `progress` on every item
 * (the tile draws a progress bar); other rows may omit it.
 */
export interface TitleCard extends Title {
  progress?: WatchProgress | null;
}

/** What a row is: the renderer styles and orders by it; ids are stable per kind. */
export type CatalogRowKind = 'continue-watching' | 'my-list' | 'trending' | 'new' | 'genre';

/** A row on the home screen. Empty rows are left out by the service. */
export interface CatalogRow {
  /** 'continue-watching', 'my-list', 'trending', 'new', or 'genre-<slug>'. */
  id: string;
  kind: CatalogRowKind;
  title: string;
  items: TitleCard[];
}

/** A title page: the title plus this profile's relation to it. */
export interface TitleDetails extends Title {
  inMyList: boolean;
  /**
   * Where this profile stopped (null: never started, or finished). "Resume" shows when set. For a
   * series it names the episode (its next up), whose position may be 0 after the one before ended.
   */
  progress: WatchProgress | null;
  /** A series: its seasons in order, each with its episodes in order. Absent or null for a film. */
  seasons?: Season[] | null;
}

/** Most profiles an account may have (like Netflix). */
export const MAX_PROFILES = 5;
/** Longest profile name (after trimming). */
export const MAX_PROFILE_NAME = 20;
/**
 * The avatar keys a profile may use. The renderer draws each one (no network images); the
 * service refuses any other key.
 */
export const AVATAR_KEYS = ['fox', 'owl', 'bear', 'rocket', 'cat', 'dog', 'panda', 'robot'] as const;
export type AvatarKey = (typeof AVATAR_KEYS)[number];

/** Add a profile: name (1..MAX_PROFILE_NAME after trim), avatar from AVATAR_KEYS, maturity level. */
export interface NewProfile {
  name: string;
  avatar: string;
  maturity: MaturityLevel;
}

/** Change a profile: any subset of the fields, its languages included. */
export type ProfileChanges = Partial<NewProfile> & Partial<ProfileLanguages>;

/** A title's end: when a save puts the position at or past this share, it counts as finished. */
export const FINISHED_FRACTION = 0.95;
/**
 * A title's start: a save before this many seconds forgets the progress (opening the player and
 * backing straight out does not put a title in Continue Watching at 0:00).
 */
export const STARTED_SECONDS = 10;

/** What the account looks like to a signed-in client (no secrets). */
export interface AccountSummary {
  email: string;
  plan: string;
  memberSince: string;
}

/**
 * Why a session ended. Every sign-in screen notice is keyed by one of these, whatever route the
 * client learnt it by (push, 401, reconnect).
 */
export type SignOutReason =
  /** The user pressed "Sign out" on this device. */
  | 'user'
  /** "Sign out of all devices" from anywhere. */
  | 'all-devices'
  /** This one device was signed out from another device or the account page. */
  | 'device-removed'
  /** The account password was changed with "sign out all devices" ticked. */
  | 'password-changed'
  /** The session is no longer valid for another reason (expired, refresh token reuse, data reset). */
  | 'expired';

/** The notice a user reads on the sign-in screen after a sign-out they did not start here. */
export const SIGN_OUT_MESSAGES: Record<SignOutReason, string> = {
  user: 'You signed out of Couchside on this device.',
  'all-devices': 'You were signed out of all devices.',
  'device-removed': 'This device was signed out from another device.',
  'password-changed': 'The account password was changed. Sign in with the new password.',
  expired: 'Your session expired. Please sign in again.',
};

/** Codes the API uses in its JSON error bodies. */
export type ApiErrorCode =
  | 'invalid_request'
  | 'unknown_email'
  | 'wrong_password'
  | 'unauthorized'
  /** The access token is past its expiry: refresh and retry. */
  | 'token_expired'
  /** A playback token (API.media) is past its expiry: ask API.playback for a new one; not a sign-out. */
  | 'playback_expired'
  | 'session_revoked'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  /** Wrong current password on a password change. */
  | 'wrong_current_password'
  /** This change needs the account password again (the message says what for); send it with `password`. */
  | 'password_required'
  /** Wrong profile PIN (the message says how many tries are left). */
  | 'wrong_pin'
  /** Too many wrong profile PINs: wait `retryAfterSeconds`. */
  | 'pin_locked_out'
  /** The profile is locked and this session has not unlocked it (or the unlock expired). */
  | 'profile_locked'
  /** The account already has MAX_PROFILES profiles. */
  | 'profile_limit'
  /** The account's only profile cannot be deleted. */
  | 'last_profile'
  /** RFC 8628 device authorization (sign in with a code), on the token poll: */
  | 'authorization_pending'
  | 'slow_down'
  | 'expired_token'
  | 'access_denied'
  | 'unavailable'
  /** The plan's screens are all in use (409): the body lists the devices streaming (`streams`). */
  | 'too_many_streams'
  /** Another device stopped this playback ("Stop playback on …"): 410 on its next media request. */
  | 'stream_stopped'
  /** The request named a host this service does not answer to (421; DNS rebinding). */
  | 'misdirected'
  /** A control call without its header or JSON body type (403). */
  | 'forbidden'
  | 'internal';

/** A device streaming now, as a too_many_streams refusal lists it (newest first). */
export interface ActiveStream {
  /** Send to DELETE API.playbackStream(streamId) (shared/api.ts) to stop it. */
  streamId: string;
  deviceName: string;
  profileName: string | null;
  titleName: string | null;
  /** When it started (ISO). */
  since: string;
}

/** The body of every 4xx/5xx answer from the API. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    /** Set with `session_revoked`: why the session ended. */
    reason?: SignOutReason;
    /** With `pin_locked_out`: seconds until the next try is allowed. */
    retryAfterSeconds?: number;
    /** With `slow_down`: the new polling interval, in seconds (RFC 8628 adds 5 each time). */
    interval?: number;
    /** The request field the error is about, when it is about one (e.g. "email", "password", "name"). */
    field?: string;
    /** With `too_many_streams`: the devices streaming now. */
    streams?: ActiveStream[];
  };
}
