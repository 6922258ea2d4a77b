/**
 * A household's shared TV and its Kids profile (issue 15, items 1 and 2), as a family meets it:
 * the Kids profile cannot raise its maturity rating (make itself a grown-up one) without the
 * account password, and is not offered "Sign out of all devices". Screenshots at 1280x720 and
 * 1920x1080.
 */
import type { Page } from '@playwright/test';
import { DEMO, expect, shot, signIn, test } from './fixtures';

async function asKids(page: Page): Promise<void> {
  await signIn(page);
  await page.getByRole('button', { name: 'Kids', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
}

async function editKids(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: 'Profiles' }).click();
  await page.getByRole('button', { name: 'Manage profiles' }).click();
  await page.getByRole('button', { name: 'Edit Kids' }).click();
  await expect(page.getByRole('heading', { name: 'Edit Kids', level: 1 })).toBeVisible();
}

test('a Kids profile raised to All asks for the account password; a wrong one or Cancel leaves it a Kids profile', async ({ app }) => {
  const { page } = app;
  await asKids(page);
  // Not offered on a Kids profile.
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out of all devices' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Kiosk mode' })).toHaveCount(0);
  await shot(page, 'kids-settings-1280x720');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();

  await editKids(page);
  const rating = page.getByRole('radiogroup', { name: 'Maturity rating' });
  await expect(rating.getByRole('radio', { name: 'Kids', exact: true })).toBeChecked();
  await shot(page, 'profile-editor-kids-1280x720');
  await rating.getByRole('radio', { name: 'All' }).click();
  await expect(rating.getByRole('radio', { name: 'All' })).toBeChecked();
  await page.getByRole('button', { name: 'Save' }).click();

  const confirm = page.getByRole('dialog', { name: "Confirm it's you" });
  await expect(confirm).toContainText('Enter the account password to turn off Kids for Kids.');
  const password = confirm.getByLabel('Account password');
  await expect(password).toBeFocused();
  await shot(page, 'kids-off-password-1280x720');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, 'kids-off-password-1920x1080');
  await page.setViewportSize({ width: 1280, height: 720 });

  await password.fill('a-guess-1234');
  await password.press('Enter');
  await expect(confirm.getByRole('alert')).toHaveText("That's not the account password.");
  await expect(password).toBeFocused();
  await shot(page, 'kids-off-password-wrong-1280x720');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('button', { name: 'Save' })).toBeFocused();

  // Nothing changed on the service: the editor opened again reads Kids.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Edit Kids' })).toHaveAccessibleDescription('Maturity: Kids');
  await page.getByRole('button', { name: 'Edit Kids' }).click();
  await expect(rating.getByRole('radio', { name: 'Kids', exact: true })).toBeChecked();

  // The grown-up who knows the password can, by the remote: down to the rating, right to Teens, OK.
  await expect(page.getByRole('textbox', { name: /Name/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(rating.getByRole('radio', { name: 'Kids', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(rating.getByRole('radio', { name: 'Teens' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rating.getByRole('radio', { name: 'Teens' })).toBeChecked();
  await page.getByRole('button', { name: 'Save' }).click();
  await confirm.getByLabel('Account password').fill(DEMO.password);
  await confirm.getByLabel('Account password').press('Enter');
  await expect(page.getByRole('heading', { name: 'Manage profiles', level: 1 })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Kids saved.');
  await expect(page.getByRole('button', { name: 'Edit Kids' })).toHaveAccessibleDescription('Maturity: Teens');
  await shot(page, 'manage-profiles-teens-1280x720');
  await page.getByRole('button', { name: 'Edit Kids' }).click();
  await expect(rating.getByRole('radio', { name: 'Teens' })).toBeChecked();
  await expect(rating.getByRole('radio', { name: 'Kids', exact: true })).not.toBeChecked();
});

test("another member's profile needs the password to change; one's own does not", async ({ app }) => {
  const { page } = app;
  await signIn(page);
  await page.getByRole('button', { name: 'Sam', exact: true }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Profiles' }).click();
  await page.getByRole('button', { name: 'Manage profiles' }).click();

  // Sam's own name: saved with no question.
  await page.getByRole('button', { name: 'Edit Sam' }).click();
  await page.getByRole('textbox', { name: /Name/ }).fill('Samira');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Samira saved.');

  // Jordan's: the password first.
  await page.getByRole('button', { name: 'Edit Jordan' }).click();
  await page.getByRole('textbox', { name: /Name/ }).fill('Jo');
  await page.getByRole('button', { name: 'Save' }).click();
  const confirm = page.getByRole('dialog', { name: "Confirm it's you" });
  await expect(confirm).toContainText('Enter the account password to change Jordan. It is not the profile in use on this TV.');
  await shot(page, 'other-profile-password-1280x720');
  await confirm.getByLabel('Account password').fill(DEMO.password);
  await confirm.getByLabel('Account password').press('Enter');
  await expect(page.getByRole('status')).toHaveText('Jo saved.');
});
