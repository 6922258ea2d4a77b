/**
 * `npm run start:web -- --kiosk` for real: the web host (in kiosk mode) opened in Debian's
 * Chromium with exactly the kiosk arguments start.ts uses, headed, on an Xvfb display this test
 * starts itself, with a window manager as a desktop session has (kiosk-screen.spec.ts covers the
 * bare X server, where the web host's screen fitter does the manager's part). Playwright attaches
 * over the DevTools port to drive the page by role; the proof is a screenshot of the whole X
 * screen (not just the page) and the window's own geometry: it covers the screen and there is no
 * browser UI above the page.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium, kioskArgs } from '../../electron/web/kiosk-browser';
import { makeTempDir, removeDir, startTestClient } from '../kit/harness';
import { devToolsPort, geometry, kioskPage, pageTarget, settled } from '../kit/kiosk-page';
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
import { DEMO, expect, signIn, deferTest as kioskTest } from './fixtures';

const SCREEN = { width: 1280, height: 720 };
const SCREENS_DIR = 'test-results/screens';
const ADMIN_PIN = '2468';


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
