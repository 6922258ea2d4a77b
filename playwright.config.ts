import { defineConfig } from '@playwright/test';
import type { CouchsideOptions } from './tests/kit/playwright';

/**
 * e2e with the test kit (tests/kit/playwright.ts): each test gets its own mock service, app and
 * temp dirs. Two projects run the same portable specs:
 *   web       the web host in Debian's Chromium (CI and anywhere)
 *   electron  the Electron app through Playwright's _electron; skips each test, with the reason,
 *             where the Electron binary is not installed
 * Tag a test '@web-only' or '@electron-only' to keep it out of the other project.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'web', grepInvert: /@electron-only/, use: { couchsideTarget: 'web' } },
    { name: 'electron', grepInvert: /@web-only/, use: { couchsideTarget: 'electron' } },
  ],
});
