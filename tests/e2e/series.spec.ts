/**
 * A series in Chromium, by remote: its title page offers "Play S1:E1", a season picker and the
 * season's episodes; picking Season 2 and an episode plays it ("S2:E1 · …" under the title), a
 * seek to its last seconds ends it, "Next episode" counts down, and the next episode plays by
 * itself. Screenshots of the title page and of the countdown for a person to check.
 */
import type { Locator } from '@playwright/test';
import { DEMO, expect, test, signIn, shot, scrollbars } from './fixtures';
import { remote } from '../kit/remote';

const videoState = (video: Locator) => video.evaluate((v: HTMLVideoElement) => ({ time: v.currentTime, ready: v.readyState, paused: v.paused }));

test('a series: pick a season, play an episode into the next', async ({ app }) => {
  // The first play waits for the series' encode; the countdown runs its 10 real seconds.
  test.setTimeout(120_000);
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page);
  await expect(page.getByRole('button', { name: DEMO.profiles[0], exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('/');
  await page.keyboard.type('saltwater');
  await remote.select(page, page.getByRole('region', { name: 'Results' }).getByRole('button', { name: 'Saltwater Ledger' }));

  // The title page of a series: "Play S1:E1" has the focus, three seasons, Season 1's episodes.
  await expect(page.getByRole('heading', { name: 'Saltwater Ledger', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play S1:E1' })).toBeFocused();
  await expect(page.getByText('3 seasons')).toBeVisible();
  const seasons = page.getByRole('radiogroup', { name: 'Seasons' });
  await expect(seasons.getByRole('radio')).toHaveCount(3);
  await expect(seasons.getByRole('radio', { name: 'Season 1' })).toBeChecked();
  await expect(page.getByRole('list', { name: 'Season 1 episodes' }).getByRole('listitem')).toHaveCount(8);
  expect(await scrollbars(page)).toEqual([]);
  await shot(page, 'series-title-page');

  // Season 2 by remote, then its first episode.
  await remote.select(page, seasons.getByRole('radio', { name: 'Season 2' }));
  await expect(seasons.getByRole('radio', { name: 'Season 2' })).toBeChecked();
  const season2 = page.getByRole('list', { name: 'Season 2 episodes' });
  await expect(season2.getByRole('listitem')).toHaveCount(8);
  const first = season2.getByRole('button', { name: /^1\. / });
  const second = season2.getByRole('button', { name: /^2\. / });
  const firstName = ((await first.textContent()) ?? '').match(/^1\. (.+?)\d+ min/)![1]!;
  const secondName = ((await second.textContent()) ?? '').match(/^2\. (.+?)\d+ min/)![1]!;
  await remote.select(page, first);

  // It plays, saying which episode.
  const player = page.getByLabel('Playing Saltwater Ledger');
  await expect(player.getByText(`S2:E1 · ${firstName}`, { exact: true })).toBeVisible();
  const video = page.getByLabel('Saltwater Ledger video');
  await expect.poll(async () => (await videoState(video)).ready, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);

  // A seek to its last seconds (the slider takes a click too): it ends, and "Next episode" counts down.
  const slider = page.getByRole('slider', { name: 'Playback position', includeHidden: true });
  await page.mouse.move(10, 10);
  const box = (await slider.boundingBox())!;
  await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
  const countdown = page.getByRole('dialog', { name: /^Next episode in \d+$/ });
  await expect(countdown).toBeVisible({ timeout: 30_000 });
  await expect(countdown.getByText(`S2:E2 · ${secondName}`, { exact: true })).toBeVisible();
  await expect(countdown.getByRole('button', { name: 'Play now' })).toBeFocused();
  await shot(page, 'series-next-episode');

  // No key: the countdown runs out and the next episode plays.
  await expect(countdown).toHaveCount(0, { timeout: 20_000 });
  await expect(player.getByText(`S2:E2 · ${secondName}`, { exact: true })).toBeVisible();
  await expect.poll(async () => (await videoState(video)).ready, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const t0 = (await videoState(video)).time;
  expect(t0).toBeLessThan(60);
  await expect.poll(async () => (await videoState(video)).time).toBeGreaterThan(t0 + 0.5);
  await shot(page, 'series-episode-two');

  // Back: the series' page plays on from the second episode.
  await remote.back(page);
  await expect(page.getByRole('button', { name: /^(Play|Resume) S2:E2$/ })).toBeVisible();
});
