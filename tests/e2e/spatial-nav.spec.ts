/**
 * Spatial navigation in real Chromium: the sign-in form and "Who's watching?" with the arrow keys,
 * Enter and Back alone (no mouse), text fields keeping Left/Right for their caret.
 */
import type { Page } from '@playwright/test';
import { DEMO, expect, test } from '../kit/playwright';
import { scrollbars } from './fixtures';
import { remote } from '../kit/remote';

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
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(password).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  const alex = page.getByRole('button', { name: DEMO.profiles[0], exact: true });
  const sam = page.getByRole('button', { name: DEMO.profiles[1], exact: true });
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

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`Home, Settings and back by remote at ${size.width}x${size.height}, no scrollbars`, async ({ app }) => {
    const { page } = app;
    await page.setViewportSize(size);
    await page.getByLabel('Email').fill(DEMO.email);
    await page.getByLabel('Password').fill(DEMO.password);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
    expect(await scrollbars(page)).toEqual([]);
    await page.screenshot({ path: `test-results/screens/nav-picker-${size.width}.png`, animations: 'disabled' });
    await page.keyboard.press('Enter');

    // Home: the first title has focus; Right walks the row, Down the next row, Up comes back to
    // the same column.
    const rows = page.locator('section.row');
    await expect(rows.first()).toBeVisible();
    const firstRow = rows.nth(0).getByRole('button');
    const secondRow = rows.nth(1).getByRole('button');
    await expect(firstRow.nth(0)).toBeFocused();
    for (let i = 1; i <= 6; i++) {
      await page.keyboard.press('ArrowRight');
      await expect(firstRow.nth(i)).toBeFocused();
    }
    // The focused tile is scrolled into view inside its row.
    await expect(firstRow.nth(6)).toBeInViewport({ ratio: 0.9 });
    await page.keyboard.press('ArrowDown');
    await expect(secondRow.first()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focusedTile = page.locator('.tile:focus');
    await expect(focusedTile).toBeInViewport({ ratio: 0.9 });
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(firstRow.nth(6)).toBeFocused();
    await expect(firstRow.nth(6)).toHaveAttribute('data-focused', 'true');
    // Resting on a tile makes it the hero: its name and synopsis over its art, Play for it.
    const rested = (await firstRow.nth(6).getAttribute('aria-label'))!;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(rested);
    expect(await scrollbars(page)).toEqual([]);
    await page.screenshot({ path: `test-results/screens/nav-home-${size.width}.png`, animations: 'disabled' });

    // Up to the hero (its Play, then More info beside it), then the top bar; Settings opens with
    // Enter and Back returns focus there.
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(page.locator('.topbar button:focus')).toHaveCount(1);
    const settings = page.getByRole('button', { name: 'Settings' });
    for (let i = 0; i < 3 && !(await settings.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('ArrowRight');
    }
    await expect(settings).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    // Focus lands on the first section as Settings opens (wait for it, as a person's eyes would).
    await expect(page.getByRole('tab', { name: 'Account' })).toBeFocused();
    // Settings in sections: Down walks the column, Enter goes into the section's panel.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('tab', { name: 'Devices' })).toBeFocused();
    expect(await scrollbars(page)).toEqual([]);
    await page.screenshot({ path: `test-results/screens/nav-settings-${size.width}.png`, animations: 'disabled' });
    await page.keyboard.press('Enter');
    const manage = page.getByRole('button', { name: 'Manage devices' });
    await expect(manage).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Devices' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(manage).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('tab', { name: 'Devices' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(settings).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(firstRow.nth(6)).toBeFocused();
  });
}

/**
 * How much room the focused tile's ring (outline, outline offset, and the tile's zoom) has inside
 * the row that clips it, on each side, in px: negative means the ring is cut off. Also how far the
 * unzoomed tile is from the screen's edges, for the 5% safe area.
 */
async function ringRoom(page: Page) {
  return page.locator('.tile:focus').evaluate((tile) => {
    const list = tile.closest('.row__list')!;
    const r = tile.getBoundingClientRect();
    const scale = r.width / (tile as HTMLElement).offsetWidth;
    const cs = getComputedStyle(tile);
    const ring = (parseFloat(cs.outlineWidth) + parseFloat(cs.outlineOffset)) * scale;
    const clip = list.getBoundingClientRect();
    const item = tile.parentElement!.getBoundingClientRect();
    const unzoomed = { left: item.left + (item.width - item.width / scale) / 2, right: item.right - (item.width - item.width / scale) / 2 };
    return {
      left: r.left - ring - clip.left,
      right: clip.right - (r.right + ring),
      top: r.top - ring - clip.top,
      bottom: clip.bottom - (r.bottom + ring),
      fromLeftEdge: unzoomed.left / window.innerWidth,
      fromRightEdge: (window.innerWidth - unzoomed.right) / window.innerWidth,
    };
  });
}

test('a focused tile shows its whole ring at either end of a row, and stays in the safe area, at every size', async ({ app }) => {
  test.slow(); // three sizes, each walking a whole row
  const { page } = app;
  // No transitions: the zoom and the row's scroll are where they end up when measured.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password').fill(DEMO.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  await page.keyboard.press('Enter');
  const firstRow = page.locator('section.row').nth(0).getByRole('button');
  await expect(firstRow.first()).toBeFocused();
  const count = await firstRow.count();
  const sizes: Array<[string, { width: number; height: number }, boolean]> = [
    ['1280x720', { width: 1280, height: 720 }, false],
    ['1920x1080', { width: 1920, height: 1080 }, false],
    ['Large text at 1280x720', { width: 1280, height: 720 }, true],
  ];
  for (const [name, size, large] of sizes) {
    await page.setViewportSize(size);
    await page.evaluate((on) => {
      if (on) document.documentElement.style.setProperty('font-size', 'calc(clamp(12px, min(1.25vw, 2.2222vh), 48px) * 1.2)');
      else document.documentElement.style.removeProperty('font-size');
    }, large);
    for (let i = 0; i < count; i++) await page.keyboard.press('ArrowLeft');
    await expect(firstRow.first()).toBeFocused();
    for (const end of ['first', 'last'] as const) {
      if (end === 'last') {
        for (let i = 0; i < count; i++) await page.keyboard.press('ArrowRight');
        await expect(firstRow.last()).toBeFocused();
      }
      const room = await ringRoom(page);
      for (const side of ['left', 'right', 'top', 'bottom'] as const) {
        expect(room[side], `${name}, ${end} tile: room for the ring on the ${side}`).toBeGreaterThanOrEqual(-0.5);
      }
      // The tile itself (not its zoom or ring) keeps inside the 5% safe area (to the pixel: a
      // scroll position is whole pixels).
      const safe = 0.05 - 1 / size.width;
      expect(room.fromLeftEdge, `${name}, ${end} tile: left safe area`).toBeGreaterThanOrEqual(safe);
      expect(room.fromRightEdge, `${name}, ${end} tile: right safe area`).toBeGreaterThanOrEqual(safe);
    }
    await page.screenshot({ path: `test-results/screens/row-end-ring-${name.replace(/ /g, '-').toLowerCase()}.png`, animations: 'disabled' });
  }
});

test.describe('sign in with nothing but a remote', () => {
  // A short address and password keep the typing quick; the keys are found with the arrows.
  const HOUSE = { email: 'al@x.tv', password: 'pop-7' };
  test.use({ seed: [{ email: HOUSE.email, password: HOUSE.password, profiles: [{ name: 'Al' }] }] });

  test('OK on Email and Password opens the on-screen keyboard; arrows and OK type, Sign in signs in', async ({ app }) => {
    const { page } = app;
    const typeByRemote = async (dialogName: string, text: string) => {
      const dialog = page.getByRole('dialog', { name: dialogName });
      await expect(dialog).toBeVisible();
      const keys = dialog.getByRole('group', { name: 'Keyboard' });
      const names: Record<string, string> = { '@': 'At sign', '.': 'Full stop', '-': 'Hyphen' };
      for (const ch of text) await remote.select(page, keys.getByRole('button', { name: names[ch] ?? ch, exact: true }));
      await page.screenshot({ path: `test-results/screens/sign-in-keyboard-${dialogName.toLowerCase()}.png`, animations: 'disabled' });
      await remote.select(page, dialog.getByRole('button', { name: 'Done' }));
      await expect(dialog).toBeHidden();
    };
    await expect(page.getByLabel('Email')).toBeFocused();
    await page.keyboard.press('Enter');
    await typeByRemote('Email', HOUSE.email);
    await expect(page.getByLabel('Email')).toHaveValue(HOUSE.email);
    // Done on Email goes straight on to the password's keyboard, and Done there to Sign in.
    await typeByRemote('Password', HOUSE.password);
    const signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
    await expect(signInButton).toBeFocused();
    await page.screenshot({ path: 'test-results/screens/sign-in-by-remote.png', animations: 'disabled' });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  });
});
