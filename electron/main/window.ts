/** The main window: sandboxed, isolated, no node, our own origin; fullscreen kiosk when kiosk mode is on at launch. */
import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ENTRY } from './trusted-origin';

/** Creates the one app window; `kiosk` says whether kiosk mode is on now (setupKiosk applies later changes). */
export function createMainWindow(config: { kiosk: boolean }, preloadDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 720,
    minWidth: 960,
    minHeight: 540,
    title: 'Couchside',
    backgroundColor: '#0b0b0f',
    show: false,
    kiosk: config.kiosk,
    fullscreen: config.kiosk,
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Off for good in a window born in kiosk mode; otherwise setupKiosk closes them while it is on.
      devTools: !config.kiosk,
    },
  });
  if (config.kiosk) win.setMenu(null);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
  return win;
}

/** Brings an existing window to the front (second launch). */
export function focusWindow(win: BrowserWindow | undefined): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
