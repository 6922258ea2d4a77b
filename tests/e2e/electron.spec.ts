/**
 * The same path in the real Electron app through Playwright's _electron (the kit's `app` fixture
 * with couchsideTarget 'electron'), plus what only Electron can show: the renderer has no Node.
 * Where the Electron binary is not installed (it is downloaded from GitHub, which some networks
 * block), the kit skips this with that reason before launching; the web project covers the same
 * core and renderer.
 */
import { DEMO, expect, shot, test } from './fixtures';

test('Electron: sign in, pick a profile, then a revocation returns the window to sign-in', { tag: '@electron-only' }, async ({ app, service }) => {
  const win = app.page;
  await expect(win.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await win.getByLabel('Email').fill(DEMO.email);
  await win.getByLabel('Password').fill(DEMO.password);
  await win.getByRole('button', { name: 'Sign in', exact: true }).click();
  await win.getByRole('button', { name: 'Alex', exact: true }).click();
  await expect(win.getByRole('button', { name: 'Settings' })).toBeVisible();

  // The renderer must not reach Node or Electron.
  expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');

  await service.control.revokeAll(DEMO.email);
  await expect(win.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(win.getByRole('status')).toContainText('You were signed out of all devices');
  await shot(win, 'signed-out');
});
