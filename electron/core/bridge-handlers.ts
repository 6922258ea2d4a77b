/**
 * The bridge verbs, implemented once over the SessionManager and served by both Electron's
 * ipcMain and the web host. Arguments from the renderer are untrusted: the verb table
 * (shared/bridge.ts `VERBS`) checks and tidies them before any handler here runs, so a handler
 * only decides what the checked call means.
 */
import { checkedVerbs, type AppInfo, type BridgeHandlers, type BridgeMethodName, type BridgeMethods, type Result } from '../../shared/bridge';
import type { DemoReset } from './demo-reset';
import type { KioskController } from './kiosk';
import { PlaybackSessions } from './playback';
import { PreferencesStore } from './preferences';
import { silentLogger, type Logger } from './log';
import { rendererErrorLog } from './renderer-errors';
import { createServiceAccess, type ServiceAccess } from './service-access';
import type { SessionManager } from './session-manager';
import type { KeyValueStore, StoreData } from './store';

export { CATALOG_INPUT_MESSAGES, PROFILE_MESSAGES, PROFILE_PIN_MESSAGES } from '../../shared/bridge-schemas';
export { isBridgeMethod } from '../../shared/bridge';

/** Account-wide actions while kiosk mode is on: refused here too, not only hidden on screen. */
export const KIOSK_LOCKED_MESSAGE = 'Not available in kiosk mode. Leave kiosk mode with the admin PIN first.';
const kioskLocked: Result<never> = { ok: false, error: { code: 'kiosk_locked', message: KIOSK_LOCKED_MESSAGE } };

/** Under the unit tests every answer is checked against the contract too (a drifted answer throws). */
const CHECK_ANSWERS = typeof process !== 'undefined' && process.env.VITEST === 'true';

/** Kiosk mode's part of the bridge: the controller and the demo reset. */
export interface KioskHandlers {
  controller: KioskController;
  demo: DemoReset;
}

/**
 * Builds the verbs for one session manager, its kiosk mode and the device's preferences (kept in
 * `store`). `service` is Settings → About's service part; without it the host did not start the
 * service it talks to. `playback`: the playback sessions the host's media route serves.
 */
export function createBridgeHandlers(
  session: SessionManager,
  appInfo: AppInfo,
  kiosk: KioskHandlers,
  store: KeyValueStore<StoreData>,
  service: ServiceAccess = createServiceAccess({ serverUrl: appInfo.serverUrl, control: null, store }),
  log: Logger = silentLogger,
  playback: PlaybackSessions = new PlaybackSessions(session, appInfo.serverUrl, log),
): BridgeMethods {
  const rendererErrors = rendererErrorLog(log);
  const { controller, demo } = kiosk;
  const preferences = new PreferencesStore(store);
  /** "Manage profiles" and the account-wide actions are hidden in kiosk mode, and refused here too. */
  const unlessKiosk = <T>(act: () => Promise<Result<T>>): Promise<Result<T>> => (controller.getState().enabled ? Promise.resolve(kioskLocked) : act());
  const handlers: BridgeHandlers = {
    getState: async () => session.getState(),
    getAppInfo: async () => ({ ...appInfo, kiosk: controller.getState().enabled }),
    signIn: (email, password) => session.signIn(email, password),
    signOut: () => session.signOut(),
    signOutAllDevices: (password) => unlessKiosk(() => session.signOutAllDevices(password)),
    checkPassword: (password) => session.checkPassword(password),
    listProfiles: () => session.listProfiles(),
    getHome: (profileId) => session.getHome(profileId),
    selectProfile: async (profileId) => {
      const r = await session.selectProfile(profileId);
      // Remembered per device only once the service accepted it (and while still signed in).
      if (r.ok && session.getState().status === 'signed-in') preferences.recordLastProfile(profileId);
      return r;
    },
    unlockProfile: (profileId, pin) => session.unlockProfile(profileId, pin),
    setProfilePin: (profileId, password, pin) => session.setProfilePin(profileId, password, pin),
    getPreferences: async () => preferences.get(),
    setPreferences: async (update) => preferences.set(update),
    listDevices: () => session.listDevices(),
    renameDevice: (deviceId, name) => session.renameDevice(deviceId, name),
    signOutDevice: (deviceId, password) => session.signOutDevice(deviceId, password),
    checkSession: () => session.checkIfStale(),
    getKiosk: async () => controller.getState(),
    enableKiosk: (pin, options) => controller.enable(pin, options),
    exitKiosk: (pin) => controller.exit(pin),
    resetDemo: () => demo.run(),
    getTitle: (profileId, titleId) => session.getTitle(profileId, titleId),
    search: (profileId, query) => session.search(profileId, query),
    setInMyList: (profileId, titleId, inList) => session.setInMyList(profileId, titleId, inList),
    startPlayback: (profileId, titleId, episodeId) => playback.start(profileId, titleId, episodeId),
    stopPlayback: (playbackId) => playback.stop(playbackId),
    stopStream: (streamId) => playback.stopOther(streamId),
    removeFromContinueWatching: (profileId, titleId) => session.removeFromContinueWatching(profileId, titleId),
    saveProgress: (profileId, titleId, positionSeconds, episodeId) => session.saveProgress(profileId, titleId, positionSeconds, episodeId),
    createProfile: (profile, password) => unlessKiosk(() => session.createProfile(profile, password)),
    updateProfile: (profileId, changes, password) => unlessKiosk(() => session.updateProfile(profileId, changes, password)),
    deleteProfile: (profileId, password) => unlessKiosk(() => session.deleteProfile(profileId, password)),
    startCodeSignIn: () => session.startCodeSignIn(),
    cancelCodeSignIn: async () => session.cancelCodeSignIn(),
    getServiceInfo: () => service.getServiceInfo(),
    setLanAccess: (enabled) => service.setLanAccess(enabled),
    reportError: async (report) => rendererErrors(report),
  };
  return checkedVerbs(handlers, CHECK_ANSWERS);
}

/** Calls a verb by name with untrusted arguments. */
export function dispatch(handlers: BridgeMethods, method: BridgeMethodName, args: unknown[]): Promise<unknown> {
  const fn = handlers[method] as (...a: unknown[]) => Promise<unknown>;
  return fn(...args);
}
