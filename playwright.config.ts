import { defineConfig, type ReporterDescription } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/kit/chromium';
import type { CouchsideOptions } from './tests/kit/playwright';

const CI = Boolean(process.env.CI);

/**
 * e2e with the test kit (tests/kit/playwright.ts): each test gets its own mock service, app and
 * temp dirs. Three projects:
 *   web       the web host in Chromium (Debian's where installed, else Playwright's own)
 *   electron  the Electron app (out/ on node_modules' Electron) through Playwright's _electron;
 *             its setup project (electron-binary) first fetches a missing binary with Electron's
 *             installer, once per run; where that fails each test skips with the reason
 *   packaged  the newest test build under release/ (`npm run package -- --test-build`) or
 *             $COUCHSIDE_PACKAGED_APP: the example and the main-process specs; skips where
 *             there is no build
 * Tag a test '@web-only' or '@electron-only' (Electron and packaged) to keep it out of the others.
 *
 * No retries, on CI either: a flaky test is a race to fix, and a first failure already carries
 * the trace, the app's logs, its main process's output and screenshots.
 */
const reporter: ReporterDescription[] = [
  ['list'],
  // The report folder is playwright-report/, or $PLAYWRIGHT_HTML_OUTPUT_DIR (npm test sets one per step).
  ['html', { open: 'never' }],
  // `npm test` reads the totals and skip reasons from this file.
  ...(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['json'] as ReporterDescription] : []),
];

export default defineConfig<CouchsideOptions>({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  // Each step has its own bound, and a step that hangs fails there: an expect after 5 s, an
  // action (click, fill, press) after 15 s, a navigation after 30 s. The test's budget is only the
  // sum of its steps. At 60 s it was a timed assertion on the whole journey: on this 2-core
  // machine under `npm run test:under-load` (load average 11) every step of the long journeys ran
  // two to four times slower, none hung, and three of them ran out of 60 s at whatever step came
  // next (their traces: goto 7 s, each click 1 to 3 s). No step's own bound is raised.
  timeout: 120_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  forbidOnly: CI,
  workers: CI ? 2 : undefined,
  retries: 0,
  reporter,
  use: {
    viewport: { width: 1280, height: 720 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
    // Browser contexts by Playwright; the kit records Electron contexts by the same setting.
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
  },
  projects: [
    { name: 'web', grepInvert: /@electron-only/, use: { couchsideTarget: 'web' } },
    // Once per run, before the electron project: fetch Electron's binary if it is missing, or say why not.
    { name: 'electron-binary', testMatch: 'electron-binary.setup.ts' },
    { name: 'electron', grepInvert: /@web-only/, use: { couchsideTarget: 'electron' }, dependencies: ['electron-binary'] },
    {
      name: 'packaged',
      testMatch: ['example.spec.ts', 'main-process.spec.ts'],
      grepInvert: /@web-only/,
      use: { couchsideTarget: 'packaged' },
    },
  ],
});
