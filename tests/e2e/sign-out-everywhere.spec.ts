/**
 * The skeleton's whole path, driven as a person would: sign in on the TV, pick a profile, see
 * home; then sign out of all devices from the account web page on a phone, and watch the TV.
 * Portable: runs on the web host and on Electron (the kit's `app` fixture).
 */
import { DEMO, expect, shot, signIn, signInToAccountPage, test } from './fixtures';

test('signing out of all devices on the account page sends the TV back to sign-in, and it stays signed out', async ({
  app,
  browser,
  service,
}) => {
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await shot(page, 'sign-in');
  await signIn(page);

  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  for (const name of ['Alex', 'Sam', 'Jordan', 'Kids']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  await shot(page, 'profiles');
  await page.getByRole('button', { name: 'Alex', exact: true }).click();

  const rows = page.getByRole('region');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  await expect(rows.first().getByRole('button').first()).toBeVisible();
  await shot(page, 'home');

  // On a phone: Account, then Settings, then "Sign out of all devices", then "Sign out".
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phonePage = await phone.newPage();
  await signInToAccountPage(phonePage, service.url);
  await shot(phonePage, 'account-page');
  await phonePage.getByRole('link', { name: 'Sign out of all devices' }).click();
  await expect(phonePage.getByRole('heading', { name: 'Sign out of all devices' })).toBeVisible();
  await shot(phonePage, 'account-sign-out-all-confirm');
  await phonePage.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(phonePage.getByRole('heading', { name: 'Signed out of all devices' })).toBeVisible();

  // The TV is back on the sign-in screen, saying why.
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('You were signed out of all devices');
  await expect(page.getByRole('button', { name: 'Alex', exact: true })).toHaveCount(0);
  await shot(page, 'signed-out-notice');
  await phone.close();

  // Relaunch over the same store: the session is gone, so no profiles, just sign-in.
  const relaunched = await app.relaunch();
  await expect(relaunched.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(relaunched.getByRole('heading', { name: "Who's watching?" })).toHaveCount(0);
  expect(DEMO.email).toContain('@');
});

test('the session survives a relaunch and is checked with the server first', async ({ app }) => {
  await signIn(app.page);
  await expect(app.page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();

  const page = await app.relaunch();
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sam', exact: true })).toBeVisible();
});

test('a TV that was off during the revocation shows sign-in, not profiles, when it comes back', async ({
  app,
  service,
}) => {
  await signIn(app.page);
  await expect(app.page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  await app.close();

  await service.control.revokeAll(DEMO.email);

  const page = await app.relaunch();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('You were signed out of all devices');
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toHaveCount(0);
});
