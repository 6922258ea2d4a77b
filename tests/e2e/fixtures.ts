/**
 * The project's own e2e fixtures: the test kit (tests/kit/playwright.ts: `service`, `app`,
 * `launchApp`, options `couchsideTarget`, `serviceDataDir`, `seed`) plus a screenshot helper and,
 * for older specs, the web-host-only `client` / `launchClient` fixtures.
 */
import { test as kit } from '../kit/playwright';
import { startTestClient, removeDir, type TestClient, type TestClientOptions } from '../kit/harness';
import type { Page } from '@playwright/test';

export { DEMO, expect, signIn, signInToAccountPage } from '../kit/playwright';

type WebHostFixtures = {
  /** Starts extra web-host clients (always the web host, whatever the target); all are stopped and their dirs removed after the test. */
  launchClient: (opts?: TestClientOptions) => Promise<TestClient>;
  /** One web-host client (not opened in any page). Prefer the kit's `app`, which also runs on Electron. */
  client: TestClient;
};

export const test = kit.extend<WebHostFixtures>({
  launchClient: async ({ service }, use) => {
    const started: TestClient[] = [];
    try {
      await use(async (opts) => {
        const c = await startTestClient(service.url, opts);
        started.push(c);
        return c;
      });
    } finally {
      for (const c of started) await c.stop().catch(() => {});
      for (const dir of new Set(started.map((c) => c.userDataDir))) removeDir(dir);
    }
  },
  client: async ({ launchClient }, use) => {
    await use(await launchClient());
  },
});

/**
 * Saves a screenshot under test-results/screens/ for a person to look at (prefixed with the
 * project's name outside the web project, so an Electron run does not overwrite the web ones).
 */
export async function shot(page: Page, name: string): Promise<void> {
  const project = test.info().project.name;
  const prefix = project && project !== 'web' ? `${project}-` : '';
  await page.screenshot({ path: `test-results/screens/${prefix}${name}.png`, animations: 'disabled' });
}

/**
 * Everything on the page that draws a scrollbar (none should: on a TV, scrolling follows the
 * focus). Flags the page itself when it overflows the window, and any element with a client area
 * whose box is wider or taller than that area plus its borders (a scrollbar's gutter).
 */
export async function scrollbars(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollHeight > doc.clientHeight + 1 || doc.scrollWidth > doc.clientWidth + 1) bad.push('page');
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('*'))) {
      // Inline boxes (and elements without a box) have no client area and cannot scroll.
      if (el.clientWidth === 0 && el.clientHeight === 0) continue;
      const cs = getComputedStyle(el);
      const bx = parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth);
      const by = parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth);
      const gutterX = el.offsetWidth - el.clientWidth - bx;
      const gutterY = el.offsetHeight - el.clientHeight - by;
      const vertical = el.clientHeight > 0 && gutterX > 0.5 && cs.overflowY !== 'visible';
      if (gutterX > 1 || gutterY > 1 || vertical) bad.push(`${el.tagName.toLowerCase()}.${el.className}`);
    }
    return bad;
  });
}

/** `test` where each test may `defer(cleanup)`: run after it in reverse order, in fixture teardown, so a timeout cleans up too. */
export const deferTest = test.extend<{ defer: (cleanup: () => unknown) => void }>({
  defer: async ({}, use) => {
    const cleanups: Array<() => unknown> = [];
    await use((cleanup) => void cleanups.push(cleanup));
    for (const cleanup of cleanups.reverse()) await Promise.resolve().then(cleanup).catch(() => {});
  },
});
