/** Couchside's main process: a flat list of setup steps, one concern per module. */
import { app, BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBridgeHandlers } from '../core/bridge-handlers';
import { readConfig, setupUserDataDir } from './config';
import { setupEmbeddedService } from './embedded-service';
import { setupIpc } from './ipc';
import { setupKiosk } from './kiosk';
import { setupMainLog } from './log';
import { setupPowerMonitor } from './power';
import { registerAppScheme, setupProtocol } from './protocol';
import { setupRecovery } from './recovery';
import { setupSecurity } from './security';
import { setupSession } from './session';
import { openElectronStore } from './store';
import { createMainWindow, focusWindow } from './window';

const here = dirname(fileURLToPath(import.meta.url));
const config = readConfig();

// userData first: the store, the log and the single-instance lock all live there, so app
// instances with different --user-data-dir (or OS users) keep separate ones.
setupUserDataDir(config);
const { log, file: logFile } = setupMainLog();
for (const problem of config.problems) log.warn(problem);

if (!app.requestSingleInstanceLock()) {
  log.info('Couchside is already running for this data folder; focusing its window');
  app.quit();
} else {
  app.on('second-instance', () => focusWindow(BrowserWindow.getAllWindows()[0]));
  setupSecurity();
  registerAppScheme();
  setupRecovery(log);
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(async () => {
    setupProtocol(join(here, '../renderer'));
    const opened = openElectronStore(log);
    const service = await setupEmbeddedService(config, opened.store, log, join(here, 'service.js'));
    const session = setupSession({ ...config, serverUrl: service.serverUrl }, log, opened);
    const kiosk = setupKiosk({ ...config, serverUrl: service.serverUrl }, opened.store, session, log);
    const appInfo = { version: app.getVersion(), serverUrl: service.serverUrl, host: 'electron', kiosk: kiosk.controller.getState().enabled } as const;
    setupIpc(createBridgeHandlers(session, appInfo, kiosk, opened.store, service.access, log), log);
    setupPowerMonitor(session);
    createMainWindow({ kiosk: kiosk.controller.getState().enabled }, join(here, '../preload'));
    log.info('started', { serverUrl: service.serverUrl, kiosk: kiosk.controller.getState(), userData: app.getPath('userData'), logFile });
  });
}
