/**
 * Start-up figures: the renderer's initial JavaScript (what index.html loads before the first
 * screen, gzipped as a server would send it), and cold start to the first screen: a new web host
 * (client core + store) started, a new Chromium page opened on it, until the sign-in heading is
 * on screen. The Electron path is measured where its binary runs (skipped with the reason here).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { findElectronBinary } from '../scripts/lib/electron-binary';
import { RENDERER_DIR, removeDir, ROOT, startTestClient, startTestService, type TestClient, type TestService } from '../tests/kit/harness';
import { now } from './lib/clock';
import { median, round } from './lib/stats';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/kit/chromium';

export interface InitialJs {
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
  bytes: number;
  gzipBytes: number;
}

export interface StartupResult {
  initialJs: InitialJs | { skipped: string };
  web: { runs: number[]; medianMs: number; minMs: number; maxMs: number } | { skipped: string };
  electron: { skipped: string };
}

/** The scripts index.html loads at start (module entry and modulepreloads), with their gzipped sizes. */
export function initialJs(rendererDir: string = RENDERER_DIR): InitialJs | { skipped: string } {
  const index = join(rendererDir, 'index.html');
  if (!existsSync(index)) return { skipped: 'out/renderer/index.html is missing (run `npm run build`)' };
  const html = readFileSync(index, 'utf8');
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
  const files = [...new Set(srcs)].map((src) => {
    const body = readFileSync(resolve(rendererDir, src.replace(/^\.?\//, '')));
    return { file: src, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
  return { files, bytes: files.reduce((a, f) => a + f.bytes, 0), gzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0) };
}

/** Cold start of the web host path, `runs` times: host start + page load to the sign-in heading. */
async function coldStartWeb(runs: number): Promise<StartupResult['web']> {
  if (CHROMIUM_PATH && !existsSync(CHROMIUM_PATH)) return { skipped: `${CHROMIUM_PATH} does not exist` };
  const { chromium } = await import('playwright-core');
  let browser: Browser | undefined;
  let service: TestService | undefined;
  const times: number[] = [];
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true, timeout: 60_000 });
    service = await startTestService();
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      let client: TestClient | undefined;
      try {
        const t0 = now();
        client = await startTestClient(service.url, { deviceName: `Bench TV (start ${i + 1})` });
        const page = await context.newPage();
        await page.goto(client.url);
        await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
        times.push(round(now() - t0, 1));
      } finally {
        await context.close().catch(() => {});
        if (client) {
          await client.stop().catch(() => {});
          removeDir(client.userDataDir);
        }
      }
    }
  } finally {
    await browser?.close().catch(() => {});
    await service?.stop().catch(() => {});
  }
  return { runs: times, medianMs: round(median(times), 1), minMs: Math.min(...times), maxMs: Math.max(...times) };
}

export async function runStartup(runs: number): Promise<StartupResult> {
  const electron = findElectronBinary(ROOT);
  return {
    initialJs: initialJs(),
    web: await coldStartWeb(runs),
    electron: { skipped: electron.ok ? 'not measured yet: needs a display to open the window' : `Electron is not available: ${electron.reason}` },
  };
}

export function printStartup(s: StartupResult | undefined): void {
  if (!s) return;
  console.log('\nStart-up');
  if ('skipped' in s.initialJs) console.log(`  renderer initial JS: skipped: ${s.initialJs.skipped}`);
  else {
    const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
    console.log(`  renderer initial JS: ${kib(s.initialJs.bytes)} (${kib(s.initialJs.gzipBytes)} gzipped) in ${s.initialJs.files.length} file(s)`);
  }
  if ('skipped' in s.web) console.log(`  cold start, web host: skipped: ${s.web.skipped}`);
  else console.log(`  cold start to the sign-in screen, web host + Chromium page (ms): median ${s.web.medianMs}, min ${s.web.minMs}, max ${s.web.maxMs} over ${s.web.runs.length}`);
  console.log(`  cold start, Electron: skipped: ${s.electron.skipped}`);
}
