/** Creates the one SessionManager of the main process and tells every window when it (or a code sign-in) changes. */
import { app, BrowserWindow } from 'electron';
import { CODE_SIGN_IN_CHANGED_CHANNEL, DEVICES_CHANGED_CHANNEL, LIBRARY_CHANGED_CHANNEL, SESSION_CHANGED_CHANNEL } from '../../shared/bridge';
import { ApiClient } from '../core/api-client';
import { DeviceIdentity } from '../core/device';
import type { Logger } from '../core/log';
import { SessionManager } from '../core/session-manager';
import { SessionStore, type KeyValueStore, type StoreData } from '../core/store';
import type { AppConfig } from './config';
import { createVault, openElectronStore } from './store';

/** Must run after 'ready' (safeStorage needs it). `opened` is the app's store, shared with kiosk mode. */
export function setupSession(
  config: Pick<AppConfig, 'serverUrl' | 'deviceName'>,
  log: Logger,
  opened: { store: KeyValueStore<StoreData>; recovered: boolean } = openElectronStore(log),
): SessionManager {
  const { store, recovered } = opened;
  const session = new SessionManager({
    api: new ApiClient({ baseUrl: config.serverUrl }),
    store: new SessionStore(store, createVault(log), log),
    device: new DeviceIdentity(store, 'electron', app.getVersion(), config.deviceName ?? undefined),
    log,
    storeRecovered: recovered,
  });
  const sendToAll = (channel: string, ...args: unknown[]) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(channel, ...args);
    }
  };
  session.onChange((state) => sendToAll(SESSION_CHANGED_CHANNEL, state));
  session.onDevicesChanged(() => sendToAll(DEVICES_CHANGED_CHANNEL));
  session.onLibraryChanged((profileId) => sendToAll(LIBRARY_CHANGED_CHANNEL, profileId));
  // Sign in with a code's progress (the short user code only; the device code stays here).
  session.onCodeSignInChanged((state) => sendToAll(CODE_SIGN_IN_CHANGED_CHANNEL, state));
  void session.restore();
  app.on('before-quit', () => session.dispose());
  return session;
}
