/**
 * Setup for the `electron` project, once per run: fetch Electron's binary with Electron's own
 * installer when it is missing (bounded in time). Passes when Electron is there to test; skips,
 * naming the failure, when it could not be had (offline, a network that blocks GitHub). The
 * Electron tests then run, or skip with that same reason.
 */
import { test } from '@playwright/test';
import { ensureElectronBinary, INSTALL_TIMEOUT_MS } from '../../scripts/lib/electron-binary';
import { recordInstallAttempt } from '../kit/electron-install';
import { ROOT } from '../kit/harness';

test('Electron binary: installed, or downloaded now with Electron’s installer', async () => {
  test.setTimeout(INSTALL_TIMEOUT_MS + 30_000);
  const lines: string[] = [];
  const binary = await ensureElectronBinary(ROOT, { log: (line) => lines.push(line) });
  for (const line of lines) console.log(line);
  recordInstallAttempt(binary);
  test.skip(!binary.ok, binary.ok ? '' : `Electron binary not available: ${binary.reason}`);
});
