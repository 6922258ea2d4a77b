/**
 * Screens per plan, in Chromium with real video. On a Basic plan (one screen, set through the
 * control API) the living-room TV plays; the bedroom TV presses Play and hears "Too many people
 * are using your account right now", naming the living-room TV; it stops that TV's playback by
 * remote and plays, while the living-room TV says its playback was stopped from another device
 * (and stays signed in). Then the account is signed out of all devices mid-film: the bedroom TV
 * is on the sign-in screen at once.
 */
import type { Locator, Page } from '@playwright/test';
import type { CouchsideApp } from '../kit/playwright';
import { remote } from '../kit/remote';
import { DEMO, expect, shot, signIn, test } from './fixtures';

/** Signs in, picks the profile by remote, finds Glass Harbor and presses Play on its page. */
async function pressPlay(tv: CouchsideApp, profile: string): Promise<Page> {
  const page = tv.page;
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page);
  await expect(page.getByRole('button', { name: DEMO.profiles[0], exact: true })).toBeFocused();
  await remote.select(page, page.getByRole('button', { name: profile, exact: true }));
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('/');
  await page.keyboard.type('glass harbor');
  await remote.select(page, page.getByRole('region', { name: 'Results' }).getByRole('button', { name: 'Glass Harbor' }));
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  return page;
}

/** The video plays: a decoded frame, and its position moves on (a first play may wait for the encoder). */
async function expectPlaying(video: Locator): Promise<void> {
  const state = () => video.evaluate((v: HTMLVideoElement) => ({ ready: v.readyState, time: v.currentTime }));
  await expect.poll(async () => (await state()).ready, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const t0 = (await state()).time;
  await expect.poll(async () => (await state()).time, { timeout: 10_000 }).toBeGreaterThan(t0 + 0.5);
}

test('Basic plan: a second TV hits the limit, stops the first and plays; then it is signed out mid-film', async ({ service, launchApp }) => {
  // Two TVs with real video on a 2-core machine, and a title's first play waits for its encode.
  test.setTimeout(180_000);
  expect(await service.control.setPlan(DEMO.email, 'basic')).toMatchObject({ plan: 'Basic', maxStreams: 1 });
  const [living, bedroom] = await Promise.all([launchApp({ deviceName: 'Living room TV' }), launchApp({ deviceName: 'Bedroom TV' })]);

  // The living-room TV plays.
  const livingPage = await pressPlay(living, DEMO.profiles[0]!);
  await expectPlaying(livingPage.getByLabel('Glass Harbor video'));
  await expect.poll(async () => (await service.control.plan(DEMO.email)).streams.map((s) => s.deviceName)).toEqual(['Living room TV']);

  // The bedroom TV presses Play: one too many, and it says who is watching.
  const bedroomPage = await pressPlay(bedroom, DEMO.profiles[1]!);
  const tooMany = bedroomPage.getByRole('dialog', { name: 'Too many people are using your account right now.' });
  await expect(tooMany).toBeVisible({ timeout: 30_000 });
  await expect(tooMany.getByRole('alert')).toHaveText('Too many people are using your account right now.');
  const stopLiving = tooMany.getByRole('button', { name: 'Stop playback on Living room TV' });
  await expect(stopLiving).toBeFocused();
  await expect(tooMany).toContainText(`${DEMO.profiles[0]} · Glass Harbor`);
  // The remote stays in the dialog: Down reaches Back, Up comes back.
  await remote.arrowTo(bedroomPage, tooMany.getByRole('button', { name: 'Back', exact: true }));
  await remote.arrowTo(bedroomPage, stopLiving);
  await shot(bedroomPage, 'plan-limit-too-many');

  // OK: the living-room TV's playback is stopped and the bedroom TV plays.
  await bedroomPage.keyboard.press('Enter');
  await expect(tooMany).toHaveCount(0);
  await expectPlaying(bedroomPage.getByLabel('Glass Harbor video'));
  await expect.poll(async () => (await service.control.plan(DEMO.email)).streams.map((s) => s.deviceName)).toEqual(['Bedroom TV']);

  // The living-room TV hears it on its next segment: said in words, with Back; still signed in.
  const stopped = livingPage.getByRole('alert').filter({ hasText: 'Playback was stopped from another device.' });
  await expect(stopped).toBeVisible({ timeout: 20_000 });
  await expect(stopped.getByRole('button', { name: 'Back', exact: true })).toBeFocused();
  await expect(livingPage.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await shot(livingPage, 'plan-limit-stopped-elsewhere');
  await livingPage.keyboard.press('Enter');
  await expect(livingPage.getByRole('button', { name: 'Resume' })).toBeFocused();
  await expect(livingPage.getByRole('heading', { name: 'Glass Harbor', level: 1 })).toBeVisible();

  // Mid-film, the account is signed out of all devices: the bedroom TV goes to sign-in at once.
  await service.control.revokeAll(DEMO.email);
  for (const page of [bedroomPage, livingPage]) {
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('You were signed out of all devices');
  }
  await shot(bedroomPage, 'plan-limit-signed-out-mid-film');
  await expect.poll(async () => (await service.control.plan(DEMO.email)).streams).toEqual([]);
});
