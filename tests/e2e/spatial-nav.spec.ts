/**
 * Spatial navigation in real Chromium: the sign-in form and "Who's watching?" with the arrow keys,
 * Enter and Back alone (no mouse), text fields keeping Left/Right for their caret.
 */
import { DEMO, expect, test } from '../kit/playwright';

test('signs in and picks a profile with the keyboard alone', async ({ app }) => {
  const { page } = app;
  const email = page.getByLabel('Email');
  await expect(email).toBeFocused();
  await page.keyboard.type(DEMO.email);
  // Left/Right move the caret, not the focus.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(email).toBeFocused();
  await page.keyboard.type('X');
  await expect(email).toHaveValue(`${DEMO.email.slice(0, -2)}X${DEMO.email.slice(-2)}`);
  // Backspace in a field deletes (it is not Back).
  await page.keyboard.press('Backspace');
  await expect(email).toHaveValue(DEMO.email);
  await page.keyboard.press('ArrowDown');
  const password = page.getByLabel('Password');
  await expect(password).toBeFocused();
  await page.keyboard.type(DEMO.password);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: 'Sign In', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(password).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  const [alex, sam] = [DEMO.profiles[0], DEMO.profiles[1]].map((n) => page.getByRole('button', { name: n, exact: true }));
  await expect(alex).toBeFocused();
  await expect(alex).toHaveAttribute('data-focused', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(sam).toBeFocused();
  await expect(alex).not.toHaveAttribute('data-focused', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(alex).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
});
