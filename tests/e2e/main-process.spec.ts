/**
 * What the main process holds, asserted through Playwright's `electronApp.evaluate` (what
 * Spectron's `remote` was for): the session store after a revocation, the window's security
 * settings, kiosk mode, and the single-instance lock. Electron and packaged projects only; where
 * the Electron binary (or a packaged build) is missing, the kit skips each test with the reason.
 */
import { execFile } from 'node:child_process';
import type { ElectronApplication } from '@playwright/test';
import type { BrowserWindow, WebPreferences } from 'electron';
import { DEMO, expect, signIn, test } from '../kit/playwright';

/** The app's electron-store file, read by the main process from its own userData path. */
function storedData(electronApp: ElectronApplication) {
  return electronApp.evaluate(({ app }) => {
    const fs = (process as unknown as { getBuiltinModule(id: 'node:fs'): typeof import('node:fs') }).getBuiltinModule('node:fs');
    const file = `${app.getPath('userData')}/couchside-session.json`;
    const data = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { session?: { encoding?: string } }) : {};
    return { userData: app.getPath('userData'), hasSession: data.session !== undefined, encoding: data.session?.encoding ?? null };
  });
}

function electronOf(app: { electronApp: ElectronApplication | null }): ElectronApplication {
  if (!app.electronApp) throw new Error('not an Electron target');
  return app.electronApp;
}

test.describe('the main process', { tag: '@electron-only' }, () => {
  test('holds no session in its store once the account is signed out everywhere', async ({ app, service }) => {
    const electronApp = electronOf(app);
    await signIn(app.page);
    await app.page.getByRole('button', { name: 'Alex', exact: true }).click();
    await expect(app.page.getByRole('button', { name: 'Settings' })).toBeVisible();

    const before = await storedData(electronApp);
    expect(before.userData).toBe(app.userDataDir);
    expect(before.hasSession).toBe(true);

    await service.control.revokeAll(DEMO.email);
    await expect(app.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expect(await storedData(electronApp)).toMatchObject({ hasSession: false, encoding: null });
  });

  test("sandboxes and isolates the window's renderer, with no Node integration", async ({ app }) => {
    const win = await electronOf(app).browserWindow(app.page);
    const prefs = await win.evaluate((w: BrowserWindow) => {
      // Not in electron.d.ts, but the WebContents method Electron itself keeps for this.
      const p = (w.webContents as unknown as { getLastWebPreferences(): WebPreferences | null }).getLastWebPreferences();
      return { sandbox: p?.sandbox, contextIsolation: p?.contextIsolation, nodeIntegration: p?.nodeIntegration, webSecurity: p?.webSecurity };
    });
    expect(prefs).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(await app.page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  });

  test('is in kiosk mode when launched with --kiosk, and not otherwise', async ({ app, launchApp }) => {
    const normal = await electronOf(app).browserWindow(app.page);
    expect(await normal.evaluate((w: BrowserWindow) => w.isKiosk())).toBe(false);

    const kiosk = await launchApp({ kiosk: true });
    const win = await electronOf(kiosk).browserWindow(kiosk.page);
    expect(await win.evaluate((w: BrowserWindow) => w.isKiosk())).toBe(true);
    await expect(kiosk.page.getByRole('heading', { name: 'Set an admin PIN' })).toBeVisible();
  });

  test('a second launch on the same data folder quits and brings the first window back', async ({ app }) => {
    const electronApp = electronOf(app);
    // Hide the first window (works without a window manager), and listen for the second launch.
    const how = await electronApp.evaluate(({ app: a, BrowserWindow }) => {
      const g = globalThis as { secondInstances?: number };
      g.secondInstances = 0;
      a.on('second-instance', () => (g.secondInstances = (g.secondInstances ?? 0) + 1));
      BrowserWindow.getAllWindows()[0]?.hide();
      return { exe: process.execPath, appArgs: a.isPackaged ? [] : [a.getAppPath()], display: process.env.DISPLAY };
    });
    expect(await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible())).toBe(false);

    const exitCode = await new Promise<number | null>((resolve) => {
      const args = [...how.appArgs, `--user-data-dir=${app.userDataDir}`, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])];
      const env = { ...process.env, ...(how.display ? { DISPLAY: how.display } : {}) };
      const child = execFile(how.exe, args, { env, timeout: 30_000 }, () => resolve(child.exitCode));
    });
    expect(exitCode).toBe(0);

    await expect.poll(() => electronApp.evaluate(() => (globalThis as { secondInstances?: number }).secondInstances)).toBe(1);
    await expect.poll(() => electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([true]);
    await expect(app.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });
});
