/**
 * The README's example spec: runs against the web host (project "web") and the Electron app
 * (project "electron", skipped with the reason where the Electron binary is missing).
 */
import { DEMO, expect, test } from '../kit/playwright';

test('a revocation sends the app back to the sign-in screen, saying why', async ({ app, service }) => {
  const { page } = app; // the app window, already on the sign-in screen of a fresh service

  // Sign in with the demo account, by the fields' labels.
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password').fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  // Pick a profile by its role and name.
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  await page.getByRole('button', { name: 'Alex', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();

  // Sign the account out of all devices from the test, as the account page would.
  await service.control.revokeAll(DEMO.email);

  // The app is back on the sign-in screen, with the notice saying why.
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('You were signed out of all devices');
  await expect(page.getByRole('button', { name: 'Alex', exact: true })).toHaveCount(0);
});
