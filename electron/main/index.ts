/** Couchside's main process: a flat list of setup steps, one concern per module. */
import { app, BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBridgeHandlers } from '../core/bridge-handlers';
import { consoleLogger } from '../core/log';
import { readConfig, setupUserDataDir } from './config';
import { setupIpc } from './ipc';
import { setupPowerMonitor } from './power';
import { registerAppScheme, setupProtocol } from './protocol';
import { setupSecurity } from './security';
import { setupSession } from './session';
import { createMainWindow, focusWindow } from './window';

const here = dirname(fileURLToPath(import.meta.url));
const log = consoleLogger('main');
const config = readConfig();

setupUserDataDir(config);
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => focusWindow(BrowserWindow.getAllWindows()[0]));
  setupSecurity();
  registerAppScheme();
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    setupProtocol(join(here, '../renderer'));
    const session = setupSession(config, log);
    setupIpc(createBridgeHandlers(session, { version: app.getVersion(), serverUrl: config.serverUrl, host: 'electron', kiosk: config.kiosk }), log);
    setupPowerMonitor(session);
    createMainWindow(config, join(here, '../preload'));
    log.info('started', { serverUrl: config.serverUrl, kiosk: config.kiosk, userData: app.getPath('userData') });
  });
}
