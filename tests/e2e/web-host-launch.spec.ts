/**
 * The web host opens only for the browser that got its launch link: the link (printed by
 * `npm start`, opened by the kiosk browser) sets an HttpOnly cookie and leaves a clean address;
 * a reload and a second tab keep working; a browser without the link sees where to find it.
 */
import { expect, shot, test } from './fixtures';

test('the launch link opens Couchside; reload and a second tab work; the bare address says where to find the link @web-only', async ({ launchClient, browser, page }) => {
  const client = await launchClient();
  await page.goto(client.url);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // The token is gone from the address bar (and from history).
  expect(page.url()).toBe(client.host.url);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  const second = await page.context().newPage();
  await second.goto(client.host.url);
  await expect(second.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // The cookie is HttpOnly: the page's scripts cannot read it.
  expect(await page.evaluate(() => document.cookie)).toBe('');

  // Another browser (or any local process) without the link gets no app and no secret.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  const res = await other.goto(client.host.url);
  expect(res?.status()).toBe(403);
  await expect(other.getByRole('heading', { name: 'Open Couchside with its launch link' })).toBeVisible();
  await expect(other.getByText(/npm start/)).toBeVisible();
  await shot(other, 'web-host-needs-launch-link');
  await stranger.close();
});
