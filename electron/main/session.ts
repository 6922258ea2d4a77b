/**
 * The main process's client core (electron/core/client-core.ts) and its transport to the windows:
 * every core event goes to every open window on its IPC channel (`couchside:<event>`).
 */
import { app, BrowserWindow } from 'electron';
import { eventArgs, eventChannel } from '../../shared/bridge';
import { createClientCore, type ClientCore } from '../core/client-core';
import type { Logger } from '../core/log';
import { createServiceAccess, type ServiceAccess } from '../core/service-access';
import type { KeyValueStore, StoreData } from '../core/store';
import type { AppConfig } from './config';
import { createVault, openElectronStore } from './store';

/**
 * Must run after 'ready' (safeStorage needs it). `opened` is the app's store; `service`, the
 * embedded service's controls for Settings → About (none when the app talks to another service).
 */
export function setupClientCore(
  config: Pick<AppConfig, 'serverUrl' | 'deviceName' | 'kioskFlags' | 'kioskEnv' | 'demoAccount'>,
  log: Logger,
  opened: { store: KeyValueStore<StoreData>; recovered: boolean } = openElectronStore(log),
  service?: ServiceAccess,
): ClientCore {
  const core = createClientCore({
    store: opened.store,
    storeRecovered: opened.recovered,
    vault: createVault(log),
    device: { host: 'electron', version: app.getVersion(), name: config.deviceName ?? undefined },
    serverUrl: config.serverUrl,
    kiosk: { flags: config.kioskFlags, env: config.kioskEnv },
    demoAccount: config.demoAccount,
    service: service ?? createServiceAccess({ serverUrl: config.serverUrl, control: null, store: opened.store }),
    log,
  });
  sendEventsToWindows(core);
  app.on('before-quit', () => core.dispose());
  core.start();
  return core;
}

/** Sends every event of the core to every open window (never to a destroyed one). */
export function sendEventsToWindows(core: Pick<ClientCore, 'onEvent'>): () => void {
  return core.onEvent((event) => {
    const channel = eventChannel(event.event);
    const args = eventArgs(event);
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(channel, ...args);
    }
  });
}
