/**
 * The one contract between the renderer and the process that holds the session (Electron main,
 * or the web host). Every channel name and payload type lives here; no channel string elsewhere.
 */
import type { DeviceSummary } from './api';
import type { AccountSummary, CatalogRow, NewProfile, Profile, ProfileChanges, SignOutReason, Title, TitleDetails } from './types';

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

/** UI scale choices (Settings → Display); the renderer sets the root font size from it. */
export type UiScale = 'small' | 'medium' | 'large';
export const UI_SCALES: Readonly<Record<UiScale, number>> = { small: 0.85, medium: 1, large: 1.2 };

/** This device's household preferences, kept in its store (not on the account). */
export interface DevicePreferences {
  /**
   * Shared PC: after this many idle minutes on a locked profile, go back to "Who's watching?" so
   * its PIN is asked again. null = never.
   */
  relockProfileAfterMinutes: number | null;
  /** Show "Who's watching?" every time the app starts (false: go straight to the last-used profile). */
  showPickerOnStart: boolean;
  /**
   * The profile last picked on this device (read-only: the host records it when a profile is
   * selected, and forgets it on sign-out). null = none.
   */
  lastProfileId: string | null;
  /** Playback: when a title ends, the next one (same row) starts after a 10 s countdown. */
  autoplayNext: boolean;
  /** Display: the size of everything on screen. */
  uiScale: UiScale;
}

/** What a store without these keys reads as. */
export const DEFAULT_PREFERENCES: DevicePreferences = {
  relockProfileAfterMinutes: null,
  showPickerOnStart: true,
  lastProfileId: null,
  autoplayNext: true,
  uiScale: 'medium',
};

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

/** The preferences a user may change (`lastProfileId` is the host's to record). */
export type DevicePreferencesUpdate = Partial<Omit<DevicePreferences, 'lastProfileId'>>;

/** The relock choices the settings offer (minutes; null = never). */
export const RELOCK_CHOICES: readonly (number | null)[] = [null, 5, 15, 30, 60];

/** The request/response verbs, as implemented by the session-holding process. */
export interface BridgeMethods {
  getState(): Promise<SessionState>;
  getAppInfo(): Promise<AppInfo>;
  signIn(email: string, password: string): Promise<Result<AccountSummary>>;
  signOut(): Promise<Result<null>>;
  /** Signs every device of the account out; needs the account password (password_required without it). */
  signOutAllDevices(password?: string): Promise<Result<null>>;
  /** Checks the account password, changing nothing (wrong_password when it is not). */
  checkPassword(password: string): Promise<Result<null>>;
  listProfiles(): Promise<Result<Profile[]>>;
  getHome(profileId: string): Promise<Result<HomeData>>;
  /** Tells the service which profile this device is using (shown in the devices list). */
  selectProfile(profileId: string): Promise<Result<null>>;
  /** Opens a locked profile with its PIN for this device (wrong PINs are limited by the service). */
  unlockProfile(profileId: string, pin: string): Promise<Result<null>>;
  /** Sets, changes or (pin null) removes a profile lock; the account password is asked again. */
  setProfilePin(profileId: string, password: string, pin: string | null): Promise<Result<null>>;
  getPreferences(): Promise<DevicePreferences>;
  setPreferences(preferences: DevicePreferencesUpdate): Promise<Result<DevicePreferences>>;
  /** The account's signed-in devices, this one marked `current`. */
  listDevices(): Promise<Result<DeviceSummary[]>>;
  renameDevice(deviceId: string, name: string): Promise<Result<null>>;
  /** Signs another device out remotely (signing out this one is `signOut`). */
  signOutDevice(deviceId: string, password?: string): Promise<Result<null>>;
  /**
   * The window came back to the foreground: if the session was not checked for a while, check it
   * with the service now (a revocation may have happened while the machine slept).
   */
  checkSession(): Promise<void>;
  getKiosk(): Promise<KioskState>;
  /**
   * Turns kiosk mode on as a stored setting (or, when it is already on by flag/env without a PIN,
   * just sets the PIN). The PIN is 4 to 8 digits and stored hashed.
   */
  enableKiosk(pin: string, options?: KioskOptions): Promise<Result<KioskState>>;
  /** Leaves kiosk mode after checking the admin PIN (wrong PINs are limited, then a cool-down). */
  exitKiosk(pin: string): Promise<Result<KioskState>>;
  /** Demo mode, after the idle time: reset the demo household and sign back in to it. */
  resetDemo(): Promise<Result<null>>;
  /** Adds a profile ("Manage profiles"); refused past MAX_PROFILES. */
  createProfile(profile: NewProfile, password?: string): Promise<Result<Profile>>;
  /**
   * Renames it, changes its avatar or Kids flag. Turning Kids off, or changing a profile other than
   * the one in use, answers password_required until the account password is sent with it.
   */
  updateProfile(profileId: string, changes: ProfileChanges, password?: string): Promise<Result<Profile>>;
  /** Deletes it with its progress and My List; the last profile cannot be deleted (password_required as above). */
  deleteProfile(profileId: string, password?: string): Promise<Result<null>>;
  /** A title page for this profile (not_found when a Kids profile may not see it). */
  getTitle(profileId: string, titleId: string): Promise<Result<TitleDetails>>;
  /** Titles matching `query` for this profile (Kids profiles: kids titles only). */
  search(profileId: string, query: string): Promise<Result<Title[]>>;
  setInMyList(profileId: string, titleId: string, inList: boolean): Promise<Result<null>>;
  /** "Remove from Continue Watching": forgets where this profile is in the title. */
  removeFromContinueWatching(profileId: string, titleId: string): Promise<Result<null>>;
  /** Saves where this profile is in a title (the mock player calls it every few seconds and on exit). */
  saveProgress(profileId: string, titleId: string, positionSeconds: number): Promise<Result<null>>;
  /**
   * Sign in with a code: the host asks the service for a code, shows it through
   * onCodeSignInChanged, polls at the service's interval (slow_down honoured), replaces an
   * expired code by itself, and on approval signs in (the session goes signed-in).
   */
  startCodeSignIn(): Promise<Result<CodeSignInState>>;
  /** Stops polling (the user left the code screen). */
  cancelCodeSignIn(): Promise<void>;
  /** The service's and the account page's addresses, and the local-network setting (Settings → About). */
  getServiceInfo(): Promise<ServiceInfo>;
  /**
   * Lets phones on this network open the account page (on), or not (off). Only where this app
   * started the service itself; the demo service has no TLS.
   */
  setLanAccess(enabled: boolean): Promise<Result<ServiceInfo>>;
  /** Records an error the page did not handle in the host's log (main.log / web-host.log); capped per minute. */
  reportError(report: ErrorReport): Promise<void>;
}

/** An error in the page, as the host's log records it. */
export interface ErrorReport {
  /** What kind: 'error' (window error), 'rejection' (unhandled promise), 'react' (a render error). */
  kind: 'error' | 'rejection' | 'react';
  message: string;
  stack?: string;
}

export type BridgeMethodName = keyof BridgeMethods;

/** The names of every verb, for wiring ipcMain / the web host and for validating calls. */
export const BRIDGE_METHODS: readonly BridgeMethodName[] = [
  'getState',
  'getAppInfo',
  'signIn',
  'signOut',
  'signOutAllDevices',
  'checkPassword',
  'listProfiles',
  'getHome',
  'selectProfile',
  'unlockProfile',
  'setProfilePin',
  'getPreferences',
  'setPreferences',
  'listDevices',
  'renameDevice',
  'signOutDevice',
  'checkSession',
  'getKiosk',
  'enableKiosk',
  'exitKiosk',
  'resetDemo',
  'createProfile',
  'updateProfile',
  'deleteProfile',
  'getTitle',
  'search',
  'setInMyList',
  'saveProgress',
  'removeFromContinueWatching',
  'startCodeSignIn',
  'cancelCodeSignIn',
  'getServiceInfo',
  'setLanAccess',
  'reportError',
] as const;

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
