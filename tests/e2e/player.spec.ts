/**
 * The real player in Chromium: HLS through hls.js from the host's own origin. Plays a title until
 * the video really runs (currentTime advancing, a frame decoded), shows the rendition, seeks with
 * the arrow key, picks French subtitles in "Subtitles & audio" by remote (drawn above the controls), and Back returns to the
 * title page with Resume. A screenshot for a person to check.
 */
import type { Locator } from '@playwright/test';
import { DEMO, expect, test, signIn, shot } from './fixtures';
import { remote } from '../kit/remote';

/** What the <video> reports (position, readiness, the subtitle tracks showing and their cues). */
const videoState = (video: Locator) =>
  video.evaluate((v: HTMLVideoElement) => ({
    time: v.currentTime,
    ready: v.readyState,
    showing: Array.from(v.textTracks)
      .filter((t) => t.mode !== 'disabled')
      .map((t) => ({ language: t.language, cues: t.activeCues?.length ?? 0 })),
  }));

test('plays real video: rendition, seek, French subtitles by remote, Back to Resume', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page);
  await expect(page.getByRole('button', { name: DEMO.profiles[0], exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('/');
  await page.keyboard.type('glass harbor');
  const result = page.getByRole('region', { name: 'Results' }).getByRole('button', { name: 'Glass Harbor' });
  await remote.select(page, result);
  await expect(page.getByRole('heading', { name: 'Glass Harbor', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');

  // It plays: a decoded frame, and the position moves on (the first play may wait for the encoder).
  const video = page.getByLabel('Glass Harbor video');
  await expect.poll(async () => (await videoState(video)).ready, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const t0 = (await videoState(video)).time;
  await expect.poll(async () => (await videoState(video)).time).toBeGreaterThan(t0 + 0.5);
  await expect(page.getByRole('status', { name: 'Loading' })).toHaveCount(0);
  await expect(page.getByRole('note', { name: 'Picture quality' })).toHaveText(/^\d+p$/);

  // The arrow key seeks 10 s: the video and the slider follow.
  const slider = page.getByRole('slider', { name: 'Playback position', includeHidden: true });
  const before = (await videoState(video)).time;
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await videoState(video)).time).toBeGreaterThanOrEqual(before + 9);
  await expect.poll(async () => Number(await slider.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(Math.floor(before) + 9);
  await expect.poll(async () => (await videoState(video)).ready).toBeGreaterThanOrEqual(2);

  // Pause (the controls stay), then "Subtitles & audio" by remote: French subtitles.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await remote.select(page, page.getByRole('button', { name: 'Subtitles & audio' }));
  const menu = page.getByRole('dialog', { name: 'Subtitles and audio' });
  const subtitles = menu.getByRole('radiogroup', { name: 'Subtitles' });
  await expect(subtitles.getByRole('radio', { name: 'Off' })).toBeFocused();
  await expect(subtitles.getByRole('radio', { name: 'Off' })).toBeChecked();
  await expect(menu.getByRole('radiogroup', { name: 'Audio' }).getByRole('radio')).toHaveCount(2);
  const french = subtitles.getByRole('radio', { name: /^Fran/ });
  await remote.select(page, french);
  await expect(french).toBeChecked();
  await remote.back(page); // closes the menu only
  await expect(menu).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Subtitles & audio' })).toBeFocused();
  await remote.select(page, page.getByRole('button', { name: 'Play', exact: true }));
  await expect.poll(async () => (await videoState(video)).showing).toEqual([{ language: 'fr', cues: 1 }]);
  // The French line is on screen.
  const cue = page.getByLabel('Subtitles', { exact: true });
  await expect(cue).toHaveText(/Glass Harbor — réplique \d+/);
  await expect(cue).toHaveAttribute('lang', 'fr');
  // Paused, the controls stay: the line sits above them (clear of their shade). A cue covers all
  // but the last 0.2 s of each 3.2 s segment; paused in that gap, a 10 s step lands 0.4 s further,
  // inside the next cue.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const phase = (await videoState(video)).time % 3.2;
  if (phase < 0.1 || phase >= 3.1) await page.keyboard.press('ArrowRight');
  await expect(cue).toHaveText(/Glass Harbor — réplique \d+/);
  // (It glides up as the controls come back: measured once it has arrived.)
  const gap = async () => {
    const [line, controls] = [await cue.boundingBox(), await slider.boundingBox()];
    return line && controls ? controls.y - (line.y + line.height) : -1;
  };
  await expect.poll(gap).toBeGreaterThan(0);
  await shot(page, 'player-real-video-fr');

  // Back: the title page, offering Resume.
  await remote.back(page);
  await expect(page.getByRole('button', { name: 'Resume' })).toBeFocused();
});
