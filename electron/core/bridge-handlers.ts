/**
 * The bridge verbs, implemented once over the SessionManager and served by both Electron's
 * ipcMain and the web host. Arguments from the renderer are untrusted and checked here.
 */
import { BRIDGE_METHODS, type AppInfo, type BridgeMethodName, type BridgeMethods, type Result } from '../../shared/bridge';
import type { SessionManager } from './session-manager';

const MAX_FIELD = 320;

const invalid = (message: string): Result<never> => ({ ok: false, error: { code: 'invalid_input', message } });

/** Builds the verbs for one session manager. */
export function createBridgeHandlers(session: SessionManager, appInfo: AppInfo): BridgeMethods {
  return {
    getState: async () => session.getState(),
    getAppInfo: async () => appInfo,
    signIn: async (email: unknown, password: unknown) => {
      if (typeof email !== 'string' || typeof password !== 'string') return invalid('Enter your email and password.');
      const e = email.trim();
      if (!e) return invalid('Enter your email.');
      if (!password) return invalid('Enter your password.');
      if (e.length > MAX_FIELD || password.length > MAX_FIELD) return invalid('That is too long.');
      return session.signIn(e, password);
    },
    signOut: () => session.signOut(),
    signOutAllDevices: () => session.signOutAllDevices(),
    listProfiles: () => session.listProfiles(),
    getHome: async (profileId: unknown) => (isId(profileId) ? session.getHome(profileId) : invalid('Unknown profile.')),
    selectProfile: async (profileId: unknown) => (isId(profileId) ? session.selectProfile(profileId) : invalid('Unknown profile.')),
    listDevices: () => session.listDevices(),
    renameDevice: async (deviceId: unknown, name: unknown) => {
      if (!isId(deviceId)) return invalid('Unknown device.');
      if (typeof name !== 'string' || !name.trim()) return invalid('Enter a name for the device.');
      if (name.trim().length > MAX_DEVICE_NAME) return invalid(`Device names can be at most ${MAX_DEVICE_NAME} characters.`);
      return session.renameDevice(deviceId, name.trim());
    },
    signOutDevice: async (deviceId: unknown) => (isId(deviceId) ? session.signOutDevice(deviceId) : invalid('Unknown device.')),
    checkSession: () => session.checkIfStale(),
  };
}

/** The longest device name the service accepts. */
export const MAX_DEVICE_NAME = 40;

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
