/**
 * The bridge verbs, implemented once over the SessionManager and served by both Electron's
 * ipcMain and the web host. Arguments from the renderer are untrusted and checked here.
 */
import { BRIDGE_METHODS, type AppInfo, type BridgeMethodName, type BridgeMethods, type KioskOptions, type Result } from '../../shared/bridge';
import { checkName } from '../../shared/names';
import { MAX_SEARCH_QUERY } from '../../shared/api';
import { AVATAR_KEYS, MAX_PROFILE_NAME, type NewProfile, type ProfileChanges } from '../../shared/types';
import type { DemoReset } from './demo-reset';
import { KIOSK_MESSAGES, type KioskController } from './kiosk';
import { PreferencesStore } from './preferences';
import { silentLogger, type Logger } from './log';
import { rendererErrorLog } from './renderer-errors';
import { createServiceAccess, type ServiceAccess } from './service-access';
import type { SessionManager } from './session-manager';
import type { KeyValueStore, StoreData } from './store';

const MAX_FIELD = 320;
const MAX_PIN_INPUT = 16;
/** A profile lock's PIN: exactly 4 ASCII digits (the service checks the same). */
const PROFILE_PIN = /^[0-9]{4}$/;

/** The words a user reads when the catalog verbs get bad arguments. */
export const CATALOG_INPUT_MESSAGES = {
  profile: 'Unknown profile.',
  title: 'Unknown title.',
  query: `Search for at most ${MAX_SEARCH_QUERY} characters.`,
  queryType: 'Type something to search for.',
  inList: 'Say whether to add the title to My List or remove it.',
  position: 'The position must be a number of seconds, 0 or more.',
} as const;

/** The words a user reads about profile PINs. */
export const PROFILE_PIN_MESSAGES = {
  format: 'Enter the 4-digit PIN.',
  password: 'Enter the account password.',
} as const;

/** The words a user reads about a profile's details ("Manage profiles"). */
export const PROFILE_MESSAGES = {
  details: "Enter the profile's details.",
  name: 'Enter a name for the profile.',
  nameTooLong: `Profile names can be at most ${MAX_PROFILE_NAME} characters.`,
  avatar: 'Choose one of the avatars.',
  kids: 'Choose whether this is a Kids profile.',
  unknownChange: 'Only the name, avatar and Kids setting can be changed.',
} as const;

/** Refused before it reaches the service; `field` names the input it is about, as the service would. */
const invalid = (message: string, field?: string): Result<never> => ({ ok: false, error: { code: 'invalid_input', message, ...(field ? { field } : {}) } });

/** Account-wide actions while kiosk mode is on: refused here too, not only hidden on screen. */
export const KIOSK_LOCKED_MESSAGE = 'Not available in kiosk mode. Leave kiosk mode with the admin PIN first.';
const kioskLocked: Result<never> = { ok: false, error: { code: 'kiosk_locked', message: KIOSK_LOCKED_MESSAGE } };

/** An optional account password from the renderer: absent, or a non-empty string of sensible length. */
function passwordArg(v: unknown): { ok: true; password: string | undefined } | { ok: false } {
  if (v === undefined || v === null) return { ok: true, password: undefined };
  if (typeof v !== 'string' || v === '' || v.length > MAX_FIELD) return { ok: false };
  return { ok: true, password: v };
}

/** Kiosk mode's part of the bridge: the controller and the demo reset. */
export interface KioskHandlers {
  controller: KioskController;
  demo: DemoReset;
}

/**
 * Builds the verbs for one session manager, its kiosk mode and the device's preferences (kept in
 * `store`). `service` is Settings → About's service part; without it the host did not start the
 * service it talks to.
 */
export function createBridgeHandlers(
  session: SessionManager,
  appInfo: AppInfo,
  kiosk: KioskHandlers,
  store: KeyValueStore<StoreData>,
  service: ServiceAccess = createServiceAccess({ serverUrl: appInfo.serverUrl, control: null, store }),
  log: Logger = silentLogger,
): BridgeMethods {
  const rendererErrors = rendererErrorLog(log);
  const { controller, demo } = kiosk;
  const preferences = new PreferencesStore(store);
  return {
    getState: async () => session.getState(),
    getAppInfo: async () => ({ ...appInfo, kiosk: controller.getState().enabled }),
    signIn: async (email: unknown, password: unknown) => {
      if (typeof email !== 'string' || typeof password !== 'string') return invalid('Enter your email and password.');
      const e = email.trim();
      if (!e) return invalid('Enter your email.', 'email');
      if (!password) return invalid('Enter your password.', 'password');
      if (e.length > MAX_FIELD) return invalid('That is too long.', 'email');
      if (password.length > MAX_FIELD) return invalid('That is too long.', 'password');
      return session.signIn(e, password);
    },
    signOut: () => session.signOut(),
    signOutAllDevices: async (password: unknown) => {
      if (controller.getState().enabled) return kioskLocked;
      const p = passwordArg(password);
      return p.ok ? session.signOutAllDevices(p.password) : invalid(PROFILE_PIN_MESSAGES.password);
    },
    checkPassword: async (password: unknown) => {
      const p = passwordArg(password);
      return p.ok && p.password !== undefined ? session.checkPassword(p.password) : invalid(PROFILE_PIN_MESSAGES.password);
    },
    listProfiles: () => session.listProfiles(),
    getHome: async (profileId: unknown) => (isId(profileId) ? session.getHome(profileId) : invalid('Unknown profile.')),
    selectProfile: async (profileId: unknown) => {
      if (!isId(profileId)) return invalid('Unknown profile.');
      const r = await session.selectProfile(profileId);
      // Remembered per device only once the service accepted it (and while still signed in).
      if (r.ok && session.getState().status === 'signed-in') preferences.recordLastProfile(profileId);
      return r;
    },
    unlockProfile: async (profileId: unknown, pin: unknown) => {
      if (!isId(profileId)) return invalid('Unknown profile.');
      if (!isProfilePin(pin)) return invalid(PROFILE_PIN_MESSAGES.format);
      return session.unlockProfile(profileId, pin);
    },
    setProfilePin: async (profileId: unknown, password: unknown, pin: unknown) => {
      if (!isId(profileId)) return invalid('Unknown profile.');
      if (typeof password !== 'string' || !password) return invalid(PROFILE_PIN_MESSAGES.password);
      if (password.length > MAX_FIELD) return invalid('That is too long.');
      if (pin !== null && !isProfilePin(pin)) return invalid(PROFILE_PIN_MESSAGES.format);
      return session.setProfilePin(profileId, password, pin);
    },
    getPreferences: async () => preferences.get(),
    setPreferences: async (partial: unknown) => preferences.set(partial),
    listDevices: () => session.listDevices(),
    renameDevice: async (deviceId: unknown, name: unknown) => {
      if (!isId(deviceId)) return invalid('Unknown device.');
      const checked = checkName('device', name);
      if (!checked.ok) return invalid(checked.message);
      return session.renameDevice(deviceId, checked.name);
    },
    signOutDevice: async (deviceId: unknown, password: unknown) => {
      if (!isId(deviceId)) return invalid('Unknown device.');
      const p = passwordArg(password);
      return p.ok ? session.signOutDevice(deviceId, p.password) : invalid(PROFILE_PIN_MESSAGES.password);
    },
    checkSession: () => session.checkIfStale(),
    getKiosk: async () => controller.getState(),
    enableKiosk: async (pin: unknown, options: unknown) => {
      if (!isPinInput(pin)) return invalid(KIOSK_MESSAGES.pinFormat);
      const opts = kioskOptions(options);
      return opts ? controller.enable(pin, opts) : invalid('Unknown kiosk settings.');
    },
    exitKiosk: async (pin: unknown) => (isPinInput(pin) ? controller.exit(pin) : invalid(KIOSK_MESSAGES.pinFormat)),
    resetDemo: () => demo.run(),
    getTitle: async (profileId: unknown, titleId: unknown) => {
      if (!isId(profileId)) return invalid(CATALOG_INPUT_MESSAGES.profile);
      if (!isId(titleId)) return invalid(CATALOG_INPUT_MESSAGES.title);
      return session.getTitle(profileId, titleId);
    },
    search: async (profileId: unknown, query: unknown) => {
      if (!isId(profileId)) return invalid(CATALOG_INPUT_MESSAGES.profile);
      if (typeof query !== 'string') return invalid(CATALOG_INPUT_MESSAGES.queryType);
      const q = query.trim();
      if (q.length > MAX_SEARCH_QUERY) return invalid(CATALOG_INPUT_MESSAGES.query);
      return session.search(profileId, q);
    },
    setInMyList: async (profileId: unknown, titleId: unknown, inList: unknown) => {
      if (!isId(profileId)) return invalid(CATALOG_INPUT_MESSAGES.profile);
      if (!isId(titleId)) return invalid(CATALOG_INPUT_MESSAGES.title);
      if (typeof inList !== 'boolean') return invalid(CATALOG_INPUT_MESSAGES.inList);
      return session.setInMyList(profileId, titleId, inList);
    },
    removeFromContinueWatching: async (profileId: unknown, titleId: unknown) => {
      if (!isId(profileId)) return invalid(CATALOG_INPUT_MESSAGES.profile);
      if (!isId(titleId)) return invalid(CATALOG_INPUT_MESSAGES.title);
      return session.removeFromContinueWatching(profileId, titleId);
    },
    saveProgress: async (profileId: unknown, titleId: unknown, positionSeconds: unknown) => {
      if (!isId(profileId)) return invalid(CATALOG_INPUT_MESSAGES.profile);
      if (!isId(titleId)) return invalid(CATALOG_INPUT_MESSAGES.title);
      if (typeof positionSeconds !== 'number' || !Number.isFinite(positionSeconds) || positionSeconds < 0) return invalid(CATALOG_INPUT_MESSAGES.position);
      return session.saveProgress(profileId, titleId, positionSeconds);
    },
    // "Manage profiles" is hidden in kiosk mode, and refused here too.
    createProfile: async (profile: unknown, password: unknown) => {
      if (controller.getState().enabled) return kioskLocked;
      const checked = profileFields(profile, true);
      if ('message' in checked) return invalid(checked.message, checked.field);
      const p = passwordArg(password);
      return p.ok ? session.createProfile(checked as NewProfile, p.password) : invalid(PROFILE_PIN_MESSAGES.password);
    },
    updateProfile: async (profileId: unknown, changes: unknown, password: unknown) => {
      if (controller.getState().enabled) return kioskLocked;
      if (!isId(profileId)) return invalid('Unknown profile.');
      const checked = profileFields(changes, false);
      if ('message' in checked) return invalid(checked.message, checked.field);
      const p = passwordArg(password);
      return p.ok ? session.updateProfile(profileId, checked, p.password) : invalid(PROFILE_PIN_MESSAGES.password);
    },
    deleteProfile: async (profileId: unknown, password: unknown) => {
      if (controller.getState().enabled) return kioskLocked;
      if (!isId(profileId)) return invalid('Unknown profile.');
      const p = passwordArg(password);
      return p.ok ? session.deleteProfile(profileId, p.password) : invalid(PROFILE_PIN_MESSAGES.password);
    },
    startCodeSignIn: () => session.startCodeSignIn(),
    cancelCodeSignIn: async () => session.cancelCodeSignIn(),
    getServiceInfo: () => service.getServiceInfo(),
    setLanAccess: (enabled: unknown) => service.setLanAccess(enabled),
    reportError: async (report: unknown) => rendererErrors(report),
  };
}

/**
 * A profile's details from the renderer, checked and trimmed; all three are needed for a new
 * profile, any subset for a change. A string is the message for what is wrong.
 */
/** A profile's fields from an untrusted argument, or what is wrong with them (and which field). */
function profileFields(v: unknown, whole: boolean): ProfileChanges | { message: string; field?: string } {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { message: PROFILE_MESSAGES.details };
  const o = v as Record<string, unknown>;
  if (Object.keys(o).some((k) => k !== 'name' && k !== 'avatar' && k !== 'kids')) return { message: PROFILE_MESSAGES.unknownChange };
  const out: ProfileChanges = {};
  if (o.name !== undefined || whole) {
    const checked = checkName('profile', o.name);
    if (!checked.ok) return { message: checked.message, field: 'name' };
    out.name = checked.name;
  }
  if (o.avatar !== undefined || whole) {
    if (typeof o.avatar !== 'string' || !(AVATAR_KEYS as readonly string[]).includes(o.avatar)) return { message: PROFILE_MESSAGES.avatar, field: 'avatar' };
    out.avatar = o.avatar;
  }
  if (o.kids !== undefined || whole) {
    if (typeof o.kids !== 'boolean') return { message: PROFILE_MESSAGES.kids, field: 'kids' };
    out.kids = o.kids;
  }
  return out;
}

function isProfilePin(v: unknown): v is string {
  return typeof v === 'string' && PROFILE_PIN.test(v);
}

function isPinInput(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_PIN_INPUT;
}

/** The KioskOptions in an untrusted argument, or null when it is not one (ranges are checked by the controller). */
function kioskOptions(v: unknown): KioskOptions | null {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (o.demoMode !== undefined && typeof o.demoMode !== 'boolean') return null;
  if (o.idleResetSeconds !== undefined && typeof o.idleResetSeconds !== 'number') return null;
  return { demoMode: o.demoMode as boolean | undefined, idleResetSeconds: o.idleResetSeconds as number | undefined };
}


function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 100;
}

/** True when `name` is one of the bridge verbs (guards against calls to anything else). */
export function isBridgeMethod(name: unknown): name is BridgeMethodName {
  return typeof name === 'string' && (BRIDGE_METHODS as readonly string[]).includes(name);
}

/** Calls a verb by name with untrusted arguments. */
export function dispatch(handlers: BridgeMethods, method: BridgeMethodName, args: unknown[]): Promise<unknown> {
  const fn = handlers[method] as (...a: unknown[]) => Promise<unknown>;
  return fn(...args);
}
