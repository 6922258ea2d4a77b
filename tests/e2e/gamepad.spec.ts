/**
 * A gamepad in real Chromium. Playwright cannot plug in a pad, so the page gets a virtual one: an
 * init script answers navigator.getGamepads() with a standard-mapping pad whose buttons the test
 * presses and releases; everything after that (polling, key repeat, the arrow keys reaching the
 * spatial navigation and the player, A clicking, B going Back) is the app's own code.
 * Web host only: the virtual pad is injected into a browser page.
 */
import type { Page } from '@playwright/test';
import { DEMO, expect, signIn, test } from '../kit/playwright';

/** Standard mapping: A 0, B 1, D-pad up 12, down 13, left 14, right 15. */
const PAD = { A: 0, B: 1, UP: 12, DOWN: 13, LEFT: 14, RIGHT: 15 } as const;

declare global {
  interface Window {
    __pad: { buttons: boolean[]; axes: number[] };
  }
}

async function plugInPad(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event('gamepadconnected')));
}

/**
 * One press: the button goes down for exactly one of the app's polls and comes up for the next.
 * The app polls the pad once per animation frame (its callback was queued before ours, so it runs
 * first in each frame), so it sees the press and then the release, however slow the machine is;
 * a fixed wall-clock hold could fall between two polls on a busy machine, and the press be lost.
 */
async function tap(page: Page, button: number): Promise<void> {
  await page.evaluate(async (b) => {
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    window.__pad.buttons[b] = true;
    await frame();
    window.__pad.buttons[b] = false;
    await frame();
  }, button);
}

test.skip(({ couchsideTarget }) => couchsideTarget !== 'web', 'The virtual gamepad is injected into a browser page.');

test.beforeEach(async ({ app }) => {
  await app.page.addInitScript(() => {
    window.__pad = { buttons: Array.from({ length: 17 }, () => false), axes: [0, 0, 0, 0] };
    const pad = () => ({
      id: 'Virtual pad (STANDARD GAMEPAD)',
      index: 0,
      connected: true,
      mapping: 'standard',
      timestamp: performance.now(),
      axes: window.__pad.axes,
      buttons: window.__pad.buttons.map((pressed) => ({ pressed, touched: pressed, value: pressed ? 1 : 0 })),
    });
    Object.defineProperty(navigator, 'getGamepads', { value: () => [pad(), null, null, null], configurable: true });
  });
  await app.page.reload();
});

test('the D-pad moves the focus, A selects, B goes back, and in the player the D-pad seeks', async ({ app }) => {
  const { page } = app;
  await signIn(page);
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  await plugInPad(page);

  const alex = page.getByRole('button', { name: DEMO.profiles[0], exact: true });
  const sam = page.getByRole('button', { name: DEMO.profiles[1], exact: true });
  await expect(alex).toBeFocused();
  await tap(page, PAD.RIGHT);
  await expect(sam).toBeFocused();
  await tap(page, PAD.LEFT);
  await expect(alex).toBeFocused();
  await tap(page, PAD.A);
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();

  // Home: down into the rows, A opens the title page, B comes back to the same tile.
  await tap(page, PAD.DOWN);
  await tap(page, PAD.DOWN);
  const tile = page.locator(':focus');
  const tileName = await tile.getAttribute('aria-label');
  expect(tileName).toBeTruthy();
  await tap(page, PAD.A);
  await expect(page.getByRole('heading', { level: 1, name: tileName! })).toBeVisible();
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await expect(play).toBeFocused();

  // The player: the D-pad's Right seeks like the arrow key does.
  await tap(page, PAD.A);
  const position = page.getByRole('slider', { name: 'Playback position' });
  await expect(position).toBeVisible();
  const before = Number(await position.getAttribute('aria-valuenow'));
  await tap(page, PAD.RIGHT);
  await tap(page, PAD.RIGHT);
  await expect.poll(async () => Number(await position.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(before + 20);
  await page.screenshot({ path: 'test-results/screens/gamepad-player.png', animations: 'disabled' });

  // B: out of the player, out of the title page, back on the tile it came from.
  await tap(page, PAD.B);
  await expect(page.getByRole('heading', { level: 1, name: tileName! })).toBeVisible();
  await tap(page, PAD.B);
  // (The title now also leads Continue Watching; the focus is back on the tile that opened it.)
  await expect(page.getByRole('region', { name: 'Continue Watching' }).getByRole('button', { name: tileName! })).toBeVisible();
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', tileName!);
  await expect(page.getByRole('region', { name: 'Continue Watching' }).getByRole('button', { name: tileName! })).not.toBeFocused();
});
