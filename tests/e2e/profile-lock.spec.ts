/**
 * Profile locks: lock Sam from Settings (account password, then the PIN twice), choose when the
 * PIN is asked again, then pick Sam: the PIN dialog refuses a wrong PIN and opens Home on the
 * right one. Portable: runs on the web host and (where the binary exists) on Electron.
 */
import { DEMO, expect, signIn, test } from '../kit/playwright';
import type { Page } from '@playwright/test';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, animations: 'disabled' });

async function enterPin(page: Page, pin: string): Promise<void> {
  await page.keyboard.type(pin);
  await page.getByRole('button', { name: 'OK' }).click();
}

test('a locked profile asks for its PIN; a wrong PIN is refused, the right one opens Home', async ({ app }) => {
  const { page } = app;
  await signIn(page);
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  await page.getByRole('button', { name: 'Alex', exact: true }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Profiles' }).click();
  await page.getByRole('button', { name: 'Profile locks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Profile locks' })).toBeVisible();

  // Lock Sam: the account password first, then the PIN twice.
  await page.getByRole('button', { name: 'Lock Sam', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: "Confirm it's you" });
  await confirm.getByLabel('Account password').fill(DEMO.password);
  await confirm.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('group', { name: 'Profile PIN' })).toContainText('Enter a 4-digit PIN for Sam');
  await enterPin(page, '1234');
  await expect(page.getByRole('group', { name: 'Profile PIN' })).toContainText('Enter it again');
  await enterPin(page, '1234');
  await expect(page.getByRole('status').filter({ hasText: 'Sam is locked.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Change PIN for Sam' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove lock for Sam' })).toBeVisible();

  // Ask for the PIN again after 5 minutes without use.
  const relock = page.getByRole('radiogroup', { name: 'Ask for the PIN again after' });
  await relock.getByRole('radio', { name: '5 minutes', exact: true }).click();
  await expect(relock.getByRole('radio', { name: '5 minutes', exact: true })).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('button', { name: 'Change PIN for Sam' }).focus();
  await shot(page, 'profile-locks');

  // Switch profile: Sam's tile shows the lock and keeps its name.
  await page.getByRole('button', { name: 'Switch profile' }).click();
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  const sam = page.getByRole('button', { name: 'Sam', exact: true });
  await expect(sam).toHaveAttribute('aria-description', 'Locked');
  await sam.focus();
  await shot(page, 'profile-picker-locked');

  await sam.click();
  const dialog = page.getByRole('dialog', { name: 'Enter the PIN for Sam' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'Profile PIN' })).toBeVisible();
  await shot(page, 'profile-pin-dialog');

  await enterPin(page, '0000');
  await expect(dialog.getByRole('alert')).toContainText('Wrong PIN');
  await shot(page, 'profile-pin-wrong');
  await enterPin(page, '1234');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
});
