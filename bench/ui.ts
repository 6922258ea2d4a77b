/**
 * End to end in the UI: a phone presses "Sign out" on the account page's "Sign out of all devices"
 * confirmation, and a TV (web-host client in Chromium) lands on the sign-in screen. t0 is taken in
 * Node just before the click; the TV's moment is recorded inside the page by a MutationObserver.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { RENDERER_DIR, removeDir, startTestClient, startTestService, type TestClient, type TestService } from '../tests/kit/harness';
import { DEMO_ACCOUNT } from '../server/seed';
import { now } from './lib/clock';
import { median, round } from './lib/stats';

import { CHROMIUM_ARGS, CHROMIUM_PATH as CHROMIUM } from '../tests/kit/chromium';

export { CHROMIUM };
const STEP_TIMEOUT_MS = 15_000;

export interface UiRun {
  /** Click on "Sign out" (Node clock) to the TV's "Sign in" heading appearing (page clock). */
  latencyMs: number;
  /** Estimated page clock minus Node clock (ms), best of 3 round trips. */
  clockOffsetMs: number;
  clockRttMs: number;
}

export type UiResult =
  | { skipped: string }
  | { runs: UiRun[]; medianMs: number; minMs: number; maxMs: number; chromium: string; warning?: string };

/** Newest modification time (ms) of the files under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** A warning when the built renderer is older than its sources (the UI figures would be for old code). */
function staleBuildWarning(): string | undefined {
  try {
    const built = statSync(join(RENDERER_DIR, 'index.html')).mtimeMs;
    const sources = Math.max(newestMtime(resolve(RENDERER_DIR, '../../renderer')), statSync(resolve(RENDERER_DIR, '../../shared/bridge.ts')).mtimeMs);
    return sources > built ? 'out/renderer is older than renderer/ sources: the UI ran the last build (run `npm run build` for current code)' : undefined;
  } catch {
    return undefined;
  }
}

/** Runs in the TV page: records when an h1 reading "Sign in" appears. Returns true if it is already there (a bench bug). */
const INSTALL_OBSERVER = `(() => {
  const w = window;
  w.__benchSignInAt = null;
  const present = () => [...document.querySelectorAll('h1')].some((h) => (h.textContent || '').trim() === 'Sign in');
  if (present()) return true;
  const obs = new MutationObserver(() => {
    if (w.__benchSignInAt === null && present()) {
      w.__benchSignInAt = performance.timeOrigin + performance.now();
      obs.disconnect();
    }
  });
  obs.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  return false;
})()`;

/** Runs one step, naming it in the error if it fails. */
async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new Error(`${name}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, { cause: err });
  }
}

async function pageClockOffset(page: Page): Promise<{ offset: number; rtt: number }> {
  let best = { offset: 0, rtt: Infinity };
  for (let i = 0; i < 3; i++) {
    const a = now();
    const theirs = await page.evaluate<number>('performance.timeOrigin + performance.now()');
    const b = now();
    if (b - a < best.rtt) best = { rtt: b - a, offset: theirs - (a + b) / 2 };
  }
  return best;
}

async function signInTv(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.getByLabel('Email').fill(DEMO_ACCOUNT.email);
  await page.getByLabel('Password').fill(DEMO_ACCOUNT.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: "Who's watching?" }).waitFor({ timeout: STEP_TIMEOUT_MS });
}

async function openConfirmOnPhone(page: Page, serviceUrl: string): Promise<void> {
  await page.goto(`${serviceUrl}/account`);
  await page.getByLabel('Email').fill(DEMO_ACCOUNT.email);
  await page.getByLabel('Password').fill(DEMO_ACCOUNT.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Account', exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.getByRole('link', { name: 'Sign out of all devices' }).click();
  await page.getByRole('heading', { name: 'Sign out of all devices' }).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Runs the UI scenario `runs` times; skips (with the reason) when Chromium or the built renderer is missing. */
export async function runUi(runs: number, log: (line: string) => void): Promise<UiResult> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) return { skipped: `no built renderer in ${RENDERER_DIR}: run \`npm run build\` first` };
  if (CHROMIUM && !existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} (CHROMIUM_PATH) does not exist` };
  const { chromium } = await import('playwright-core');

  let browser: Browser | undefined;
  let service: TestService | undefined;
  let client: TestClient | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true, timeout: 60_000 });
    service = await startTestService();
    client = await startTestClient(service.url, { deviceName: 'Bench TV (UI)' });
    const results: UiRun[] = [];
    for (let i = 0; i < runs; i++) {
      const tvContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
      try {
        const tv = await tvContext.newPage();
        const phone = await phoneContext.newPage();
        await step(`run ${i + 1}: signing the TV in`, () => signInTv(tv, client!.url));
        await step(`run ${i + 1}: signing the phone in and opening "Sign out of all devices"`, () => openConfirmOnPhone(phone, service!.url));
        const clock = await pageClockOffset(tv);
        if (await tv.evaluate<boolean>(INSTALL_OBSERVER)) throw new Error(`run ${i + 1}: the TV already shows "Sign in" before the click`);
        const button = phone.getByRole('button', { name: 'Sign out', exact: true });
        await button.waitFor({ timeout: STEP_TIMEOUT_MS });

        const t0 = now();
        await button.click();
        // A function, not a string: the renderer's CSP (no 'unsafe-eval') blocks string predicates.
        const handle = await step(`run ${i + 1}: waiting for the TV to show "Sign in" after the click`, () =>
          tv.waitForFunction(() => (globalThis as { __benchSignInAt?: number | null }).__benchSignInAt, undefined, { timeout: STEP_TIMEOUT_MS }),
        );
        const tvAt = (await handle.jsonValue()) as number;
        await step(`run ${i + 1}: waiting for the phone's confirmation`, () =>
          phone.getByRole('heading', { name: 'Signed out of all devices' }).waitFor({ timeout: STEP_TIMEOUT_MS }),
        );

        const run = { latencyMs: round(tvAt - t0), clockOffsetMs: round(clock.offset, 3), clockRttMs: round(clock.rtt, 3) };
        results.push(run);
        log(`  UI run ${i + 1}/${runs}: ${run.latencyMs} ms (page clock offset ${run.clockOffsetMs} ms, rtt ${run.clockRttMs} ms)`);
      } finally {
        await tvContext.close().catch(() => undefined);
        await phoneContext.close().catch(() => undefined);
      }
    }
    const lat = results.map((r) => r.latencyMs);
    const warning = staleBuildWarning();
    if (warning) log(`  warning: ${warning}`);
    return {
      warning,
      runs: results,
      medianMs: round(median(lat)),
      minMs: round(Math.min(...lat)),
      maxMs: round(Math.max(...lat)),
      chromium: browser.version(),
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await client?.stop().catch(() => undefined);
    if (client) removeDir(client.userDataDir);
    await service?.stop().catch(() => undefined);
  }
}
