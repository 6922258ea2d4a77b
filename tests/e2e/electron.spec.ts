/**
 * The same path in the real Electron app through Playwright's _electron. Where the Electron
 * binary is not installed (it is downloaded from GitHub, which some networks block), this skips
 * with that reason before trying to launch; the web-host specs cover the same core and renderer.
 */
import { _electron as electron, test, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../scripts/lib/electron-binary';
import { startTestService } from '../kit/harness';
import { DEMO } from './fixtures';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const binary = findElectronBinary(ROOT);

test.skip(!binary.ok, `Electron binary not available: ${binary.ok ? '' : binary.reason}`);

test('Electron: sign in, pick a profile, then a revocation returns the window to sign-in', async () => {
  if (!binary.ok) return;
  const service = await startTestService();
  const userData = mkdtempSync(join(tmpdir(), 'couchside-electron-'));
  const app = await electron.launch({
    executablePath: binary.path,
    args: [ROOT, `--server-url=${service.url}`, `--user-data-dir=${userData}`],
    cwd: ROOT,
  });
  try {
    const win = await app.firstWindow();
    await expect(win.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await win.getByLabel('Email').fill(DEMO.email);
    await win.getByLabel('Password').fill(DEMO.password);
    await win.getByRole('button', { name: 'Sign In' }).click();
    await win.getByRole('button', { name: 'Alex', exact: true }).click();
    await expect(win.getByRole('button', { name: 'Settings' })).toBeVisible();

    // The renderer must not reach Node or Electron.
    expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');

    await service.control.revokeAll(DEMO.email);
    await expect(win.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(win.getByRole('status')).toContainText('You were signed out of all devices');
    await win.screenshot({ path: 'test-results/screens/electron-signed-out.png' });
  } finally {
    await app.close();
    await service.stop();
    rmSync(userData, { recursive: true, force: true });
  }
});
