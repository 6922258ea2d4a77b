/**
 * Settings → Devices with two TVs on the account: this TV is marked "This device" and can be
 * renamed; the other is signed out from here and goes straight to its sign-in screen, saying why.
 */
import type { Page } from '@playwright/test';
import { expect, shot, signIn, test } from './fixtures';

async function openDevices(page: Page): Promise<void> {
  await signIn(page);
  await page.getByRole('button', { name: 'Sam', exact: true }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.getByRole('tab', { name: 'Devices' }).click();
  await page.getByRole('button', { name: 'Manage devices' }).click();
  await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
}

test('Devices lists both TVs, renames this one and signs the other out remotely', async ({ app }) => {
  const { page } = app;
  const bedroom = await app.launchAnother({ deviceName: 'Bedroom TV' });
  const bedroomPage = bedroom.page;
  await signIn(bedroomPage);
  await expect(bedroomPage.getByRole('heading', { name: "Who's watching?" })).toBeVisible();

  await openDevices(page);
  const list = page.getByRole('list', { name: 'Signed-in devices' });
  const rows = list.getByRole('listitem');
  await expect(rows).toHaveCount(2);
  const thisTv = rows.filter({ hasText: 'This device' });
  const bedroomRow = rows.filter({ hasText: 'Bedroom TV' });
  await expect(thisTv).toHaveCount(1);
  await expect(thisTv).not.toContainText('Bedroom TV');
  await expect(thisTv).toContainText('Last active just now');
  await expect(thisTv).toContainText('Watching as Sam');
  await expect(bedroomRow).not.toContainText('This device');
  await expect(bedroomRow).toContainText('Last active');
  // Focus starts on the first row's button; arrows walk the rows.
  await expect(page.getByRole('button', { name: 'Rename this device' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: 'Sign out Bedroom TV' })).toBeFocused();
  await shot(page, 'devices');

  // Rename this TV: the field checks the name before asking the service.
  await page.getByRole('button', { name: 'Rename this device' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename this device' });
  const field = rename.getByLabel('Device name');
  await expect(field).toBeFocused();
  await field.fill('');
  await rename.getByRole('button', { name: 'Save' }).click();
  await expect(rename.getByRole('alert')).toHaveText('Enter a name for the device.');
  await field.fill('Living Room TV');
  await shot(page, 'devices-rename');
  await rename.getByRole('button', { name: 'Save' }).click();
  await expect(rename).toBeHidden();
  await expect(thisTv).toContainText('Living Room TV');
  await expect(page.getByRole('button', { name: 'Rename this device' })).toBeFocused();

  // Sign out the Bedroom TV from here.
  await page.getByRole('button', { name: 'Sign out Bedroom TV' }).click();
  const confirm = page.getByRole('dialog', { name: 'Sign out Bedroom TV?' });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('goes back to its sign-in screen right away');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await shot(page, 'devices-sign-out-dialog');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await page.getByRole('button', { name: 'Sign out Bedroom TV' }).click();
  await confirm.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(confirm).toBeHidden();

  await expect(bedroomPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(bedroomPage.getByRole('status')).toContainText('This device was signed out from another device.');
  await shot(bedroomPage, 'device-removed-notice');

  // This TV stays where it was, with the list down to itself.
  await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(bedroomRow).toHaveCount(0);
  await expect(thisTv).toContainText('Living Room TV');
  await shot(page, 'devices-after-sign-out');

  // Back to Settings, focus on the button that opened Devices.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Manage devices' })).toBeFocused();
});

test('"Sign out of all devices" on Devices opens the confirmation page, and Cancel comes back', async ({ app }) => {
  const { page } = app;
  await openDevices(page);
  await page.getByRole('button', { name: 'Sign out of all devices' }).click();
  await expect(page.getByRole('heading', { name: 'Sign out of all devices' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out of all devices' })).toBeFocused();
});
