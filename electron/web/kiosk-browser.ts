/** Opens the web host's page in Debian's Chromium in kiosk mode (fullscreen, no browser UI). */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** Launches the kiosk browser; returns null (and says why) when no Chromium is installed. */
export function openKioskBrowser(url: string, log: (line: string) => void): ChildProcess | null {
  const exe = findChromium();
  if (!exe) {
    log(`Kiosk: no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH). Open ${url} in any browser.`);
    return null;
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'couchside-kiosk-'));
  const child = spawn(exe, kioskArgs(url, profileDir), { stdio: 'ignore' });
  child.on('error', (err) => log(`Kiosk: could not start ${exe}: ${err.message}`));
  log(`Kiosk: opened ${exe} in kiosk mode on ${url}`);
  return child;
}

/** Closes the kiosk browser after the admin PIN ended kiosk mode (the web host keeps serving). */
export function closeKioskBrowser(child: ChildProcess | null, log: (line: string) => void, url: string): void {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill();
  log(`Kiosk: left kiosk mode with the admin PIN; closed the kiosk browser. Couchside is still served at ${url}`);
}
