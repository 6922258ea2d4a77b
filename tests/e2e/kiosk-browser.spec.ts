/**
 * `npm run start:web -- --kiosk` for real: the web host (in kiosk mode) opened in Debian's
 * Chromium with exactly the kiosk arguments start.ts uses, headed, on an Xvfb display this test
 * starts itself, with a window manager as any desktop or kiosk session has (without one, nobody
 * applies the fullscreen request). Playwright attaches over the DevTools port to drive the page
 * by role; the proof is a screenshot of the whole X screen (not just the page) and the window's
 * own geometry: it covers the screen and there is no browser UI above the page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { findChromium, kioskArgs } from '../../electron/web/kiosk-browser';
import { makeTempDir, removeDir, startTestClient } from '../kit/harness';
import {
  pngSize,
  screenshotDisplay,
  screenshotToolMissing,
  startWindowManager,
  startXvfb,
  stopProcess,
  waitForPaint,
  windowManagerMissing,
  xvfbMissing,
} from '../kit/xvfb';
import { DEMO, expect, signIn, test } from './fixtures';

const SCREEN = { width: 1280, height: 720 };
const SCREENS_DIR = 'test-results/screens';
const ADMIN_PIN = '2468';

/** Each test may `defer(cleanup)`: run after it in reverse order, in fixture teardown, so a timeout cleans up too. */
const kioskTest = test.extend<{ defer: (cleanup: () => unknown) => void }>({
  defer: async ({}, use) => {
    const cleanups: Array<() => unknown> = [];
    await use((cleanup) => void cleanups.push(cleanup));
    for (const cleanup of cleanups.reverse()) await Promise.resolve().then(cleanup).catch(() => {});
  },
});

kioskTest('kiosk mode in Debian\'s Chromium fills the X screen with Couchside and no browser UI', { tag: '@web-only' }, async ({ service, defer }, testInfo) => {
  const chromiumExe = findChromium();
  const missing =
    xvfbMissing() ?? windowManagerMissing() ?? screenshotToolMissing() ?? (chromiumExe ? null : 'Chromium is not installed (apt-get install -y chromium)');
  kioskTest.skip(missing !== null, `kiosk browser screenshot: ${missing}`);
  if (!chromiumExe) return;

  const host = await startTestClient(service.url, { kiosk: true });
  defer(() => removeDir(host.userDataDir));
  defer(() => host.stop());
  const xvfb = await startXvfb(SCREEN);
  defer(() => xvfb.stop());
  const wm = await startWindowManager(xvfb.display);
  defer(() => wm.stop());

  // What openKioskBrowser() does, plus a DevTools port (0: Chromium picks one and writes it down).
  const profileDir = makeTempDir('couchside-kiosk-');
  defer(() => removeDir(profileDir));
  // The kiosk browser opens a one-time launch link; the page then lives on the bare address.
  const base = host.host.url;
  const args = [...kioskArgs(host.url, profileDir), '--remote-debugging-port=0'];
  const log = createWriteStream(testInfo.outputPath('chromium.log'));
  const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: xvfb.display };
  delete env.WAYLAND_DISPLAY;
  const kiosk = spawn(chromiumExe, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  defer(() => stopProcess(kiosk));
  kiosk.stdout?.pipe(log);
  kiosk.stderr?.pipe(log);

  const port = await devToolsPort(profileDir, kiosk);
  // Attach once the kiosk page is there (attaching during Chromium's first navigation can hang).
  await pageTarget(port, base);
  const cdp = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  defer(() => cdp.close());
  const page = await kioskPage(cdp, base);

  // The window is fullscreen on the display, and the page is all of it.
  await expect.poll(() => geometry(page), { timeout: 10_000 }).toEqual({
    screen: [SCREEN.width, SCREEN.height],
    outer: [SCREEN.width, SCREEN.height],
    inner: [SCREEN.width, SCREEN.height],
    position: [0, 0],
  });
  const session = await page.context().newCDPSession(page);
  const { bounds } = await session.send('Browser.getWindowForTarget');
  expect(bounds).toMatchObject({ left: 0, top: 0, width: SCREEN.width, height: SCREEN.height, windowState: 'fullscreen' });
  await session.detach();

  // Drive it by role, like a person would. Kiosk mode on by the flag with no admin PIN yet:
  // the first screen asks for one (entered twice on the keypad), then sign-in follows.
  mkdirSync(SCREENS_DIR, { recursive: true });
  const signInHeading = page.getByRole('heading', { name: 'Sign in' });
  const setupHeading = page.getByRole('heading', { name: 'Set an admin PIN' });
  await expect(signInHeading.or(setupHeading)).toBeVisible();
  // Input sent before the window's first frame is on screen is lost: wait until it is.
  await waitForPaint(xvfb.display);
  if (await setupHeading.isVisible()) {
    await settled(page);
    await screenshotDisplay(xvfb.display, join(SCREENS_DIR, 'kiosk-browser-admin-pin.png'));
    const keypad = page.getByRole('group', { name: 'Admin PIN' });
    for (let round = 0; round < 2; round++) {
      for (const digit of ADMIN_PIN) await keypad.getByRole('button', { name: digit, exact: true }).click();
      await expect(keypad.getByRole('status')).toHaveText(`${ADMIN_PIN.length} digits entered`);
      await keypad.getByRole('button', { name: 'OK', exact: true }).click();
    }
  }
  await expect(signInHeading).toBeVisible();
  await settled(page);
  await screenshotDisplay(xvfb.display, join(SCREENS_DIR, 'kiosk-browser-sign-in.png'));
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  await page.getByRole('button', { name: 'Alex', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('region').first().getByRole('button').first()).toBeVisible();
  await settled(page);

  const file = join(SCREENS_DIR, 'kiosk-browser.png');
  await screenshotDisplay(xvfb.display, file);
  expect(pngSize(file)).toEqual(SCREEN);
  await testInfo.attach('kiosk-browser', { path: file, contentType: 'image/png' });
  // Still fullscreen after signing in and picking a profile.
  expect(await geometry(page)).toMatchObject({ inner: [SCREEN.width, SCREEN.height], position: [0, 0] });
});

/** The port Chromium wrote to DevToolsActivePort (with --remote-debugging-port=0). */
async function devToolsPort(profileDir: string, child: ChildProcess): Promise<number> {
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
async function pageTarget(port: number, url: string): Promise<void> {
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
async function kioskPage(browser: Browser, url: string): Promise<Page> {
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
async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

/** Screen, window and viewport sizes as the page sees them. */
function geometry(page: Page) {
  return page.evaluate(() => ({
    screen: [screen.width, screen.height],
    outer: [window.outerWidth, window.outerHeight],
    inner: [window.innerWidth, window.innerHeight],
    position: [window.screenX, window.screenY],
  }));
}
