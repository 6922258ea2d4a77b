/**
 * Browse and play with the keyboard alone, in real Chromium: Search with the on-screen keyboard,
 * the results grid, the title page, the mock player (seek, Back), Resume, and Back all the way to
 * Home with Continue Watching updated. Screenshots at 1280x720 and 1920x1080 for a person to check.
 */
import type { Page } from '@playwright/test';
import { DEMO, expect, scrollbars, test, signIn, shot } from './fixtures';

/**
 * The title page's actions: no button's label wraps, no button sits alone on a second line, every
 * button lies inside the 5% safe area, and the focused one's ring is on screen whole.
 */
async function expectActionsWhole(page: Page, viewport: { width: number; height: number }): Promise<void> {
  const boxes = await page.getByRole('group', { name: 'Actions' }).getByRole('button').evaluateAll((buttons) =>
    buttons.map((b) => {
      const r = b.getBoundingClientRect();
      const cs = getComputedStyle(b);
      const ring = b === document.activeElement ? parseFloat(cs.outlineWidth) + parseFloat(cs.outlineOffset) : 0;
      const label = b.querySelector('span:last-child') ?? b;
      const lines = Math.round(label.getBoundingClientRect().height / parseFloat(getComputedStyle(label).lineHeight || '0'));
      // The middle, not the top: the focused button is zoomed about its middle.
      return { name: b.textContent, top: Math.round((r.top + r.bottom) / 2), left: r.left, right: r.right, bottom: r.bottom, ring, lines };
    }),
  );
  const safeX = viewport.width * 0.05;
  const safeY = viewport.height * 0.05;
  for (const b of boxes) {
    expect(b.lines, `${b.name} on one line`).toBe(1);
    expect(b.left, `${b.name} inside the safe area`).toBeGreaterThanOrEqual(safeX - 0.5);
    expect(b.right, `${b.name} inside the safe area`).toBeLessThanOrEqual(viewport.width - safeX + 0.5);
    expect(b.bottom, `${b.name} inside the safe area`).toBeLessThanOrEqual(viewport.height - safeY + 0.5);
    expect(b.left - b.ring, `${b.name}'s ring on screen`).toBeGreaterThanOrEqual(0);
    expect(b.right + b.ring, `${b.name}'s ring on screen`).toBeLessThanOrEqual(viewport.width);
  }
  expect(new Set(boxes.map((b) => b.top)).size, 'the actions share one row').toBe(1);
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test.describe(`${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('search, open, play, seek, go back: Resume and Continue Watching follow', async ({ app }) => {
      const { page } = app;
      const size = `${viewport.width}x${viewport.height}`;
      await signIn(page);
      const first = page.getByRole('button', { name: DEMO.profiles[0], exact: true });
      await expect(first).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();

      // "/" opens Search, focus on the keyboard's first key; arrows walk the keys.
      const opener = page.locator(':focus');
      const openerName = await opener.getAttribute('aria-label');
      await page.keyboard.press('/');
      const keyboard = page.getByRole('group', { name: 'Keyboard' });
      await expect(keyboard.getByRole('button', { name: 'a', exact: true })).toBeFocused();
      await expect(page.getByText('Type a title with the keyboard')).toBeVisible();
      await shot(page, `search-empty-${size}`);
      await page.keyboard.press('ArrowRight');
      await expect(keyboard.getByRole('button', { name: 'b', exact: true })).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(keyboard.getByRole('button', { name: 'h', exact: true })).toBeFocused();
      // Enter presses the focused key; a physical keyboard types too.
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Enter');
      const field = page.getByRole('searchbox', { name: 'Search titles' });
      await expect(field).toHaveValue('g');
      await page.keyboard.type('lass harbor');
      await expect(field).toHaveValue('glass harbor');
      const result = page.getByRole('region', { name: 'Results' }).getByRole('button', { name: 'Glass Harbor' });
      await expect(result).toBeVisible();
      // Right from the keyboard's last column reaches the results.
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
      await expect(result).toBeFocused();
      expect(await scrollbars(page)).toEqual([]);
      await shot(page, `search-results-${size}`);

      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: 'Glass Harbor', level: 1 })).toBeVisible();
      await expect(page.getByText('2 h 11 min')).toBeVisible();
      const play = page.getByRole('button', { name: 'Play', exact: true });
      await expect(play).toBeFocused();
      expect(await scrollbars(page)).toEqual([]);
      await shot(page, `title-${size}`);

      await page.keyboard.press('Enter');
      const slider = page.getByRole('slider', { name: 'Playback position' });
      await expect(slider).toBeAttached();
      await page.keyboard.press('Enter'); // pause, so the numbers below are exact
      await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
      // The runtime is the video's: 2:11:00 rounded up to whole 3.2 s segments.
      await expect(slider).toHaveAttribute('aria-valuetext', /^1:0\d of 2:11:0\d$/);
      expect(await scrollbars(page)).toEqual([]);
      await shot(page, `player-${size}`);

      await page.keyboard.press('Escape');
      const resume = page.getByRole('button', { name: 'Resume' });
      await expect(resume).toBeFocused();
      await expect(resume).toHaveAccessibleDescription('2 h 10 min left');
      await expect(page.getByRole('button', { name: 'Play from the beginning' })).toBeVisible();
      await shot(page, `title-resume-${size}`);
      if (viewport.width === 1280) {
        // At the Large text size (what Settings → Display → Large sets on the root), the title
        // page's actions still sit whole on their row, inside the 5% safe area, rings and all.
        await page.evaluate(() => document.documentElement.style.setProperty('font-size', 'calc(clamp(12px, min(1.25vw, 2.2222vh), 48px) * 1.2)'));
        await expectActionsWhole(page, viewport);
        await shot(page, `title-resume-large-${size}`);
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        await expect(page.getByRole('button', { name: 'Add to My List' })).toBeFocused();
        await expectActionsWhole(page, viewport);
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('ArrowLeft');
        await expect(resume).toBeFocused();
        await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
      }

      // Back to the results (focus on the tile), then Home (focus where it was before "/").
      await page.keyboard.press('Escape');
      await expect(result).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('region', { name: 'Trending Now' }).getByRole('button', { name: openerName ?? '' })).toBeFocused();
      const continueRow = page.getByRole('region', { name: 'Continue Watching' });
      await expect(continueRow.getByRole('button', { name: 'Glass Harbor' })).toBeVisible();
    });
  });
}
