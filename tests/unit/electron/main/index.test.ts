import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, ipcMain, Menu } from '../../../mocks/electron';
import { BRIDGE_METHODS, invokeChannel } from '../../../../shared/bridge';
import { cleanupDirs, tempDir } from '../core/helpers';

afterAll(() => cleanupDirs());

describe('main entry', async () => {
  const dir = tempDir();
  const calls: string[] = [];
  const setPath = app.setPath.bind(app);
  vi.spyOn(app, 'setPath').mockImplementation((name: string, value: string) => {
    calls.push(`setPath ${name}`);
    setPath(name, value);
  });
  vi.spyOn(app, 'requestSingleInstanceLock').mockImplementation(() => {
    calls.push('requestSingleInstanceLock');
    return true;
  });
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  app.commandLine.switches.set('user-data-dir', dir);
  app.commandLine.switches.set('kiosk', '');
  app.commandLine.switches.set('server-url', 'http://127.0.0.1:9');
  await import('../../../../electron/main/index');
  await vi.waitFor(() => expect(BrowserWindow.getAllWindows()).toHaveLength(1));
  const win = BrowserWindow.getAllWindows()[0]!;

  it('moves userData before taking the single-instance lock, so each data folder has its own store, log and lock', () => {
    expect(calls).toEqual(['setPath userData', 'requestSingleInstanceLock']);
    expect(app.getPath('userData')).toBe(dir);
  });

  it('opens one fullscreen kiosk window without devtools or menu when started with --kiosk', () => {
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true, webPreferences: { devTools: false, sandbox: true, contextIsolation: true } });
    expect(win.isKiosk()).toBe(true);
    expect(Menu.getApplicationMenu()).toBeNull();
    expect(win.webContents.pressKey({ key: 'F5' })).toBe(true);
  });

  it('serves every bridge verb over IPC', () => {
    for (const m of BRIDGE_METHODS) expect(ipcMain.handlers.has(invokeChannel(m))).toBe(true);
  });

  it('writes its log with electron-log to logs/main.log in userData', () => {
    const log = readFileSync(join(dir, 'logs', 'main.log'), 'utf8');
    expect(log).toMatch(/ info \[main\] started .*"kiosk":\{"enabled":true,"source":"flag"/);
  });

  it('reloads the window when its renderer crashes, and logs it', () => {
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(win.webContents.reloads).toBe(1);
    expect(readFileSync(join(dir, 'logs', 'main.log'), 'utf8')).toContain('recovery: renderer gone; reloading the window');
  });

  it('focuses the running window on a second launch', () => {
    const focus = vi.spyOn(win, 'focus');
    app.emit('second-instance');
    expect(focus).toHaveBeenCalled();
  });
});
