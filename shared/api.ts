/** The mock streaming service's HTTP and stream contract, shared by server/ and electron/core/. */
import type { Static } from 'typebox';
// Type-only: the request types are derived from the schemas the service validates with, and no
// client bundle (main, preload, renderer) carries TypeBox code for them.
import type {
  changePasswordBody,
  createProfileBody,
  deviceCodeBody,
  deviceInfoSchema,
  deviceTokenBody,
  passwordOptionalBody,
  playbackBody,
  refreshBody,
  renameDeviceBody,
  saveProgressBody,
  setProfilePinBody,
  signInBody,
  unlockProfileBody,
  updateProfileBody,
} from './api-schemas';
import type { AccountSummary, ActiveStream, CatalogRow, Profile, SignOutReason, Title, TitleDetails } from './types';

/** Paths of the HTTP API. Only this module spells them. */
export const API = {
  health: '/healthz',
  signIn: '/v1/auth/sign-in',
  signOut: '/v1/auth/sign-out',
  signOutAll: '/v1/auth/sign-out-all',
  refresh: '/v1/auth/refresh',
  session: '/v1/session',
  /** GET: the account's signed-in devices. */
  devices: '/v1/devices',
  /** PATCH {name}: rename; DELETE: sign that device out remotely (reason 'device-removed'). */
  device: (id: string) => `/v1/devices/${encodeURIComponent(id)}`,
  /** POST {profileId}: the profile this device is using now (shown in the devices list). */
  currentProfile: '/v1/devices/current/profile',
  /** POST ChangePasswordRequest. */
  password: '/v1/account/password',
  /**
   * POST PasswordRequest: checks the account password without changing anything (204, or 403
   * wrong_current_password; counted like every password try). A flow that asks the password first,
   * such as setting a profile lock, checks it here before asking for the rest.
   */
  passwordCheck: '/v1/account/password/check',
  /** GET: the account's profiles. POST NewProfile: add one (409 profile_limit at MAX_PROFILES). */
  profiles: '/v1/profiles',
  /**
   * PATCH ProfileChanges: rename, new avatar, maturity level (raising it needs the account password). DELETE: remove it with its progress and
   * My List (409 last_profile for the only one). A locked profile must be unlocked by this session.
   */
  profile: (id: string) => `/v1/profiles/${encodeURIComponent(id)}`,
  /** PUT SetProfilePinRequest: set, change or remove (pin: null) a profile's lock. */
  profilePin: (id: string) => `/v1/profiles/${encodeURIComponent(id)}/pin`,
  /** POST UnlockProfileRequest: opens a locked profile for this session (204), limited tries. */
  profileUnlock: (id: string) => `/v1/profiles/${encodeURIComponent(id)}/unlock`,
  /** GET ?profileId=: hero + rows (Continue Watching, My List, Trending, New, genres). */
  home: '/v1/catalog/home',
  /** GET ?profileId=: TitleDetails (404 not_found for a title rated above the profile's maturity level). */
  title: (id: string) => `/v1/catalog/titles/${encodeURIComponent(id)}`,
  /** GET ?profileId=&q=: SearchResponse; matches title, genre and synopsis words, case-insensitive. */
  search: '/v1/catalog/search',
  /** PUT: add the title to the profile's My List (204, idempotent). DELETE: remove it (204). */
  myList: (profileId: string, titleId: string) =>
    `/v1/profiles/${encodeURIComponent(profileId)}/my-list/${encodeURIComponent(titleId)}`,
  /** PUT SaveProgressRequest: where the profile is in the title (204). */
  /** PUT SaveProgressRequest: where the profile is in the title. DELETE: "Remove from Continue Watching". */
  progress: (profileId: string, titleId: string) =>
    `/v1/profiles/${encodeURIComponent(profileId)}/progress/${encodeURIComponent(titleId)}`,
  /** POST DeviceCodeRequest → DeviceCodeResponse (RFC 8628 §3.1-3.2). No auth. */
  deviceCode: '/v1/auth/device/code',
  /**
   * POST DeviceTokenRequest → SignInResponse once approved (RFC 8628 §3.4-3.5); until then 400
   * with code authorization_pending | slow_down (body carries the new `interval`) | expired_token
   * | access_denied. No auth.
   */
  deviceToken: '/v1/auth/device/token',
  stream: '/v1/stream',
  /**
   * POST PlaybackRequest → PlaybackResponse: a playback session for one profile and title (the
   * profile's maturity level applies, like the catalog: 404 for a title rated above it). The first
   * play of a title may take a few seconds while the service makes its media; 503 unavailable when
   * it cannot (no ffmpeg, encoder failure), with the reason in the message. The plan's screen
   * limit applies: one device too many answers 409 too_many_streams with `streams` (the devices
   * streaming now). A device's new playback replaces its own earlier one (it never counts twice).
   */
  playback: '/v1/playback',
  /**
   * DELETE: ends a stream of the account (204): this device's own (the player closed) or another
   * device's ("Stop playback on …": that device's next media request is refused 410
   * stream_stopped). Either way its screen is free at once. 404 for a stream not of the account.
   */
  playbackStream: (streamId: string) => `/v1/playback/${encodeURIComponent(streamId)}`,
  /**
   * Where a playback's media lives: `${media}/<titleId>/<playback token>/master.m3u8` and the
   * playlists, init segments, fMP4 segments and WebVTT files beside it (relative URLs, so the
   * token rides along). No bearer: the token in the path is the authorisation, checked on every
   * request (401 unauthorized | playback_expired | session_revoked; 410 stream_stopped when
   * another device stopped it; 409 too_many_streams when a stream idle past the activity window
   * comes back to an account whose screens are all in use).
   */
  media: '/v1/media',
} as const;

/** One HLS video rendition of a playback (also in the master playlist). */
export interface PlaybackRendition {
  /** e.g. "540p": also drawn in the picture's corner, so a screenshot shows which one plays. */
  name: string;
  width: number;
  height: number;
  /** Peak bits per second with the largest audio track (the master playlist's BANDWIDTH). */
  bandwidth: number;
}

/** An audio or subtitle track of a playback, as the master playlist labels it. */
export interface PlaybackTrack {
  /** BCP 47 language tag (LANGUAGE): "en", "fr". */
  language: string;
  /** What a menu shows (NAME): "English", "Français". */
  name: string;
}

/** POST API.playback */
export type PlaybackRequest = Static<typeof playbackBody>;

/** A playback session: where its HLS master playlist is, and until when its token works. */
export type { ActiveStream };

export interface PlaybackResponse {
  /** This playback's stream on the account (DELETE API.playbackStream(streamId) when the player closes). */
  streamId: string;
  /** Absolute URL of the HLS master playlist; every URL under it carries the playback token. */
  manifestUrl: string;
  /**
   * When the playback token stops working (401 playback_expired): ask API.playback again and
   * carry on from the position. Signing out (this device or all devices) stops it at once.
   */
  expiresAt: string;
  /** The stream's length: the title's (a series: the episode's) runtime rounded up to a whole segment. */
  durationSeconds: number;
  /** Every segment's length, in seconds. */
  segmentSeconds: number;
  renditions: PlaybackRendition[];
  audio: PlaybackTrack[];
  subtitles: PlaybackTrack[];
  /** A series: the episode this playback plays (the one asked for, else the next up). Null for a film. */
  episodeId: string | null;
  /**
   * The profile's languages now (its audio, and its subtitles or null for Off): the player starts
   * with them, so a choice made on one device holds on every device's next play.
   */
  languages: PlaybackLanguages;
}

/** What a player starts with: an audio language and a subtitle language (null: Off). */
export interface PlaybackLanguages {
  audio: string;
  subtitles: string | null;
}

/**
 * Every control call carries this header (and a POST a JSON body type): a web page on another
 * origin cannot send either without a CORS preflight, which the service never grants, so no page
 * the browser visits can reach the control API.
 */
export const CONTROL_HEADER = { name: 'x-couchside-control', value: '1' } as const;
/** The headers a control call sends. */
export const CONTROL_HEADERS: Readonly<Record<string, string>> = { [CONTROL_HEADER.name]: CONTROL_HEADER.value };

/** Paths of the control API (tests and demos; only when the server runs with --control). */
export const CONTROL = {
  reset: '/control/reset',
  revokeAll: '/control/revoke-all',
  streams: '/control/streams',
  accounts: '/control/accounts',
  /** POST {deviceId} (or {email, deviceName}): sign one device out, reason 'device-removed'. */
  revokeDevice: '/control/revoke-device',
  /** POST {mode: 'down' | 'slow' | 'normal', forMs?, delayMs?}: an outage or slowness for a while. */
  outage: '/control/outage',
  /** POST {accounts: [{email, password, plan?, profiles?}]}: seed named accounts (existing ones kept). */
  seed: '/control/seed',
  /** GET: pending sign-in codes [{userCode, deviceName, expiresAt}] (demos show them). */
  deviceCodes: '/control/device-codes',
  /** POST {userCode, email}: approve a sign-in code for that account, as the account page would. */
  approveDeviceCode: '/control/device-codes/approve',
  /** POST {enabled}: lift (false) or restore (true) the limits on password guessing and code entry. */
  rateLimits: '/control/rate-limits',
  /** POST {userCode}: make a sign-in code expire now (tests of "an expired code is replaced"). */
  expireDeviceCode: '/control/device-codes/expire',
  /**
   * POST PlaybackNetworkRequest: for one device (deviceId) or every device (no deviceId), for
   * `forMs`, cap its media segment delivery to `bandwidthKbps`, hold each segment request back
   * `latencyMs`, and/or answer segment requests 503 (`failSegments`). Each call replaces what was
   * set for that target; a call with no knob clears it. A device's own setting wins over the
   * all-devices one. GET: { conditions: PlaybackNetworkState[] } in force now.
   */
  playbackNetwork: '/control/playback-network',
  /**
   * POST {email, plan}: the account's plan ('basic' | 'standard' | 'premium', any case, or its
   * label), which sets how many devices may stream at once (shared/plans.ts). 400 with field
   * "plan" for any other name. GET ?email=: { plan, maxStreams, streams } (the devices streaming now).
   */
  plan: '/control/plan',
} as const;

/** POST CONTROL.playbackNetwork */
export interface PlaybackNetworkRequest {
  /** The device (GET CONTROL.streams lists them); none for every device. */
  deviceId?: string;
  /** Cap the device's segment delivery to this many kilobits per second (8..1,000,000). */
  bandwidthKbps?: number;
  /** Hold each segment request back this many milliseconds (0..30,000). */
  latencyMs?: number;
  /** Answer every segment request 503 unavailable. */
  failSegments?: boolean;
  /** How long it lasts, in milliseconds (default 60,000; at most one hour). */
  forMs?: number;
}

/** A network condition in force (POST CONTROL.playbackNetwork's answer; GET lists them). */
export interface PlaybackNetworkState {
  deviceId: string | null;
  bandwidthKbps: number | null;
  latencyMs: number;
  failSegments: boolean;
  /** When it ends (ISO), or null when nothing is in force for that target. */
  until: string | null;
}

/** The device a client says it is when it signs in. */
export type DeviceInfo = Static<typeof deviceInfoSchema>;

export type SignInRequest = Static<typeof signInBody>;

/**
 * A session family's current tokens. The access token is short-lived; the refresh token rotates
 * on every use, and presenting an already-used refresh token revokes the whole family (RFC 9700).
 */
export interface TokenSet {
  accessToken: string;
  /** ISO time after which the access token is refused with 401 `token_expired`. */
  accessExpiresAt: string;
  refreshToken: string;
}

export interface SignInResponse extends TokenSet {
  deviceId: string;
  account: AccountSummary;
}

export type RefreshRequest = Static<typeof refreshBody>;

export type RefreshResponse = TokenSet;

/** One signed-in device (or browser) of the account. */
export interface DeviceSummary {
  id: string;
  name: string;
  platform: string;
  appVersion: string;
  /** 'device' for apps, 'web' for the account page in a browser. */
  kind: 'device' | 'web';
  /** Name of the profile last used on it, if any. */
  lastProfile: string | null;
  lastActiveAt: string;
  /** Approximate location from the IP address, e.g. "This computer", "Home network", "Unknown". */
  location: string;
  /** True for the device making the request. */
  current: boolean;
}

export interface DevicesResponse {
  devices: DeviceSummary[];
}

/** The longest device name the service accepts (after trimming); the app checks it before asking. */
export const MAX_DEVICE_NAME = 40;

export type RenameDeviceRequest = Static<typeof renameDeviceBody>;

/** Setting a profile lock needs the account password again (like Netflix); pin: exactly 4 digits, or null to remove the lock. */
export type SetProfilePinRequest = Static<typeof setProfilePinBody>;

export type UnlockProfileRequest = Static<typeof unlockProfileBody>;

/**
 * The account password, where a request needs it again (see server/household.ts): without it the
 * service answers 403 password_required and says what it is for.
 */
export type PasswordRequest = NonNullable<Static<typeof passwordOptionalBody>>;

/** A new profile (NewProfile), with the account password where the service asks for it. */
export type CreateProfileRequest = Static<typeof createProfileBody>;
/** Profile changes (ProfileChanges), with the account password where the service asks for it. */
export type UpdateProfileRequest = Static<typeof updateProfileBody>;
/** DELETE API.profile(id), DELETE API.device(id) and POST API.signOutAll take an optional body with the password. */
export type DeleteProfileRequest = PasswordRequest;
export interface ProfileResponse {
  profile: Profile;
}

export interface TitleResponse {
  title: TitleDetails;
}

export interface SearchResponse {
  /** Best matches first (title starts with the query, then title contains it, then genre/synopsis); at most 40. */
  results: Title[];
}

/** The longest search query the service accepts. */
export const MAX_SEARCH_QUERY = 60;

/** positionSeconds: seconds from the start, 0..duration; at or past FINISHED_FRACTION the title counts as finished. */
export type SaveProgressRequest = Static<typeof saveProgressBody>;

/** Sign in with a code (RFC 8628 device authorization request). */
export type DeviceCodeRequest = Static<typeof deviceCodeBody>;

/** RFC 8628 §3.2, in camelCase like the rest of this API. */
export interface DeviceCodeResponse {
  /** Secret: only the device polls with it (kept in the main process). */
  deviceCode: string;
  /** Short, easy to type: 8 letters from an unambiguous alphabet shown as "ABCD-EFGH". */
  userCode: string;
  /** The account page's activation page, e.g. http://127.0.0.1:4700/activate. */
  verificationUri: string;
  /** The same with the code filled in (for the QR code): /activate?code=ABCD-EFGH. */
  verificationUriComplete: string;
  /** Seconds until the code expires (600 by default). */
  expiresIn: number;
  /** Seconds to wait between polls (5 by default). */
  interval: number;
}

export type DeviceTokenRequest = Static<typeof deviceTokenBody>;

/** signOutAllDevices: sign out every other device too (the account page ticks it by default). */
export type ChangePasswordRequest = Static<typeof changePasswordBody>;

/** A pending sign-in code as the control API lists it. */
export interface PendingDeviceCode {
  userCode: string;
  deviceName: string;
  expiresAt: string;
}

export interface SessionResponse {
  account: AccountSummary;
  deviceId: string;
}

export interface ProfilesResponse {
  profiles: Profile[];
}

export interface HomeResponse {
  hero: Title;
  rows: CatalogRow[];
}

/** Messages the server sends on a device event stream (WebSocket, JSON text frames). */
export type StreamMessage =
  /** Sent on every (re)connect: the session is live, so the client knows at once after a drop. */
  | { type: 'hello'; deviceId: string; sessionLive: true }
  | { type: 'revoked'; reason: SignOutReason }
  /** The devices list changed (rename, sign-in, sign-out elsewhere): refetch it if it is shown. */
  | { type: 'devices-changed' }
  /** A profile's Continue Watching or My List changed on another device: refetch its Home if it is shown. */
  | { type: 'library-changed'; profileId: string };

/** WebSocket close codes the device stream uses. */
export const STREAM_CLOSE = {
  /** The session was revoked; do not reconnect. */
  revoked: 4001,
  /** The server is shutting down or unavailable; reconnect with backoff. */
  goingAway: 1001,
  /**
   * A newer stream of the same session took this one's place (the service keeps a few per
   * session). Not a sign-out: a client that still wants a stream reconnects with backoff.
   */
  replaced: 4002,
} as const;
