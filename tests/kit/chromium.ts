/**
 * The Chromium the tests and the bench launch: Debian's where it is installed (Playwright cannot
 * download browsers on this network), else Playwright's own (macOS, Windows, GitHub's runners,
 * after `npx playwright install chromium`).
 */
import { existsSync } from 'node:fs';

/** Where distributions put Chromium (Debian: /usr/bin/chromium). */
export const SYSTEM_CHROMIUM_PATHS: readonly string[] = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * $CHROMIUM_PATH when set; else the first system Chromium that exists; else undefined, which
 * tells Playwright to use its own Chromium.
 */
export function chromiumPath(env: Record<string, string | undefined> = process.env, exists: (p: string) => boolean = existsSync): string | undefined {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  return SYSTEM_CHROMIUM_PATHS.find((p) => exists(p));
}

/** The executable for `launchOptions.executablePath` (undefined: Playwright's own Chromium). */
export const CHROMIUM_PATH: string | undefined = chromiumPath();

/**
 * Flags for headless runs as root on a closed network: no sandbox (root), no GPU, and none of
 * Chromium's background calls home, which this machine's network refuses.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
