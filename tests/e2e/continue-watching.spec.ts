/**
 * Continue Watching across two TVs of one household (issue 15, item 7): what one TV watches
 * appears on the other's Home without leaving it, each tile says the time left, and "Remove from
 * Continue Watching" on the title page takes it off both. Screenshots at 1280x720 and 1920x1080.
 */
import type { Page } from '@playwright/test';
import { DEMO, expect, shot, signIn, test } from './fixtures';

const PROFILE = DEMO.profiles[0]!;

async function toHome(page: Page): Promise<void> {
  await signIn(page);
  await page.getByRole('button', { name: PROFILE, exact: true }).click();
  await expect(page.getByRole('region', { name: 'Trending Now' })).toBeVisible();
}

test('one TV watches; the other sees it in Continue Watching with the time left, and removes it', async ({ app }) => {
  const { page: living } = app;
  const bedroomTv = await app.launchAnother({ deviceName: 'Bedroom TV' });
  const bedroom = bedroomTv.page;
  await toHome(living);
  await toHome(bedroom);
  await expect(bedroom.getByRole('region', { name: 'Continue Watching' })).toHaveCount(0);

  // The living room plays the first Trending title for a minute (seeked), then goes back.
  const tile = living.getByRole('region', { name: 'Trending Now' }).getByRole('button').first();
  const name = (await tile.getAttribute('aria-label'))!;
  await tile.click();
  await living.getByRole('button', { name: 'Play', exact: true }).click();
  const slider = living.getByRole('slider', { name: 'Playback position' });
  await expect(slider).toBeAttached();
  await living.keyboard.press('Enter'); // pause
  for (let i = 0; i < 6; i++) await living.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', /^1:0\d of /);
  await living.keyboard.press('Escape');
  await expect(living.getByRole('button', { name: 'Resume' })).toBeFocused();

  // The bedroom TV never left Home: its Continue Watching row arrives by itself.
  const row = bedroom.getByRole('region', { name: 'Continue Watching' });
  const cwTile = row.getByRole('button', { name, exact: true });
  await expect(cwTile).toBeVisible();
  await expect(row.getByText(/min left$/)).toBeVisible();
  await cwTile.focus();
  await shot(bedroom, 'continue-watching-tile-1280x720');
  await bedroom.setViewportSize({ width: 1920, height: 1080 });
  await expect(row.getByText(/min left$/)).toBeVisible();
  await shot(bedroom, 'continue-watching-tile-1920x1080');
  await bedroom.setViewportSize({ width: 1280, height: 720 });

  // Removed on the bedroom TV's title page: Resume becomes Play there, and the row goes on both.
  await cwTile.click();
  const remove = bedroom.getByRole('button', { name: 'Remove from Continue Watching' });
  await expect(remove).toBeVisible();
  await shot(bedroom, 'title-remove-from-continue-watching-1280x720');
  await remove.click();
  await expect(bedroom.getByRole('button', { name: 'Play', exact: true })).toBeFocused();
  await expect(remove).toHaveCount(0);
  await bedroom.keyboard.press('Escape');
  await expect(bedroom.getByRole('region', { name: 'Trending Now' })).toBeVisible();
  await expect(bedroom.getByRole('region', { name: 'Continue Watching' })).toHaveCount(0);

  await living.keyboard.press('Escape');
  await expect(living.getByRole('region', { name: 'Trending Now' })).toBeVisible();
  await expect(living.getByRole('region', { name: 'Continue Watching' })).toHaveCount(0);
});
