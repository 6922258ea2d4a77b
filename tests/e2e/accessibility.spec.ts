/**
 * Zero axe violations (WCAG 2.1 A and AA) on every screen at 1280x720, walked as a person would:
 * sign-in, sign in with a code, the profile picker and its PIN dialog, Home, a title page, the
 * player, Search, each Settings section, Devices, Profile locks, Manage profiles and the profile
 * editor, and Sign out of all devices. Each screen is scanned once its content has arrived. The
 * walk is split in four, so each part stays well inside a test's time on a busy machine.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO, expect, shot, signIn, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

/** The violations on the page as "rule: target …" lines, empty when the screen passes. */
async function violations(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  await shot(page, `axe-${screen}`);
  return results.violations.flatMap((v) => v.nodes.map((n) => `${screen}: ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`));
}

// axe reads the colours on screen at the moment it runs: a focus ring or a tab still mid-way
// through its 140 ms colour transition reads as low contrast (black text on a background not yet
// light). Scan the settled look: with reduced motion the transitions take no time.
test.beforeEach(async ({ app }) => {
  await app.page.emulateMedia({ reducedMotion: 'reduce' });
});

const LOCKED = { email: 'locked@couchside.test', password: 'locked-pass-1', profiles: [{ name: 'Robin' }, { name: 'Sam', pin: '1234' }] };
test.use({ seed: [LOCKED] });

/** Signs in to the seeded household and picks Robin: Home with its rows. */
async function toHome(page: Page): Promise<void> {
  await signIn(page, LOCKED.email, LOCKED.password);
  await page.getByRole('button', { name: 'Robin', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Trending Now' })).toBeVisible();
}

test('signed out: sign-in, its error, sign in with a code @web-only', async ({ app }) => {
  const { page } = app;
  const found: string[] = [];
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  found.push(...(await violations(page, 'sign-in')));
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  found.push(...(await violations(page, 'sign-in-error')));
  await page.getByRole('button', { name: 'Sign in with a code' }).click();
  await expect(page.getByText(/^Your code is /)).toBeVisible();
  found.push(...(await violations(page, 'code-sign-in')));
  expect(found).toEqual([]);
});

test('who is watching, the PIN dialog, Home, a title page and the player @web-only', async ({ app }) => {
  const { page } = app;
  const found: string[] = [];
  await signIn(page, LOCKED.email, LOCKED.password);
  await expect(page.getByRole('heading', { name: "Who's watching?" })).toBeVisible();
  found.push(...(await violations(page, 'profile-picker')));
  await page.getByRole('button', { name: 'Sam', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Enter the PIN for Sam' })).toBeVisible();
  found.push(...(await violations(page, 'pin-dialog')));
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Robin', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Trending Now' })).toBeVisible();
  found.push(...(await violations(page, 'home')));

  await page.getByRole('region', { name: 'Trending Now' }).getByRole('button').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  found.push(...(await violations(page, 'title')));
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('slider', { name: 'Playback position' })).toBeVisible();
  found.push(...(await violations(page, 'player')));
  expect(found).toEqual([]);
});

test('Search and each Settings section @web-only', async ({ app }) => {
  const { page } = app;
  const found: string[] = [];
  await toHome(page);
  await page.keyboard.press('/');
  const field = page.getByRole('searchbox', { name: 'Search titles' });
  await expect(field).toBeVisible();
  await field.fill('glass');
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('button').first()).toBeVisible();
  found.push(...(await violations(page, 'search')));
  await page.getByRole('button', { name: 'Back' }).click();

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  for (const tab of ['Account', 'Profiles', 'Devices', 'Playback', 'Display', 'About']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tabpanel', { name: tab })).toBeVisible();
    found.push(...(await violations(page, `settings-${tab.toLowerCase()}`)));
  }
  expect(found).toEqual([]);
});

test('Devices, Profile locks, Manage profiles, the profile editor, Sign out of all devices @web-only', async ({ app }) => {
  const { page } = app;
  const found: string[] = [];
  await toHome(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();

  await page.getByRole('tab', { name: 'Devices' }).click();
  await page.getByRole('button', { name: 'Manage devices' }).click();
  await expect(page.getByRole('list', { name: 'Signed-in devices' })).toBeVisible();
  found.push(...(await violations(page, 'devices')));
  await page.keyboard.press('Escape');

  await page.getByRole('tab', { name: 'Profiles' }).click();
  await page.getByRole('button', { name: 'Profile locks' }).click();
  await expect(page.getByRole('list', { name: 'Profiles' })).toBeVisible();
  found.push(...(await violations(page, 'profile-locks')));
  await page.keyboard.press('Escape');

  await page.getByRole('tab', { name: 'Profiles' }).click();
  await page.getByRole('button', { name: 'Manage profiles' }).click();
  await expect(page.getByRole('heading', { name: 'Manage profiles', level: 1 })).toBeVisible();
  found.push(...(await violations(page, 'manage-profiles')));
  await page.getByRole('button', { name: 'Edit Robin' }).click();
  await expect(page.getByRole('heading', { name: 'Edit Robin' })).toBeVisible();
  found.push(...(await violations(page, 'profile-editor')));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Done' }).click();

  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out of all devices' }).click();
  await expect(page.getByRole('heading', { name: 'Sign out of all devices' })).toBeVisible();
  found.push(...(await violations(page, 'sign-out-all')));
  expect(found).toEqual([]);
});
