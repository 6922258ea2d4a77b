/**
 * Keeps Electron's kiosk windows at their screen's bounds while kiosk mode is on, on an X server
 * where no window manager applies fullscreen (a bare `xinit` kiosk), and after the screen's size
 * changes. setKiosk()/setFullScreen() only ask a window manager, and setBounds() with the screen's
 * bounds ends one pixel short each way on X11, so core/screen-fit.ts moves the window from outside
 * (it stands aside when a window manager runs). Windows, macOS and Wayland do fullscreen themselves.
 */
import type { BrowserWindow } from 'electron';
import type { Logger } from '../core/log';
import { keepFittedToScreen, x11Display, type ScreenFit, type ScreenFitOptions } from '../core/screen-fit';

/** Starts or stops fitting one window. */
export interface KioskWindowFit {
  /** `on`: kiosk mode is on for `win` (start fitting it, once); off: stop. */
  apply(win: BrowserWindow, on: boolean): void;
}

export interface KioskWindowFitDeps {
  fit?: (opts: ScreenFitOptions) => Promise<ScreenFit>;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** One fitter per window in kiosk mode; each ends when kiosk mode ends or the window closes. */
export function createKioskWindowFit(log: Logger, deps: KioskWindowFitDeps = {}): KioskWindowFit {
  const fit = deps.fit ?? keepFittedToScreen;
  const env = deps.env ?? process.env;
  const running = new Map<BrowserWindow, Promise<ScreenFit | null>>();
  const watched = new WeakSet<BrowserWindow>();

  const stop = (win: BrowserWindow) => {
    const fitter = running.get(win);
    running.delete(win);
    void fitter?.then((f) => f?.close());
  };

  const start = (win: BrowserWindow) => {
    const display = x11Display(env, deps.platform ?? process.platform);
    const window = display ? windowId(win) : null;
    if (!display || window === null) return;
    const started = fit({ display, match: { window }, log: (line) => log.info(line), env }).catch((err: Error) => {
      log.warn(`kiosk: cannot watch X display ${display} (${err.message}); the window manager has to make the window fullscreen`);
      return null;
    });
    running.set(win, started);
    if (watched.has(win)) return;
    watched.add(win);
    win.once('closed', () => stop(win));
  };

  return {
    apply(win, on) {
      if (!on || win.isDestroyed()) stop(win);
      else if (!running.has(win)) start(win);
    },
  };
}

/** The X window id behind `win` (Electron's native handle on X11 holds it, little-endian); null when there is none. */
export function windowId(win: Pick<BrowserWindow, 'getNativeWindowHandle'>): number | null {
  const handle = win.getNativeWindowHandle();
  const id = handle.length >= 4 ? handle.readUInt32LE(0) : 0;
  return id === 0 ? null : id;
}
