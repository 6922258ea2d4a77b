/**
 * Playback figures on loopback (issue 14's bench):
 *
 * - Play to first frame: the web host in Chromium, on a title page, Enter on Play until the
 *   <video> presents its first frame (requestVideoFrameCallback; readyState >= 2 with currentTime
 *   moving as the fallback), both read inside the page. The title's media is made first (warm),
 *   and that first play, which waits for ffmpeg, is reported on its own (cold). Median over runs.
 * - Segment throughput per device: the service's 540p segments fetched back to back with each
 *   device's own playback token, one device alone, then several devices at once (each still one
 *   request at a time, as a player fetches): segments/s and MB/s per device and in all.
 *
 * The media lives in a fresh temp folder (not the shared one tests use), removed afterwards.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { API, type PlaybackResponse, type ProfilesResponse, type SignInResponse } from '../shared/api';
import { CATALOG } from '../server/catalog-data';
import { DEMO_ACCOUNT } from '../server/seed';
import { startService, type RunningService } from '../server/service';
import { removeDir, startTestClient, type TestClient } from '../tests/kit/harness';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/kit/chromium';
import { now } from './lib/clock';
import { median, round } from './lib/stats';
import { apiCaller } from './lib/api';

export interface PlaybackBenchOptions {
  /** Warm Play → first frame runs (after the cold one). */
  runs: number;
  /** Segments each device fetches. */
  segments: number;
  /** How many devices fetch at once in the second throughput figure. */
  devices: number;
  log: (line: string) => void;
}

export interface Throughput {
  devices: number;
  segmentsPerDevice: number;
  seconds: number;
  /** Per device (the mean over devices), and for all of them together. */
  perDevice: { segmentsPerS: number; mbPerS: number };
  total: { segmentsPerS: number; mbPerS: number };
}

export interface PlaybackBenchResult {
  title: string;
  firstFrame: { coldMs: number; warmMs: number[]; medianMs: number; minMs: number; maxMs: number; by: string } | { skipped: string };
  throughput: Throughput[];
}

/** The bench's title: one everyone can watch, two hours long. */
const TITLE = CATALOG.find((t) => t.id === 'glass-harbor') ?? CATALOG[0]!;

/**
 * Arms the page (resolves once its listeners are in place, so the press cannot come first): the
 * time of the next Enter keydown (Play) and of the first frame the next player's <video>
 * presents, both in the page's own clock. `firstFrame` then waits for them.
 */
async function armFirstFrame(page: Page, timeoutMs: number): Promise<{ firstFrame: () => Promise<{ pressedAt: number; frameAt: number; by: string }> }> {
  await page.evaluate(`void (window.__benchFirstFrame = (${FIRST_FRAME_SCRIPT})(${timeoutMs}))`);
  return { firstFrame: () => page.evaluate<{ pressedAt: number; frameAt: number; by: string }>('window.__benchFirstFrame') };
}

/** In the page (plain JS: the bench compiles without the DOM's types). */
const FIRST_FRAME_SCRIPT = `(limit) => new Promise((resolve, reject) => {
  let pressedAt = -1;
  const onKey = (e) => {
      if (e.key === 'Enter' && pressedAt < 0) pressedAt = performance.now();
  };
  window.addEventListener('keydown', onKey, { capture: true });
  const timer = setTimeout(() => {
    observer.disconnect();
    reject(new Error('no video frame within ' + limit + ' ms of Play'));
  }, limit);
  let finished = false;
  const finish = (by) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    observer.disconnect();
    window.removeEventListener('keydown', onKey, { capture: true });
    if (pressedAt < 0) reject(new Error('a frame came before Play was pressed'));
    else resolve({ pressedAt, frameAt: performance.now(), by });
  };
  const watch = (video) => {
    observer.disconnect();
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => finish('requestVideoFrameCallback'));
    // Fallback (and a cross-check): a frame there and the clock moving.
    const tick = () => {
      if (finished) return;
      if (video.readyState >= 2 && video.currentTime > 0 && !video.paused) finish('readyState');
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  const observer = new MutationObserver(() => {
    const video = document.querySelector('[aria-label^="Playing "] video');
    if (video) watch(video);
  });
  observer.observe(document.body, { childList: true, subtree: true });
})`;

/** Signs the page in as the demo account, picks its first grown-up profile and opens the bench title's page. */
async function toTitlePage(page: Page): Promise<void> {
  await page.getByLabel('Email').fill(DEMO_ACCOUNT.email);
  await page.getByLabel('Password').fill(DEMO_ACCOUNT.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: "Who's watching?" }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Alex', exact: true }).click();
  await page.getByRole('button', { name: 'Settings' }).waitFor({ timeout: 30_000 });
  await page.keyboard.press('/');
  await page.keyboard.type(TITLE.title.toLowerCase());
  await page.getByRole('region', { name: 'Results' }).getByRole('button', { name: TITLE.title }).click();
  await page.getByRole('heading', { name: TITLE.title, level: 1 }).waitFor({ timeout: 30_000 });
}

/** One Play → first frame, from the title page and back to it. */
async function playOnce(page: Page, timeoutMs: number): Promise<{ ms: number; by: string }> {
  const play = page.getByRole('button', { name: /^(Play|Resume)$/ }).first();
  await play.focus();
  const armed = await armFirstFrame(page, timeoutMs);
  await page.keyboard.press('Enter');
  const { pressedAt, frameAt, by } = await armed.firstFrame();
  // Back to the title page for the next run.
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: TITLE.title, level: 1 }).waitFor({ timeout: 30_000 });
  return { ms: round(frameAt - pressedAt, 1), by };
}

async function firstFrame(serviceUrl: string, runs: number, log: (line: string) => void): Promise<PlaybackBenchResult['firstFrame']> {
  const { chromium } = await import('playwright-core');
  let browser: Browser | undefined;
  let client: TestClient | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true, timeout: 60_000 });
    client = await startTestClient(serviceUrl, { deviceName: 'Bench TV (play)' });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await page.goto(client.url);
    await toTitlePage(page);
    // The first play of the title waits while its media is made.
    const cold = await playOnce(page, 180_000);
    log(`  Play to first frame, first play of the title (makes its media): ${round(cold.ms / 1000, 2)} s`);
    const warm: number[] = [];
    let by = cold.by;
    for (let i = 0; i < runs; i++) {
      const r = await playOnce(page, 60_000);
      warm.push(r.ms);
      by = r.by;
      log(`  Play to first frame, run ${i + 1}/${runs}: ${r.ms} ms`);
    }
    return { coldMs: cold.ms, warmMs: warm, medianMs: round(median(warm), 1), minMs: Math.min(...warm), maxMs: Math.max(...warm), by };
  } finally {
    await browser?.close().catch(() => {});
    if (client) {
      await client.stop().catch(() => {});
      removeDir(client.userDataDir);
    }
  }
}

/** A signed-in device's playback of the bench title: the service's manifest URL (token inside), and how to end it. */
async function devicePlayback(service: RunningService, name: string): Promise<{ manifestUrl: string; end: () => Promise<void> }> {
  const call = apiCaller(service.url);
  const session = await call<SignInResponse>(API.signIn, { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, device: { name, platform: 'bench', appVersion: '0' } });
  const { profiles } = await call<ProfilesResponse>(API.profiles, undefined, session.accessToken);
  const profileId = profiles.find((p) => !p.kids)!.id;
  const playback = await call<PlaybackResponse>(API.playback, { profileId, titleId: TITLE.id }, session.accessToken);
  return {
    manifestUrl: playback.manifestUrl,
    // As a player does when it closes: the stream no longer counts against the plan's screens.
    end: async () => {
      const res = await fetch(service.url + API.playbackStream(playback.streamId), { method: 'DELETE', headers: { authorization: `Bearer ${session.accessToken}` } });
      if (res.status !== 204) throw new Error(`ending the playback of ${name}: HTTP ${res.status} ${await res.text()}`);
    },
  };
}

/**
 * `devices` devices, each fetching `segments` 540p segments one after another, all at once; then
 * each ends its playback, so the next phase's devices fit in the plan's screens.
 */
async function throughput(service: RunningService, devices: number, segments: number): Promise<Throughput> {
  const playbacks = await Promise.all(Array.from({ length: devices }, (_, i) => devicePlayback(service, `Bench segments ${devices}-${i + 1}`)));
  const manifests = playbacks.map((p) => p.manifestUrl);
  const t0 = now();
  const bytes = await Promise.all(
    manifests.map(async (manifest) => {
      let total = 0;
      for (let k = 0; k < segments; k++) {
        const res = await fetch(new URL(`video/540p/${k}.m4s`, manifest));
        if (!res.ok) throw new Error(`segment ${k}: HTTP ${res.status}`);
        total += (await res.arrayBuffer()).byteLength;
      }
      return total;
    }),
  );
  const seconds = (now() - t0) / 1000;
  await Promise.all(playbacks.map((p) => p.end()));
  const all = bytes.reduce((a, b) => a + b, 0);
  const mb = (n: number) => n / 1e6;
  return {
    devices,
    segmentsPerDevice: segments,
    seconds: round(seconds, 2),
    perDevice: { segmentsPerS: round(segments / seconds, 1), mbPerS: round(mb(all / devices) / seconds, 1) },
    total: { segmentsPerS: round((segments * devices) / seconds, 1), mbPerS: round(mb(all) / seconds, 1) },
  };
}

export async function runPlayback(o: PlaybackBenchOptions): Promise<PlaybackBenchResult> {
  const mediaDir = mkdtempSync(join(tmpdir(), 'couchside-media-bench-play-'));
  const service = await startService({ dataDir: null, media: { dir: mediaDir } });
  try {
    const frame = await firstFrame(service.url, o.runs, o.log);
    const results: Throughput[] = [];
    for (const n of [...new Set([1, o.devices])]) {
      const r = await throughput(service, n, o.segments);
      o.log(`  segments, ${n} device(s) at once: ${r.perDevice.segmentsPerS} segments/s and ${r.perDevice.mbPerS} MB/s per device, ${r.total.mbPerS} MB/s in all`);
      results.push(r);
    }
    return { title: TITLE.title, firstFrame: frame, throughput: results };
  } finally {
    await service.close().catch(() => {});
    removeDir(mediaDir);
  }
}

export function printPlayback(p: PlaybackBenchResult | undefined): void {
  if (!p) return;
  console.log(`\nPlayback (loopback, ${p.title})`);
  const f = p.firstFrame;
  if ('skipped' in f) console.log(`  Play to first frame: skipped: ${f.skipped}`);
  else {
    console.log(`  Play to first frame, web host + Chromium, media made (ms): median ${f.medianMs}, min ${f.minMs}, max ${f.maxMs} over ${f.warmMs.length} (by ${f.by})`);
    console.log(`  Play to first frame, first play of the title (includes making its media): ${round(f.coldMs / 1000, 2)} s`);
  }
  for (const t of p.throughput) {
    console.log(
      `  540p segments, ${t.devices} device(s) at once, ${t.segmentsPerDevice} each: ${t.perDevice.segmentsPerS} segments/s, ${t.perDevice.mbPerS} MB/s per device; ${t.total.segmentsPerS} segments/s, ${t.total.mbPerS} MB/s in all`,
    );
  }
}
