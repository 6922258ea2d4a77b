/** Couchside's main process: a flat list of setup steps, one concern per module. */
import { app, BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig, setupUserDataDir } from './config';
import { setupEmbeddedService } from './embedded-service';
import { setupIpc } from './ipc';
import { setupKiosk } from './kiosk';
import { setupMainLog } from './log';
import { setupPowerMonitor } from './power';
import { registerAppScheme, setupProtocol } from './protocol';
import { setupRecovery } from './recovery';
import { setupSecurity } from './security';
import { setupClientCore } from './session';
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
    const opened = openElectronStore(log);
    const service = await setupEmbeddedService(config, opened.store, log, join(here, 'service.js'));
    // One client core (the same as the web host's); this process only adapts IPC and windows.
    const core = setupClientCore({ ...config, serverUrl: service.serverUrl }, log, opened, service.access);
    // The renderer and, on the same origin, each playback's media (the token added here).
    setupProtocol(join(here, '../renderer'), core.playback);
    setupKiosk(core.kiosk, log);
    setupIpc(core.handlers, log);
    setupPowerMonitor(core.session);
    createMainWindow({ kiosk: core.kiosk.getState().enabled }, join(here, '../preload'));
    log.info('started', { serverUrl: service.serverUrl, kiosk: core.kiosk.getState(), userData: app.getPath('userData'), logFile });
  });
}
