/**
 * The log files through electron-log (core/log-file.ts, with electron-log's Node build, the same
 * file transport the Electron app's electron-log/main uses): where lines go and how they read,
 * rotation at 1 MiB, uncaught errors recorded, and the page's errors capped per minute.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import nodeLog from 'electron-log/node';
import { afterAll, describe, expect, it } from 'vitest';
import { configureLogFile, electronLogger, LOG_MAX_BYTES, type ElectronLogLike } from '../../../../electron/core/log-file';
import { MAX_REPORTS_PER_MINUTE, rendererErrorLog } from '../../../../electron/core/renderer-errors';
import { setupWebHostLog, webHostLogFile } from '../../../../electron/web/log';
import { cleanupDirs, tempDir } from './helpers';

afterAll(() => cleanupDirs());

let n = 0;
const fresh = () => (nodeLog as unknown as { create(o: { logId: string }): ElectronLogLike }).create({ logId: `test-${++n}` });

describe('log files', () => {
  it('writes `time level [scope] message {extra}` lines to the file it is given, creating its folder', () => {
    const file = join(tempDir(), 'logs', 'main.log');
    const instance = fresh();
    expect(configureLogFile(instance, file, { console: false })).toBe(file);
    const log = electronLogger(instance, 'main');
    log.info('started', { kiosk: true });
    log.error('boom');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z info \[main\] started \{"kiosk":true\}$/);
    expect(lines[1]).toMatch(/ error \[main\] boom$/);
  });

  it('moves a log past 1 MiB to <name>.old.log and goes on in a fresh file', () => {
    const dir = join(tempDir(), 'logs');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'main.log');
    writeFileSync(file, 'x'.repeat(LOG_MAX_BYTES + 1));
    const instance = fresh();
    configureLogFile(instance, file, { console: false });
    electronLogger(instance, 'main').info('fresh');
    expect(readFileSync(file, 'utf8')).toMatch(/info \[main\] fresh\n$/);
    expect(readFileSync(join(dir, 'main.old.log'), 'utf8').startsWith('x'.repeat(100))).toBe(true);
  });

  it('the web host logs to logs/web-host.log in its user-data dir', () => {
    const dir = tempDir();
    const { log, file } = setupWebHostLog(dir);
    expect(file).toBe(webHostLogFile(dir));
    log.warn('kiosk browser exited; reopening it');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('warn [web-host] kiosk browser exited; reopening it');
  });
});

describe("the page's errors in the host's log", () => {
  const recorder = () => {
    const lines: Array<[string, string, unknown]> = [];
    const log = { info: (m: string, e?: unknown) => lines.push(['info', m, e]), warn: (m: string, e?: unknown) => lines.push(['warn', m, e]), error: (m: string, e?: unknown) => lines.push(['error', m, e]) };
    return { lines, log };
  };

  it('records each with its kind and stack, and ignores what is not a report', () => {
    const { lines, log } = recorder();
    const report = rendererErrorLog(log);
    report({ kind: 'rejection', message: 'TypeError: x is undefined', stack: 'at Home (Home.tsx:3)' });
    report('boom');
    report({ kind: 'nonsense', message: 'x' });
    report({ kind: 'error', message: 42 });
    expect(lines).toEqual([['error', 'renderer: rejection: TypeError: x is undefined', { stack: 'at Home (Home.tsx:3)' }]]);
  });

  it('keeps at most 20 a minute, then says how many it left out', () => {
    const { lines, log } = recorder();
    let t = 0;
    const report = rendererErrorLog(log, () => t);
    for (let i = 0; i < 50; i++) report({ kind: 'error', message: `loop ${i}`, stack: 'x'.repeat(10_000) });
    expect(lines).toHaveLength(MAX_REPORTS_PER_MINUTE);
    expect((lines[0]![2] as { stack: string }).stack).toHaveLength(4_000);
    t = 60_000;
    report({ kind: 'error', message: 'later' });
    expect(lines.slice(-2).map((l) => l[1])).toEqual(['renderer: 30 more error(s) in the last minute were not logged', 'renderer: error: later']);
  });
});
