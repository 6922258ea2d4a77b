/** Opens the web host's page in Debian's Chromium in kiosk mode (fullscreen, no browser UI). */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepFittedToScreen, x11Display, type ScreenFit, type ScreenFitOptions } from '../core/screen-fit';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium executable to use: $CHROMIUM_PATH, else the first one installed. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Arguments for a locked-down kiosk window on `url` with its own throwaway profile. */
export function kioskArgs(url: string, profileDir: string): string[] {
  const args = [
    '--kiosk',
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--noerrdialogs',
    '--disable-infobars',
    '--disable-session-crashed-bubble',
    '--disable-translate',
    '--disable-features=Translate,TranslateUI',
    '--overscroll-history-navigation=0',
    '--disable-pinch',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-gpu',
  ];
  // Chromium refuses to run as root without this; the sandbox still applies to the page's origin.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}

export interface OpenKioskOptions {
  /** The browser's environment, DISPLAY included (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Its profile folder (default: a new temp folder). */
  profileDir?: string;
  /** More Chromium arguments (tests add a DevTools port). */
  extraArgs?: string[];
  /** How to keep its window at the screen's bounds (tests). */
  fit?: (opts: ScreenFitOptions) => Promise<ScreenFit>;
}

/**
 * Launches the kiosk browser; returns null (and says why) when no Chromium is installed. On an X
 * display its window is kept at the screen's bounds for as long as it runs (see screen-fit.ts:
 * needed where no window manager applies kiosk mode's fullscreen request).
 */
export function openKioskBrowser(url: string, log: (line: string) => void, opts: OpenKioskOptions = {}): ChildProcess | null {
  const exe = findChromium();
  if (!exe) {
    log(`Kiosk: no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH). Open ${url} in any browser.`);
    return null;
  }
  const env = opts.env ?? process.env;
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'couchside-kiosk-'));
  // A throwaway profile made here goes with the browser (each reopening makes a fresh one).
  const removeProfile = () => {
    if (opts.profileDir === undefined) rmSync(profileDir, { recursive: true, force: true, maxRetries: 3 });
  };
  const child = spawn(exe, [...kioskArgs(url, profileDir), ...(opts.extraArgs ?? [])], { stdio: 'ignore', env });
  child.on('error', (err) => {
    log(`Kiosk: could not start ${exe}: ${err.message}`);
    removeProfile();
  });
  child.once('exit', removeProfile);
  log(`Kiosk: opened ${exe} in kiosk mode on ${url}`);
  fitWhileRunning(child, env, log, opts.fit ?? keepFittedToScreen);
  return child;
}

/**
 * Keeps the browser's windows (found by its process id, which Chromium puts on each as
 * _NET_WM_PID; Debian's /usr/bin/chromium script execs the browser, so the id is the same) at the
 * screen's bounds until it exits. Off X (Wayland, Windows, macOS) the system does fullscreen itself.
 */
export function fitWhileRunning(child: ChildProcess, env: NodeJS.ProcessEnv, log: (line: string) => void, fit: (opts: ScreenFitOptions) => Promise<ScreenFit>): void {
  const display = x11Display(env);
  if (!display || child.pid === undefined) return;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  fit({ display, match: { pid: child.pid }, log, env }).then(
    (fitter) => {
      if (exited()) fitter.close();
      else child.once('exit', () => fitter.close());
    },
    (err: Error) => log(`Kiosk: cannot watch X display ${display} (${err.message}); the window manager has to make the browser fullscreen.`),
  );
}

/** A kiosk browser kept open until close(). */
export interface KioskBrowser {
  /** The browser process running now (null between an exit and its reopening). */
  readonly child: ChildProcess | null;
  /** Closes it for good (kiosk mode ended, or the host stops); `message` goes to the log. */
  close(message?: string): void;
}

export interface KeepOpenOptions {
  /** Wait before reopening (default 1 s). */
  reopenDelayMs?: number;
  /** Give up after this many exits in a row that each came within `quickExitMs` of the start (default 3 within 10 s). */
  maxQuickExits?: number;
  quickExitMs?: number;
  /** How to open one browser (tests). */
  open?: (url: string, log: (line: string) => void) => ChildProcess | null;
}

/**
 * Opens the kiosk browser and reopens it whenever it exits (Chromium's kiosk mode can be left
 * with Alt+F4 or Ctrl+Shift+Q, and a browser can crash), so the screen never stays empty. Only
 * close(), after the admin PIN, ends it. Returns null when no browser could be opened.
 */
export function keepKioskBrowserOpen(url: string | (() => string), log: (line: string) => void, opts: KeepOpenOptions = {}): KioskBrowser | null {
  // A function gives a fresh address each time the browser (re)opens: the web host's one-time
  // launch links are spent by the first opening.
  const urlNow = typeof url === 'function' ? url : () => url;
  const open = opts.open ?? openKioskBrowser;
  const { reopenDelayMs = 1000, maxQuickExits = 3, quickExitMs = 10_000 } = opts;
  let child: ChildProcess | null = null;
  let closed = false;
  let quickExits = 0;
  let timer: NodeJS.Timeout | null = null;

  const start = (): boolean => {
    const startedAt = Date.now();
    const c = open(urlNow(), log);
    child = c;
    if (!c) return false;
    c.once('exit', (code, signal) => {
      if (child === c) child = null;
      if (closed) return;
      quickExits = Date.now() - startedAt < quickExitMs ? quickExits + 1 : 0;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (quickExits >= maxQuickExits) {
        log(`Kiosk: the browser keeps exiting at once (${how}); not reopening it. Open ${urlNow()} in a browser.`);
        return;
      }
      log(`Kiosk: the browser exited (${how}); reopening it.`);
      timer = setTimeout(() => {
        timer = null;
        if (!closed) start();
      }, reopenDelayMs);
    });
    return true;
  };

  if (!start()) return null;
  return {
    get child() {
      return child;
    },
    close(message) {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      if (child && child.exitCode === null && child.signalCode === null) child.kill();
      if (message) log(message);
    },
  };
}
