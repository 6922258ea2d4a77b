import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/kit/chromium';
import type { CouchsideOptions } from './tests/kit/playwright';

/**
 * e2e with the test kit (tests/kit/playwright.ts): each test gets its own mock service, app and
 * temp dirs. Two projects run the same portable specs:
 *   web       the web host in Debian's Chromium (CI and anywhere)
 *   electron  the Electron app through Playwright's _electron; skips each test, with the reason,
 *             where the Electron binary is not installed
 * Tag a test '@web-only' or '@electron-only' to keep it out of the other project.
 */
export default defineConfig<CouchsideOptions>({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 720 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
  },
  projects: [
    { name: 'web', grepInvert: /@electron-only/, use: { couchsideTarget: 'web' } },
    { name: 'electron', grepInvert: /@web-only/, use: { couchsideTarget: 'electron' } },
  ],
});
