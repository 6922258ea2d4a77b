/** The settings menu: account email, "Sign out" (Yes/No, like the phone) and "Sign out of all devices". */
import { DEMO, expect, shot, signIn, test } from './fixtures';
import type { Page } from '@playwright/test';

async function toHome(page: Page): Promise<void> {
  await signIn(page);
  await page.getByRole('button', { name: 'Sam', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
}

test('Settings shows the account and signs out this device after "Yes"', async ({ app }) => {
  const { page } = app;
  await toHome(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByText(DEMO.email)).toBeVisible();
  await shot(page, 'settings');

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign out of Couchside on this device?' });
  await expect(dialog).toBeVisible();
  await shot(page, 'sign-out-dialog');
  await dialog.getByRole('button', { name: 'No' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Yes' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('the settings menu is reachable with the keyboard alone', async ({ app }) => {
  const { page } = app;
  await signIn(page);
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  // "m" (the remote's menu key) opens Settings, as "/" opens Search.
  await page.keyboard.press('m');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
});

test('"Sign out of all devices" in Settings signs out every TV on the account', async ({ app }) => {
  const { page } = app;
  const otherTv = await app.launchAnother({ deviceName: 'Bedroom TV' });
  const otherPage = otherTv.page;
  await signIn(otherPage);
  await expect(otherPage.getByRole('heading', { name: "Who's watching?" })).toBeVisible();

  await toHome(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Sign out of all devices' }).click();
  await expect(page.getByRole('heading', { name: 'Sign out of all devices' })).toBeVisible();
  await shot(page, 'sign-out-all-confirm');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();

  // The account password first (as Netflix asks for account changes); a wrong one signs nobody out.
  const confirm = page.getByRole('dialog', { name: "Confirm it's you" });
  await expect(confirm).toContainText('Enter the account password to sign out of Couchside on every device.');
  const password = confirm.getByLabel('Account password');
  await expect(password).toBeFocused();
  await password.fill('not-the-password');
  await password.press('Enter');
  await expect(confirm.getByRole('alert')).toHaveText("That's not the account password.");
  await shot(page, 'sign-out-all-password-wrong');
  await expect(otherPage.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  await password.fill(DEMO.password);
  await password.press('Enter');

  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(otherPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(otherPage.getByRole('status')).toContainText('You were signed out of all devices');
});
