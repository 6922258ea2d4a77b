/**
 * The Playwright `electron` project's one attempt per run to fetch Electron's binary (with
 * Electron's own installer, scripts/lib/electron-binary.ts): the setup project
 * (tests/e2e/electron-binary.setup.ts) makes it and records the outcome here, so each Electron
 * test that then skips names why the download failed, without trying again.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ElectronBinary } from '../../scripts/lib/electron-binary';
import { ROOT } from './harness';

/** Where the attempt is recorded (beside Playwright's own output, outside the folder it empties). */
export const INSTALL_ATTEMPT_FILE = join(ROOT, 'test-results', 'electron-binary.json');

export function recordInstallAttempt(result: ElectronBinary, file = INSTALL_ATTEMPT_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...result, at: new Date().toISOString() }));
}

/** This run's recorded attempt, or null when none was made. */
export function readInstallAttempt(file = INSTALL_ATTEMPT_FILE): ElectronBinary | null {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<{ ok: boolean; path: string; reason: string }>;
    if (data.ok === true && typeof data.path === 'string') return { ok: true, path: data.path };
    if (data.ok === false && typeof data.reason === 'string') return { ok: false, reason: data.reason };
    return null;
  } catch {
    return null;
  }
}
