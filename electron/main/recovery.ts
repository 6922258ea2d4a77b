/**
 * Crash and hang recovery, so a kiosk never shows a dead window: a renderer that is gone is
 * reloaded; one that fails again within a minute (or a third time in five minutes) gets the whole
 * app relaunched; a hung one gets a grace period, then is reloaded in a new process. Every step is
 * logged.
 */
import { app, type BrowserWindow } from 'electron';
import type { Logger } from '../core/log';

export interface RecoveryOptions {
  /** How long a window may stay unresponsive before it is reloaded (default 10 s). */
  hangGraceMs?: number;
  /** A second failure within this time relaunches the app (default 60 s). */
  repeatWithinMs?: number;
  /** This many failures within `burstWindowMs` relaunch the app (default 3 in 5 minutes). */
  burstCount?: number;
  burstWindowMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

const DEFAULTS = { hangGraceMs: 10_000, repeatWithinMs: 60_000, burstCount: 3, burstWindowMs: 5 * 60_000 } as const;

/** Watches every window the app creates (call before the first one). */
export function setupRecovery(log: Logger, opts: RecoveryOptions = {}): void {
  app.on('browser-window-created', (_e, win) => watchWindow(win, log, opts));
}

/** Recovers one window's renderer. */
export function watchWindow(win: BrowserWindow, log: Logger, opts: RecoveryOptions = {}): void {
  const o = { ...DEFAULTS, ...opts };
  const now = opts.now ?? Date.now;
  let failures: number[] = [];
  let hangTimer: NodeJS.Timeout | null = null;
  /** When we killed a hung renderer ourselves (its render-process-gone is not a new failure). */
  let killedAt: number | null = null;

  const clearHang = () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  };

  /** Counts a failure and answers it: a reload, or a relaunch when failures come too fast. */
  const recover = (what: string, detail: Record<string, unknown>, beforeReload?: () => void) => {
    if (win.isDestroyed()) return;
    const t = now();
    const last = failures.at(-1);
    failures = [...failures.filter((x) => t - x <= o.burstWindowMs), t];
    if ((last !== undefined && t - last <= o.repeatWithinMs) || failures.length >= o.burstCount) {
      log.error(`recovery: renderer ${what} again; relaunching the app`, { ...detail, failuresInWindow: failures.length });
      app.relaunch();
      app.exit(0);
      return;
    }
    log.warn(`recovery: renderer ${what}; reloading the window`, detail);
    beforeReload?.();
    win.webContents.reload();
  };

  win.webContents.on('render-process-gone', (_e, details) => {
    clearHang();
    if (killedAt !== null && now() - killedAt < 5000) {
      killedAt = null;
      return;
    }
    if (details.reason === 'clean-exit') {
      log.info('recovery: renderer exited cleanly');
      return;
    }
    recover('gone', { reason: details.reason, exitCode: details.exitCode });
  });

  win.on('unresponsive', () => {
    if (hangTimer) return;
    log.warn(`recovery: window unresponsive; reloading it if it is still hung in ${Math.round(o.hangGraceMs / 1000)} s`);
    hangTimer = setTimeout(() => {
      hangTimer = null;
      recover('hung', { hungForMs: o.hangGraceMs }, () => {
        // A hung renderer may never answer a reload: end it, so the reload runs in a new process.
        killedAt = now();
        win.webContents.forcefullyCrashRenderer();
      });
    }, o.hangGraceMs);
  });

  win.on('responsive', () => {
    if (!hangTimer) return;
    clearHang();
    log.info('recovery: window responsive again; no reload needed');
  });

  win.on('closed', clearHang);
}
