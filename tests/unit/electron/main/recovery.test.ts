import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow } from '../../../mocks/electron';
import nodeLog from 'electron-log/node';
import { configureLogFile, electronLogger, type ElectronLogLike } from '../../../../electron/core/log-file';
import { setupRecovery } from '../../../../electron/main/recovery';
import { cleanupDirs, tempDir } from '../core/helpers';

const dir = tempDir();
const logFile = join(dir, 'logs', 'main.log');
let now = 1_000_000;

vi.spyOn(console, 'log').mockImplementation(() => {});
vi.spyOn(console, 'warn').mockImplementation(() => {});
vi.spyOn(console, 'error').mockImplementation(() => {});
const instance = nodeLog as unknown as ElectronLogLike;
configureLogFile(instance, logFile, { console: false });
setupRecovery(electronLogger(instance, 'main'), { now: () => now });

const logLines = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n') : []);
const crash = (win: InstanceType<typeof BrowserWindow>, reason = 'crashed') =>
  win.webContents.emit('render-process-gone', {}, { reason, exitCode: 139 });

beforeEach(() => {
  app.relaunches = 0;
  app.exits = [];
  writeFileSync(logFile, '');
});
afterEach(() => vi.useRealTimers());
afterAll(() => cleanupDirs());

describe('setupRecovery', () => {
  it('reloads a crashed renderer once and says so in the log', () => {
    const win = new BrowserWindow();
    crash(win);
    expect(win.webContents.reloads).toBe(1);
    expect(app.relaunches).toBe(0);
    const lines = logLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z warn \[main\] recovery: renderer gone; reloading the window \{"reason":"crashed","exitCode":139\}$/);
  });

  it('relaunches the app when the renderer dies again within a minute', () => {
    const win = new BrowserWindow();
    crash(win);
    now += 30_000;
    crash(win, 'oom');
    expect(win.webContents.reloads).toBe(1);
    expect(app.relaunches).toBe(1);
    expect(app.exits).toEqual([0]);
    expect(logLines()[1]).toMatch(/error \[main\] recovery: renderer gone again; relaunching the app \{"reason":"oom",/);
  });

  it('relaunches on the third failure in five minutes, even when they are spaced out', () => {
    const win = new BrowserWindow();
    crash(win);
    now += 90_000;
    crash(win);
    expect(app.relaunches).toBe(0);
    now += 90_000;
    crash(win);
    expect(win.webContents.reloads).toBe(2);
    expect(app.relaunches).toBe(1);
  });

  it('forgets failures older than five minutes', () => {
    const win = new BrowserWindow();
    crash(win);
    now += 4 * 60_000;
    crash(win);
    now += 4 * 60_000;
    crash(win);
    expect(win.webContents.reloads).toBe(3);
    expect(app.relaunches).toBe(0);
  });

  it('ignores a clean exit', () => {
    const win = new BrowserWindow();
    crash(win, 'clean-exit');
    expect(win.webContents.reloads).toBe(0);
    expect(logLines()[0]).toContain('renderer exited cleanly');
  });

  it('gives a hung window 10 seconds, then reloads it in a new process', () => {
    vi.useFakeTimers();
    const win = new BrowserWindow();
    win.emit('unresponsive');
    vi.advanceTimersByTime(9_000);
    expect(win.webContents.reloads).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(win.webContents.forcedCrashes).toBe(1);
    // Our own kill is not counted as another crash: one reload, no relaunch.
    expect(win.webContents.reloads).toBe(1);
    expect(app.relaunches).toBe(0);
    const lines = logLines();
    expect(lines[0]).toMatch(/warn \[main\] recovery: window unresponsive; reloading it if it is still hung in 10 s$/);
    expect(lines[1]).toMatch(/warn \[main\] recovery: renderer hung; reloading the window \{"hungForMs":10000\}$/);
    expect(lines).toHaveLength(2);
  });

  it('does nothing when a hung window comes back within the grace time', () => {
    vi.useFakeTimers();
    const win = new BrowserWindow();
    win.emit('unresponsive');
    vi.advanceTimersByTime(5_000);
    win.emit('responsive');
    vi.advanceTimersByTime(20_000);
    expect(win.webContents.reloads).toBe(0);
    expect(win.webContents.forcedCrashes).toBe(0);
    expect(logLines()[1]).toContain('window responsive again; no reload needed');
  });

  it('relaunches when a reloaded window hangs again soon after', () => {
    vi.useFakeTimers();
    const win = new BrowserWindow();
    crash(win);
    now += 20_000;
    win.emit('unresponsive');
    vi.advanceTimersByTime(10_000);
    expect(app.relaunches).toBe(1);
    expect(logLines().at(-1)).toContain('renderer hung again; relaunching the app');
  });
});
