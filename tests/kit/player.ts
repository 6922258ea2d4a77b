/**
 * Reads Couchside's player the way a tester would trust: the <video> element itself (position,
 * duration, paused, readyState), and what the screen shows a viewer (the "Loading…" status, the
 * "Picture quality" note, the subtitles drawn on screen with their `lang`, and the languages the
 * "Subtitles & audio" button says are in use). No app internals, no test hooks in the app.
 *
 *   import { playerState, waitForPlaying } from '../kit/player';
 *   await waitForPlaying(page);                          // a frame decoded and the position moving
 *   const { position, rendition, subtitles } = await playerState(page);
 *   await expect.poll(async () => (await playerState(page)).rendition).toBe('240p');
 */
import { expect, type Page } from '@playwright/test';

/** The player as a viewer (and the <video>) sees it now. */
export interface PlayerState {
  /** The <video>'s currentTime, seconds from the title's start. */
  position: number;
  /** The <video>'s duration (the stream's length), or null before its metadata. */
  duration: number | null;
  /** The <video> is paused. */
  paused: boolean;
  /** The <video>'s readyState: 2 (HAVE_CURRENT_DATA) and up means a frame is there to show. */
  readyState: number;
  /**
   * Where the media buffered around the position ends, in seconds from the title's start (the
   * position itself when nothing is buffered there). hls.js buffers far ahead on a fast link (up
   * to 60 MB: minutes of a low rendition), so a test that wants fresh segments seeks past this.
   */
  bufferedUntil: number;
  /** "Loading…" is on screen (the buffer is empty). */
  buffering: boolean;
  /** The rendition the "Picture quality" note shows ("540p"), or null while there is none. */
  rendition: string | null;
  /** The subtitle text drawn on screen now (its `lang`, its lines joined by a newline), or null. */
  subtitles: { language: string; text: string } | null;
  /** The subtitles in use as the "Subtitles & audio" button describes them ("Français", "Off"), or null before the tracks are known. */
  subtitleTrack: string | null;
  /** The audio in use as the "Subtitles & audio" button describes it ("English"), or null before the tracks are known. */
  audio: string | null;
  /** An error the player shows (its alert's text), or null. */
  problem: string | null;
}

/** The player's <video>, inside its screen ("Playing Glass Harbor"). */
const PLAYER_VIDEO = '[aria-label^="Playing "] video';

/** Throws unless a player is on screen (its <video> is in the page): `waitForPlaying` first, or `page.locator(…).waitFor()`. */
export async function playerState(page: Page): Promise<PlayerState> {
  return page.evaluate(() => {
    const player = document.querySelector<HTMLElement>('[aria-label^="Playing "]');
    const video = player?.querySelector('video');
    if (!player || !video) throw new Error('playerState: no player on screen (no "Playing …" screen with a <video>)');
    const loading = player.querySelector('[role="status"][aria-label="Loading"]');
    const note = player.querySelector('[role="note"][aria-label="Picture quality"]');
    const drawn = player.querySelector<HTMLElement>('[aria-label="Subtitles"]');
    // The tracks button's description: "Subtitles: Français. Audio: English."
    const button = Array.from(player.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Subtitles & audio');
    const described = (button?.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
    const inUse = /Subtitles: (.+?)\. Audio: (.+?)\./.exec(described);
    const alert = player.querySelector('[role="alert"]');
    let bufferedUntil = video.currentTime;
    for (let i = 0; i < video.buffered.length; i++) {
      // A range counts if it holds the position (a gap under 0.5 s, as the player skips, is no gap).
      if (video.buffered.start(i) <= bufferedUntil + 0.5 && video.buffered.end(i) > bufferedUntil) bufferedUntil = video.buffered.end(i);
    }
    return {
      position: video.currentTime,
      duration: Number.isFinite(video.duration) ? video.duration : null,
      paused: video.paused,
      readyState: video.readyState,
      bufferedUntil,
      buffering: loading !== null,
      rendition: note?.textContent?.trim() || null,
      subtitles: drawn
        ? {
            language: drawn.getAttribute('lang') ?? '',
            text: Array.from(drawn.querySelectorAll('p'))
              .map((p) => p.textContent ?? '')
              .join('\n'),
          }
        : null,
      subtitleTrack: inUse?.[1] ?? null,
      audio: inUse?.[2] ?? null,
      problem: alert?.textContent?.trim() || null,
    };
  });
}

/**
 * Waits until the player really plays: a frame decoded (readyState 2+), "Loading…" gone, and the
 * position moving on from where it was first seen. `timeout` covers a first play, which waits
 * while the service makes the title's media (default 30 s). Resolves to the state then.
 */
export async function waitForPlaying(page: Page, opts: { timeout?: number } = {}): Promise<PlayerState> {
  const timeout = opts.timeout ?? 30_000;
  // The player opens (its code arrives as a chunk of its own the first time).
  await page.locator(PLAYER_VIDEO).waitFor({ state: 'attached', timeout });
  await expect.poll(async () => (await playerState(page)).readyState, { timeout, message: 'the video has a frame to show' }).toBeGreaterThanOrEqual(2);
  const from = (await playerState(page)).position;
  await expect
    .poll(async () => (await playerState(page)).position, { timeout, message: `the position moves on from ${from.toFixed(2)} s` })
    .toBeGreaterThan(from + 0.2);
  await expect.poll(async () => (await playerState(page)).buffering, { timeout, message: '"Loading…" is gone' }).toBe(false);
  return playerState(page);
}
