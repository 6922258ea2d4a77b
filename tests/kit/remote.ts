/**
 * Drive Couchside like a remote control: arrow keys, Enter and Back only. `arrowTo` walks the
 * focus to an element by pressing the arrow key that points at it (from the on-screen positions
 * of the focused element and the target), the way a person holding a remote would, and fails if
 * the arrows cannot get there — which is exactly the bug a 10-foot UI must not have.
 *
 *   import { remote } from '../kit/remote';
 *   await remote.select(page, page.getByRole('button', { name: 'Sign in with a code' }));
 */
import { expect, type Locator, type Page } from '@playwright/test';

type Arrow = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** The focused element's box, or null when nothing (or <body>) has focus. */
async function focusedBox(page: Page): Promise<Box | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
}

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/** The arrows worth trying from `from` towards `to`, best first. */
function arrowsToward(from: Box | null, to: Box): Arrow[] {
  if (!from) return ['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft'];
  const f = centre(from);
  const t = centre(to);
  const dx = t.x - f.x;
  const dy = t.y - f.y;
  const vertical: Arrow | null = Math.abs(dy) > Math.min(from.height, to.height) / 2 ? (dy > 0 ? 'ArrowDown' : 'ArrowUp') : null;
  const horizontal: Arrow | null = Math.abs(dx) > Math.min(from.width, to.width) / 2 ? (dx > 0 ? 'ArrowRight' : 'ArrowLeft') : null;
  const order: (Arrow | null)[] =
    Math.abs(dy) >= Math.abs(dx) ? [vertical, horizontal] : [horizontal, vertical];
  return order.filter((a): a is Arrow => a !== null);
}

/**
 * Resolves once the page has handled everything sent to it so far and drawn two frames: a key
 * press is a task queued before this evaluation, React commits a focus change from a key event
 * synchronously, and the timeout after the second frame lets any task that frame queued run.
 * So "the focus has not moved" is known from the page's own order of events, not from a guess at
 * how long a busy machine needs.
 */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
}

/** Presses one arrow; true when the focus moved (or its box changed) once the page handled it. */
async function pressAndSettle(page: Page, key: Arrow, before: Box | null): Promise<boolean> {
  await page.keyboard.press(key);
  await settled(page);
  const after = await focusedBox(page);
  if (!after) return before !== null;
  const moved = !before || after.x !== before.x || after.y !== before.y || after.width !== before.width || after.height !== before.height;
  // Let a smooth scroll that follows the focus settle before measuring again.
  if (moved) await page.waitForTimeout(60);
  return moved;
}

/** Moves the focus to `target` with arrow keys only. */
async function arrowTo(page: Page, target: Locator, opts: { maxSteps?: number } = {}): Promise<void> {
  const maxSteps = opts.maxSteps ?? 40;
  await expect(target).toBeVisible();
  for (let step = 0; step < maxSteps; step++) {
    if (await isFocused(target)) return;
    const to = await target.boundingBox();
    if (!to) throw new Error(`remote: ${target.toString()} has no box on screen`);
    const from = await focusedBox(page);
    let moved = false;
    for (const key of arrowsToward(from, to)) {
      if (await pressAndSettle(page, key, from)) {
        moved = true;
        break;
      }
    }
    if (!moved) throw new Error(`remote: the arrow keys cannot move the focus towards ${target.toString()}`);
  }
  throw new Error(`remote: ${target.toString()} not reached in ${maxSteps} arrow presses`);
}

/** Arrows to `target`, then presses Enter (the remote's OK button). */
async function select(page: Page, target: Locator): Promise<void> {
  await arrowTo(page, target);
  await page.keyboard.press('Enter');
}

/** The remote's Back button. */
async function back(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
}

export const remote = { arrowTo, select, back };
