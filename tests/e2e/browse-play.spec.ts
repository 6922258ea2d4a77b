/**
 * Browse and play with the keyboard alone, in real Chromium: Search with the on-screen keyboard,
 * the results grid, the title page, the mock player (seek, Back), Resume, and Back all the way to
 * Home with Continue Watching updated. Screenshots at 1280x720 and 1920x1080 for a person to check.
 */
import { DEMO, expect, scrollbars, test, signIn, shot } from './fixtures';

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
      await expect(slider).toHaveAttribute('aria-valuetext', /^1:0\d of 2:11:00$/);
      expect(await scrollbars(page)).toEqual([]);
      await shot(page, `player-${size}`);

      await page.keyboard.press('Escape');
      const resume = page.getByRole('button', { name: 'Resume' });
      await expect(resume).toBeFocused();
      await expect(resume).toHaveAccessibleDescription('2 h 10 min left');
      await expect(page.getByRole('button', { name: 'Play from the beginning' })).toBeVisible();
      await shot(page, `title-resume-${size}`);

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
