/**
 * Reaching the page in a kiosk browser the test did not launch through Playwright: Chromium
 * started with --remote-debugging-port=0 writes its port into the profile, Playwright attaches
 * over it; then waits that make an X screenshot show a settled page, and the window's geometry as
 * the page sees it.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';

/** The port Chromium wrote to DevToolsActivePort (with --remote-debugging-port=0). */
export async function devToolsPort(profileDir: string, child: ChildProcess): Promise<number> {
  const file = join(profileDir, 'DevToolsActivePort');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Chromium exited (${child.exitCode}) before opening its DevTools port; see chromium.log`);
    if (existsSync(file)) {
      const port = Number(readFileSync(file, 'utf8').split('\n')[0]);
      if (port > 0) return port;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Chromium did not open its DevTools port within 20 s; see chromium.log');
}

/** Waits until Chromium lists a page on `url` (DevTools HTTP endpoint /json/list). */
export async function pageTarget(port: number, url: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const list = (await fetch(`http://127.0.0.1:${port}/json/list`)
      .then((r) => r.json())
      .catch(() => [])) as Array<{ type: string; url: string }>;
    if (list.some((t) => t.type === 'page' && t.url.startsWith(url))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Chromium shows no page on ${url}`);
}

/** The kiosk window's page (the one on the web host). */
export async function kioskPage(browser: Browser, url: string): Promise<Page> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const context of browser.contexts()) {
      const page = context.pages().find((p) => p.url().startsWith(url));
      if (page) {
        await page.waitForLoadState();
        return page;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No page on ${url} in the kiosk browser`);
}

/** Waits for the page's transitions to end and one more frame to be drawn (an X screenshot does not wait for anything). */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

/** Screen, window and viewport sizes as the page sees them. */
export function geometry(page: Page) {
  return page.evaluate(() => ({
    screen: [screen.width, screen.height],
    outer: [window.outerWidth, window.outerHeight],
    inner: [window.innerWidth, window.innerHeight],
    position: [window.screenX, window.screenY],
  }));
}
