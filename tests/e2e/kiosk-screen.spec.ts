/**
 * `npm run start:web -- --kiosk` fills the screen on any X server: the kiosk browser opened the
 * way the web host opens it (openKioskBrowser: Debian's Chromium, the kiosk arguments and the
 * screen fitter) on an Xvfb screen of 1280x800 whose root window is painted magenta, so any part
 * of the screen the window leaves uncovered shows in a screenshot. Once with a window manager
 * (matchbox), once without any (the bare `xinit` kiosk, where nobody applies fullscreen), each
 * through RANDR screen size changes (to 1024x768 and back). The proof, at each size: the window's
 * own geometry by xwininfo (+0+0, the screen's size), the page's viewport (all of the screen),
 * and a screenshot of the whole X screen with not one magenta pixel.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { findChromium, openKioskBrowser } from '../../electron/web/kiosk-browser';
import { makeTempDir, removeDir, startTestClient } from '../kit/harness';
import { devToolsPort, geometry, kioskPage, pageTarget, settled } from '../kit/kiosk-page';
import {
  countColour,
  pngSize,
  screenshotDisplay,
  screenshotToolMissing,
  setRootColour,
  setScreenSize,
  startWindowManager,
  startXvfb,
  stopProcess,
  viewableWindows,
  waitForPaint,
  windowManagerMissing,
  xToolsMissing,
  xvfbMissing,
} from '../kit/xvfb';
import { expect, deferTest as kioskTest } from './fixtures';

const SCREEN = { width: 1280, height: 800 };
const SMALLER = { width: 1024, height: 768 };
/** The root window's colour: whatever of it shows is screen the kiosk window does not cover. */
const UNCOVERED = '#ff00ff';
const SCREENS_DIR = 'test-results/screens';


for (const withWm of [true, false]) {
  const setup = withWm ? 'with a window manager' : 'on a bare X server (no window manager)';
  const tag = withWm ? 'wm' : 'bare';

  kioskTest(`the kiosk browser covers the whole screen ${setup}, and again after the screen size changes`, { tag: '@web-only' }, async ({ service, defer }, testInfo) => {
    const missing =
      xvfbMissing() ??
      xToolsMissing() ??
      screenshotToolMissing() ??
      (withWm ? windowManagerMissing() : null) ??
      (findChromium() ? null : 'Chromium is not installed (apt-get install -y chromium)');
    kioskTest.skip(missing !== null, `kiosk screen: ${missing}`);

    const host = await startTestClient(service.url, { kiosk: true });
    defer(() => removeDir(host.userDataDir));
    defer(() => host.stop());
    const xvfb = await startXvfb(SCREEN);
    defer(() => xvfb.stop());
    setRootColour(xvfb.display, UNCOVERED);
    if (withWm) {
      const wm = await startWindowManager(xvfb.display);
      defer(() => wm.stop());
    }

    // What the web host does in kiosk mode (openKioskBrowser), plus a DevTools port for the test to read the page.
    const profileDir = makeTempDir('couchside-kiosk-');
    defer(() => removeDir(profileDir));
    const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: xvfb.display };
    delete env.WAYLAND_DISPLAY;
    const lines: string[] = [];
    const kiosk = openKioskBrowser(host.url, (line) => lines.push(line), { env, profileDir, extraArgs: ['--remote-debugging-port=0'] });
    if (!kiosk) throw new Error(`openKioskBrowser opened nothing: ${lines.join(' / ')}`);
    defer(() => stopProcess(kiosk));
    defer(() => testInfo.attach('kiosk-log', { body: lines.join('\n'), contentType: 'text/plain' }));

    const page = await attach(kiosk, profileDir, host.host.url);
    defer(() => page.context().browser()?.close());
    await expect(page.getByRole('heading', { name: 'Sign in' }).or(page.getByRole('heading', { name: 'Set an admin PIN' }))).toBeVisible();
    await waitForPaint(xvfb.display);

    mkdirSync(SCREENS_DIR, { recursive: true });
    await expectCovered(xvfb.display, page, SCREEN, join(SCREENS_DIR, `kiosk-screen-${tag}-1280x800.png`));
    setScreenSize(xvfb.display, SMALLER.width, SMALLER.height);
    await expectCovered(xvfb.display, page, SMALLER, join(SCREENS_DIR, `kiosk-screen-${tag}-1024x768.png`));
    setScreenSize(xvfb.display, SCREEN.width, SCREEN.height);
    await expectCovered(xvfb.display, page, SCREEN, join(SCREENS_DIR, `kiosk-screen-${tag}-1280x800-again.png`));

    // Who did it: the window manager, or (without one) the web host's screen fitter.
    expect(lines).toContainEqual(
      withWm
        ? `Kiosk: a window manager runs on ${xvfb.display}; it keeps the window fullscreen.`
        : `Kiosk: no window manager on ${xvfb.display}; keeping the window at the screen's bounds.`,
    );
  });
}

/** Playwright attached to the kiosk browser's page on `url`, over the DevTools port it wrote into its profile. */
async function attach(kiosk: ChildProcess, profileDir: string, url: string): Promise<Page> {
  const port = await devToolsPort(profileDir, kiosk);
  // Attach once the kiosk page is there (attaching during Chromium's first navigation can hang).
  await pageTarget(port, url);
  return kioskPage(await chromium.connectOverCDP(`http://127.0.0.1:${port}`), url);
}

/**
 * The kiosk window is at +0+0 with the screen's size (by xwininfo), the page's viewport is all of
 * the screen, and a screenshot of the whole X screen, saved to `file` and attached, shows none
 * of the root window's colour.
 */
async function expectCovered(display: string, page: Page, size: { width: number; height: number }, file: string): Promise<void> {
  await expect.poll(() => viewableWindows(display, 'Chromium').map(({ x, y, width, height }) => ({ x, y, width, height })), { timeout: 10_000 }).toEqual([{ x: 0, y: 0, ...size }]);
  await expect.poll(() => geometry(page), { timeout: 10_000 }).toEqual({
    screen: [size.width, size.height],
    outer: [size.width, size.height],
    inner: [size.width, size.height],
    position: [0, 0],
  });
  await settled(page);
  // The X screen shows the new frame a moment after the page drew it: look until the window covers it all.
  await expect
    .poll(
      async () => {
        await screenshotDisplay(display, file);
        return countColour(file, UNCOVERED);
      },
      { timeout: 10_000, message: `pixels of the screen not covered by the kiosk window (${file})` },
    )
    .toBe(0);
  expect(pngSize(file)).toEqual(size);
  await kioskTest.info().attach(file.split('/').pop()!, { path: file, contentType: 'image/png' });
}
