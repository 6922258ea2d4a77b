/**
 * Kiosk mode in Electron: applies the client core's KioskController to every window, live:
 * fullscreen kiosk (kept at the screen's bounds where no window manager does it, see
 * kiosk-fit.ts), no menu, devtools closed and kept closed, the usual escape shortcuts swallowed,
 * the window not closable (until the app quits). The new state reaches the windows' pages as the
 * core's kiosk-changed event (session.ts).
 */
import { app, BrowserWindow, Menu } from 'electron';
import type { KioskState } from '../../shared/bridge';
import type { KioskController } from '../core/kiosk';
import type { Logger } from '../core/log';
import { createKioskWindowFit, type KioskWindowFit } from './kiosk-fit';
import { isEscapeShortcut } from './kiosk-keys';

/** Must run before the first window is created (it guards every window as it is made). `fit` is for tests. */
export function setupKiosk(controller: KioskController, log: Logger, fit: KioskWindowFit = createKioskWindowFit(log)): void {
  const on = () => controller.getState().enabled;
  // The default menu, to put back when kiosk mode ends (it carries Reload, DevTools, Quit...).
  const appMenu = Menu.getApplicationMenu();
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });

  const guard = (win: BrowserWindow) => {
    win.webContents.on('before-input-event', (event, input) => {
      if (on() && isEscapeShortcut(input)) event.preventDefault();
    });
    win.webContents.on('devtools-opened', () => {
      if (on()) win.webContents.closeDevTools();
    });
    win.on('close', (event) => {
      if (!on() || quitting) return;
      event.preventDefault();
      log.warn('kiosk: refused to close the window');
    });
    applyToWindow(win, controller.getState(), fit);
  };
  app.on('browser-window-created', (_e, win) => guard(win));
  for (const win of BrowserWindow.getAllWindows()) guard(win);

  if (on()) Menu.setApplicationMenu(null);
  controller.onChange((state) => {
    log.info('kiosk state changed', { enabled: state.enabled, source: state.source, demoMode: state.demoMode, idleResetSeconds: state.idleResetSeconds });
    Menu.setApplicationMenu(state.enabled ? null : appMenu);
    for (const win of BrowserWindow.getAllWindows()) applyToWindow(win, state, fit);
  });
}

/** Puts one window in or out of kiosk mode. */
export function applyToWindow(win: BrowserWindow, state: KioskState, fit?: KioskWindowFit): void {
  fit?.apply(win, state.enabled);
  if (win.isDestroyed()) return;
  win.setKiosk(state.enabled);
  win.setFullScreen(state.enabled);
  if (!state.enabled) return;
  win.setMenu(null);
  if (win.webContents.isDevToolsOpened()) win.webContents.closeDevTools();
}
