/**
 * The kit attaches the main process's log by looking in the app's data folder: run the real main
 * entry on the Electron mock with a temp --user-data-dir and check that what it logs is what the
 * kit finds (so a change of log file name or place cannot silently empty the failure reports).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { app, BrowserWindow } from '../../mocks/electron';
import { findLogFiles } from '../../kit/artifacts';

const dir = mkdtempSync(join(tmpdir(), 'couchside-main-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('finds the log the Electron main process writes in its user-data dir', async () => {
  vi.spyOn(app, 'requestSingleInstanceLock').mockReturnValue(true);
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  app.commandLine.switches.set('user-data-dir', dir);
  app.commandLine.switches.set('server-url', 'http://127.0.0.1:9');
  await import('../../../electron/main/index');
  await vi.waitFor(() => expect(BrowserWindow.getAllWindows()).toHaveLength(1));

  const logs = findLogFiles(dir);
  expect(logs.length).toBeGreaterThan(0);
  await vi.waitFor(() => expect(logs.map((f) => readFileSync(f, 'utf8')).join('')).toMatch(/\bstarted\b/));
});
