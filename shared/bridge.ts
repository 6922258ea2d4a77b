/**
 * The one contract between the renderer and the process that holds the session (Electron main,
 * or the web host). Every channel name and payload type lives here; no channel string elsewhere.
 */
import * as v from 'valibot';
import type { DeviceSummary, PlaybackLanguages, PlaybackRendition, PlaybackTrack } from './api';
import * as s from './bridge-schemas';
import type { AccountSummary, ActiveStream, CatalogRow, SignOutReason, Title } from './types';

export type { DeviceSummary };

/** What the renderer knows of the session. Never carries a token. */
export type SessionState =
  | { status: 'restoring'; offline: boolean; retryInSeconds?: number }
  | { status: 'signed-out'; notice: SignOutNotice | null }
  | { status: 'signed-in'; account: AccountSummary; offline: boolean };

/** Why the sign-in screen is showing, in words for the user. */
export interface SignOutNotice {
  reason: SignOutReason;
  message: string;
  at: string;
}

/** Errors a bridge call can report, each with a message fit for the screen. */
export type BridgeErrorCode =
  | 'invalid_input'
  | 'wrong_pin'
  | 'locked_out'
  | 'wrong_password'
  | 'profile_locked'
  /** The change needs the account password again; the message says what for. Call again with it. */
  | 'password_required'
  /** Not while kiosk mode is on (account-wide actions are behind the admin PIN: leave kiosk mode first). */
  | 'kiosk_locked'
  | 'unknown_email'
  | 'wrong_password'
  | 'server_unreachable'
  | 'signed_out'
  | 'not_found'
  /** The account has MAX_PROFILES profiles already. */
  | 'profile_limit'
  /** The only profile cannot be deleted. */
  | 'last_profile'
  /**
   * startPlayback: the plan's screens are all in use; `streams` lists the devices streaming now
   * (stopStream(streamId) ends one, then start again).
   */
  | 'too_many_streams'
  | 'failed';

export interface BridgeError {
  code: BridgeErrorCode;
  message: string;
  /** With `locked_out`: how long until another try is allowed. */
  retryAfterSeconds?: number;
  /**
   * The input the error is about, when it is about one, named as the request field ("email",
   * "password", "name", "pin"…): a form puts the message under that field and the focus in it.
   */
  field?: string;
  /** With `too_many_streams`: the devices streaming now, newest first. */
  streams?: ActiveStream[];
}

/** Every bridge call answers with this rather than throwing, so errors cross IPC intact. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export interface HomeData {
  hero: Title;
  rows: CatalogRow[];
}

export interface AppInfo {
  version: string;
  serverUrl: string;
  host: 'electron' | 'web';
  kiosk: boolean;
}

/** The mock service this app talks to, for Settings → About. */
export interface ServiceInfo {
  /** The address the app uses (loopback when the app started the service itself). */
  url: string;
  /** The account page on this computer (sign out of all devices, approve a code). */
  accountUrl: string;
  /** True when this app started the service itself (the installed app; the web host under `npm start`). */
  startedHere: boolean;
  /** Why this app's own service is not running (it failed to start or stopped), or null. */
  problem: string | null;
  /** "Let phones on this network open the account page". */
  lan: {
    /** Why the setting cannot be changed from this app, or null when it can. */
    unavailable: string | null;
    /** The setting: off by default. */
    enabled: boolean;
    /** The account page's addresses on the local network while it is open (for the QR code). */
    accountUrls: string[];
    /** Why the service could not be opened to the network (no network, port taken), or null. */
    problem: string | null;
  };
}

/** Why kiosk mode is on (a flag and the env var win over the stored setting). */
export type KioskSource = 'flag' | 'env' | 'setting';

/** Kiosk mode as the renderer needs it. The admin PIN itself never leaves the host (only a hash is stored). */
export interface KioskState {
  enabled: boolean;
  source: KioskSource | null;
  /** True once an admin PIN is stored; kiosk mode asks for one first when it is not. */
  pinSet: boolean;
  /** Demo mode: after the idle time the demo household is reset and signed back in. */
  demoMode: boolean;
  /** Idle time before going back to the profile picker (or, in demo mode, resetting). */
  idleResetSeconds: number;
  /** Idle time before the mouse cursor is hidden. */
  cursorHideSeconds: number;
}

/** What the kiosk settings accept (all optional on update). */
export interface KioskOptions {
  demoMode?: boolean;
  idleResetSeconds?: number;
}

/**
 * Where the host serves a playback's media on its OWN origin (app://couchside in Electron, the web
 * host's loopback address): `${PLAYBACK_PATH}/<playbackId>/master.m3u8` and the relative URLs
 * under it. The host adds the service's playback token on the way; the renderer never sees it.
 */
export const PLAYBACK_PATH = '/playback';

/** A playback as the renderer gets it from startPlayback: no token, no service address. */
export interface PlaybackInfo {
  /** Opaque id of this playback in the host (not a credential of the service). */
  playbackId: string;
  /**
   * The HLS master playlist on the host's own origin, as a root-relative URL
   * (`/playback/<playbackId>/master.m3u8`): resolve it against the page's location. Every URL
   * in the playlists under it is relative. An expired playback token is renewed by the host.
   */
  manifestUrl: string;
  durationSeconds: number;
  segmentSeconds: number;
  renditions: PlaybackRendition[];
  audio: PlaybackTrack[];
  subtitles: PlaybackTrack[];
  /** A series: the episode this playback plays. Absent or null for a film. */
  episodeId?: string | null;
  /** The profile's languages as the service holds them now: the player starts with these. */
  languages: PlaybackLanguages;
}

export { DEFAULT_PREFERENCES, RELOCK_CHOICES, UI_SCALES, type DevicePreferences, type DevicePreferencesUpdate, type UiScale } from './preferences';

/**
 * Sign in with a code, as the renderer sees it. The device code itself (the secret the host polls
 * with) never leaves the host; only the short user code shows.
 */
export type CodeSignInState =
  /** Not started, cancelled, or done (a successful sign-in shows as the session going signed-in). */
  | { status: 'idle' }
  /**
   * Asking the service for a code (first time, or replacing an expired one). `offline`: the
   * service cannot be reached; the host keeps asking, with backoff, until it answers.
   */
  | { status: 'requesting'; offline?: boolean }
  | {
      status: 'waiting';
      /** "ABCD-EFGH": what the user types on the account page. */
      userCode: string;
      /** Where to type it (shown as text). */
      verificationUri: string;
      /** The same with the code filled in: the QR code encodes this. */
      verificationUriComplete: string;
      /** ISO time the code expires; the host asks for a new one then by itself. */
      expiresAt: string;
      /** The host's current polling interval, seconds (grows on slow_down). */
      intervalSeconds: number;
      /** The last poll could not reach the service (the host keeps trying). */
      offline: boolean;
    }
  /** Refused on the account page, or the service could not be reached for a code. */
  | { status: 'failed'; message: string };

/**
 * Every request/response verb, declared ONCE: its arguments (named, each with its schema and the
 * words a user reads when it is refused) and its answer. The bridge's type (`BridgeMethods`), the
 * channel names, the preload, the web client, the handlers' argument checks and the test fake all
 * derive from this table, so adding a verb is one entry here, its handler and its UI.
 *
 * `queued`: a read of the host's own state (or a fire-and-forget call) that the web client holds
 * while the host is away and sends when it is back; every other verb answers at once with
 * `server_unreachable` then.
 */
export const VERBS = {
  getState: verb([], s.sessionState, { queued: true }),
  getAppInfo: verb([], s.appInfo, { queued: true }),
  signIn: verb([['email', s.email], ['password', s.signInPassword]], s.result(s.accountSummary)),
  signOut: verb([], s.result(s.none)),
  /** Signs every device of the account out; needs the account password (password_required without it). */
  signOutAllDevices: verb([['password', s.optionalPassword]], s.result(s.none)),
  /** Checks the account password, changing nothing (wrong_password when it is not). */
  checkPassword: verb([['password', s.password]], s.result(s.none)),
  listProfiles: verb([], s.result(v.array(s.profile))),
  getHome: verb([['profileId', s.profileId]], s.result(s.homeData)),
  /** Tells the service which profile this device is using (shown in the devices list). */
  selectProfile: verb([['profileId', s.profileId]], s.result(s.none)),
  /** Opens a locked profile with its PIN for this device (wrong PINs are limited by the service). */
  unlockProfile: verb([['profileId', s.profileId], ['pin', s.profilePin]], s.result(s.none)),
  /** Sets, changes or (pin null) removes a profile lock; the account password is asked again. */
  setProfilePin: verb([['profileId', s.profileId], ['password', s.password], ['pin', v.nullable(s.profilePin)]], s.result(s.none)),
  getPreferences: verb([], s.devicePreferences, { queued: true }),
  setPreferences: verb([['preferences', s.preferencesUpdate]], s.result(s.devicePreferences)),
  /** The account's signed-in devices, this one marked `current`. */
  listDevices: verb([], s.result(v.array(s.deviceSummary))),
  renameDevice: verb([['deviceId', s.deviceId], ['name', s.deviceName]], s.result(s.none)),
  /** Signs another device out remotely (signing out this one is `signOut`). */
  signOutDevice: verb([['deviceId', s.deviceId], ['password', s.optionalPassword]], s.result(s.none)),
  /**
   * The window came back to the foreground: if the session was not checked for a while, check it
   * with the service now (a revocation may have happened while the machine slept).
   */
  checkSession: verb([], s.nothing),
  getKiosk: verb([], s.kioskState, { queued: true }),
  /**
   * Turns kiosk mode on as a stored setting (or, when it is already on by flag/env without a PIN,
   * just sets the PIN). The PIN is 4 to 8 digits and stored hashed.
   */
  enableKiosk: verb([['pin', s.adminPinInput], ['options', s.kioskOptions]], s.result(s.kioskState)),
  /** Leaves kiosk mode after checking the admin PIN (wrong PINs are limited, then a cool-down). */
  exitKiosk: verb([['pin', s.adminPinInput]], s.result(s.kioskState)),
  /** Demo mode, after the idle time: reset the demo household and sign back in to it. */
  resetDemo: verb([], s.result(s.none)),
  /**
   * Adds a profile ("Manage profiles"); refused past MAX_PROFILES. One rated above the profile in
   * use answers password_required as below.
   */
  createProfile: verb([['profile', s.newProfile], ['password', s.optionalPassword]], s.result(s.profile)),
  /**
   * Renames it, changes its avatar or maturity level. Raising the level, or changing a profile other
   * than the one in use, answers password_required until the account password is sent with it.
   */
  updateProfile: verb([['profileId', s.profileId], ['changes', s.profileChanges], ['password', s.optionalPassword]], s.result(s.profile)),
  /** Deletes it with its progress and My List; the last profile cannot be deleted (password_required as above). */
  deleteProfile: verb([['profileId', s.profileId], ['password', s.optionalPassword]], s.result(s.none)),
  /** A title page for this profile (not_found when it is rated above the profile's maturity level). */
  getTitle: verb([['profileId', s.profileId], ['titleId', s.titleId]], s.result(s.titleDetails)),
  /** Titles matching `query` for this profile (only those its maturity level allows). */
  search: verb([['profileId', s.profileId], ['query', s.searchQuery]], s.result(v.array(s.title))),
  setInMyList: verb([['profileId', s.profileId], ['titleId', s.titleId], ['inList', s.inList]], s.result(s.none)),
  /** Saves where this profile is in a title (the player calls it every few seconds and on exit); a series: in which episode. */
  saveProgress: verb(
    [['profileId', s.profileId], ['titleId', s.titleId], ['positionSeconds', s.positionSeconds], ['episodeId', s.optionalEpisodeId]],
    s.result(s.none),
  ),
  /**
   * Starts playing a title as a profile: the host asks the service for a playback session (the
   * first play of a title may take several seconds while its media is made) and answers where
   * the host itself serves it. not_found when the profile may not see the title. A series plays
   * `episodeId` (default: the profile's next up); the answer names the episode it plays.
   */
  startPlayback: verb([['profileId', s.profileId], ['titleId', s.titleId], ['episodeId', s.optionalEpisodeId]], s.result(s.playbackInfo)),
  /**
   * The player closed (or starts again): the host forgets the playback and ends its stream on the
   * service, so its screen is free at once. Fire and forget.
   */
  stopPlayback: verb([['playbackId', s.playbackId]], s.nothing, { queued: true }),
  /**
   * "Stop playback on <device>": ends another device's stream (from a too_many_streams error's
   * `streams`); that device's player says it was stopped from another device.
   */
  stopStream: verb([['streamId', s.streamId]], s.result(s.none)),
  /** "Remove from Continue Watching": forgets where this profile is in the title. */
  removeFromContinueWatching: verb([['profileId', s.profileId], ['titleId', s.titleId]], s.result(s.none)),
  /**
   * Sign in with a code: the host asks the service for a code, shows it through
   * onCodeSignInChanged, polls at the service's interval (slow_down honoured), replaces an
   * expired code by itself, and on approval signs in (the session goes signed-in).
   */
  startCodeSignIn: verb([], s.result(s.codeSignInState)),
  /** Stops polling (the user left the code screen). */
  cancelCodeSignIn: verb([], s.nothing, { queued: true }),
  /** The service's and the account page's addresses, and the local-network setting (Settings → About). */
  getServiceInfo: verb([], s.serviceInfo, { queued: true }),
  /**
   * Lets phones on this network open the account page (on), or not (off). Only where this app
   * started the service itself; the demo service has no TLS.
   */
  setLanAccess: verb([['enabled', s.lanEnabled]], s.result(s.serviceInfo)),
  /** Records an error the page did not handle in the host's log (main.log / web-host.log); capped per minute. */
  reportError: verb([['report', s.errorReport]], s.nothing, { queued: true }),
};

/** One verb's declaration: its named arguments in order, its answer, and whether the web client queues it. */
export interface Verb<A extends readonly Arg[] = readonly Arg[], R = unknown> {
  args: A;
  result: v.GenericSchema<any, R>;
  queued: boolean;
  /** The arguments as one tuple schema (built once). */
  tuple: v.GenericSchema<unknown[]>;
}
/** A named argument: the name is the `field` a refusal is about. */
export type Arg = readonly [name: string, schema: v.GenericSchema<any, any>];

function verb<const A extends readonly Arg[], R>(args: A, result: v.GenericSchema<any, R>, opts: { queued?: boolean } = {}): Verb<A, R> {
  return { args, result, queued: opts.queued ?? false, tuple: v.tuple(args.map(([, schema]) => schema)) as v.GenericSchema<unknown[]> };
}

/** Trailing arguments that accept undefined may be left out. */
type OptionalTail<T extends readonly unknown[]> = T extends readonly [...infer H, infer L] ? (undefined extends L ? [...OptionalTail<H>, L?] : T) : T;
type InputsOf<A extends readonly Arg[]> = { -readonly [K in keyof A]: A[K] extends readonly [string, infer S extends v.GenericSchema<any, any>] ? v.InferInput<S> : never };
type ArgsIn<A extends readonly Arg[]> = OptionalTail<InputsOf<A>>;
type ArgsOut<A extends readonly Arg[]> = { -readonly [K in keyof A]: A[K] extends readonly [string, infer S extends v.GenericSchema<any, any>] ? v.InferOutput<S> : never };

export type BridgeMethodName = keyof typeof VERBS;

/** The request/response verbs as the renderer calls them (arguments as the renderer may send them). */
export type BridgeMethods = { [K in BridgeMethodName]: (...args: ArgsIn<(typeof VERBS)[K]['args']>) => Promise<v.InferOutput<(typeof VERBS)[K]['result']>> };

/**
 * The verbs as the session-holding process implements them: each gets its arguments already
 * checked and tidied (trimmed, defaults filled in) by the table's schemas.
 */
export type BridgeHandlers = { [K in BridgeMethodName]: (...args: ArgsOut<(typeof VERBS)[K]['args']>) => Promise<v.InferOutput<(typeof VERBS)[K]['result']>> };

/** The names of every verb, for wiring ipcMain / the web host and for validating calls. */
export const BRIDGE_METHODS = Object.keys(VERBS) as BridgeMethodName[];

/** True when `name` is one of the bridge verbs (guards against calls to anything else). */
export function isBridgeMethod(name: unknown): name is BridgeMethodName {
  return typeof name === 'string' && Object.hasOwn(VERBS, name);
}

/** The refusal of bad arguments: the first problem's words, and the argument (or its field) it is about. */
export function refusal(issues: readonly v.BaseIssue<unknown>[], args: readonly Arg[]): BridgeError {
  const first = issues[0]!;
  const path = first.path ?? [];
  const inner = path.slice(1).reverse().find((p) => typeof p.key === 'string')?.key as string | undefined;
  const index = typeof path[0]?.key === 'number' ? path[0].key : -1;
  const field = inner ?? args[index]?.[0];
  return { code: 'invalid_input', message: first.message, ...(field ? { field } : {}) };
}

/**
 * Checks a call's untrusted arguments against the table and calls the handler with the checked
 * values. Bad arguments never reach it: a Result verb answers `invalid_input` with the refusal's
 * words and field; any other verb (a read, or a report) answers undefined. With `checkAnswers`,
 * an answer that breaks the contract throws (the unit tests turn it on).
 */
export async function callVerb(handlers: BridgeHandlers, method: BridgeMethodName, rawArgs: unknown, checkAnswers = false): Promise<unknown> {
  const spec: Verb = VERBS[method];
  const parsed = v.safeParse(spec.tuple, Array.isArray(rawArgs) ? rawArgs : []);
  if (!parsed.success) return s.isResultSchema(spec.result) ? { ok: false, error: refusal(parsed.issues, spec.args) } : undefined;
  const fn = handlers[method] as (...a: unknown[]) => Promise<unknown>;
  const answer = await fn(...parsed.output);
  if (checkAnswers) {
    const checked = v.safeParse(spec.result, answer);
    if (!checked.success) throw new Error(`${method} answered outside the contract: ${v.summarize(checked.issues)}`);
  }
  return answer;
}

/** The verbs with their arguments checked (what ipcMain, the web host and the tests call). */
export function checkedVerbs(handlers: BridgeHandlers, checkAnswers = false): BridgeMethods {
  return Object.fromEntries(BRIDGE_METHODS.map((m) => [m, (...args: unknown[]) => callVerb(handlers, m, args, checkAnswers)])) as unknown as BridgeMethods;
}

/** An error in the page, as the host's log records it. */
export interface ErrorReport {
  /** What kind: 'error' (window error), 'rejection' (unhandled promise), 'react' (a render error). */
  kind: 'error' | 'rejection' | 'react';
  message: string;
  stack?: string;
}

/** IPC channel prefix (like VS Code's `vscode:`), so our channels never clash with others. */
export const IPC_PREFIX = 'couchside:';

/** The ipcMain.handle channel for a verb. */
export function invokeChannel(method: BridgeMethodName): string {
  return `${IPC_PREFIX}invoke:${method}`;
}

/**
 * What the client core tells every window, one name per event in every transport: the web host
 * sends it as is; Electron sends its payload on the IPC channel `couchside:<event>`.
 */
export type BridgeEvent =
  /** The new SessionState (never a token). */
  | { event: 'session-changed'; state: SessionState }
  /** The service says the account's devices list changed (no payload). */
  | { event: 'devices-changed' }
  /** That profile's Continue Watching or My List changed on another device. */
  | { event: 'library-changed'; profileId: string }
  /** The new KioskState. */
  | { event: 'kiosk-changed'; state: KioskState }
  /** Sign in with a code moved on. */
  | { event: 'code-sign-in-changed'; state: CodeSignInState };

export type BridgeEventName = BridgeEvent['event'];

/** The IPC channel an event travels on in Electron. */
export function eventChannel(name: BridgeEventName): string {
  return `${IPC_PREFIX}${name}`;
}

/** The arguments an event carries on its IPC channel (its payload, if it has one). */
export function eventArgs(e: BridgeEvent): unknown[] {
  if ('state' in e) return [e.state];
  if ('profileId' in e) return [e.profileId];
  return [];
}

/**
 * Each subscriber on the bridge and the event it hears: the preload and the web client build their
 * `on…` methods from this table, so a new event is one line here and one in BridgeEvent.
 */
export const BRIDGE_SUBSCRIPTIONS = {
  onSessionChanged: 'session-changed',
  onDevicesChanged: 'devices-changed',
  onLibraryChanged: 'library-changed',
  onKioskChanged: 'kiosk-changed',
  onCodeSignInChanged: 'code-sign-in-changed',
} as const satisfies Record<string, BridgeEventName>;

export type BridgeSubscriptions = Pick<CouchsideBridge, keyof typeof BRIDGE_SUBSCRIPTIONS>;

export const SESSION_CHANGED_CHANNEL = eventChannel('session-changed');
export const DEVICES_CHANGED_CHANNEL = eventChannel('devices-changed');
export const LIBRARY_CHANGED_CHANNEL = eventChannel('library-changed');
export const KIOSK_CHANGED_CHANNEL = eventChannel('kiosk-changed');
export const CODE_SIGN_IN_CHANGED_CHANNEL = eventChannel('code-sign-in-changed');

/** What the renderer sees on `window.couchside`, in Electron and in the web host alike. */
export interface CouchsideBridge extends BridgeMethods {
  /** Subscribe to session changes; returns the unsubscribe function. */
  onSessionChanged(cb: (state: SessionState) => void): () => void;
  /** Subscribe to "the devices list changed"; returns the unsubscribe function. */
  onDevicesChanged(cb: () => void): () => void;
  /** Subscribe to "this profile's rows changed on another device"; returns the unsubscribe function. */
  onLibraryChanged(cb: (profileId: string) => void): () => void;
  /** Subscribe to kiosk mode changes; returns the unsubscribe function. */
  onKioskChanged(cb: (state: KioskState) => void): () => void;
  /** Subscribe to sign in with a code's progress; returns the unsubscribe function. */
  onCodeSignInChanged(cb: (state: CodeSignInState) => void): () => void;
}

/** Web host wire format (one loopback WebSocket). */
export type WebBridgeRequest = { id: number; method: BridgeMethodName; args: unknown[] };
export type WebBridgeMessage = { id: number; result: unknown } | BridgeEvent;

/** The path of the web host's bridge socket (opened by a browser holding the host's cookie). */
export const WEB_BRIDGE_PATH = '/bridge';
