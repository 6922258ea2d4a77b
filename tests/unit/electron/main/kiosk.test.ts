import { afterAll, describe, expect, it } from 'vitest';
import { app, BrowserWindow, Menu } from '../../../mocks/electron';
import { KIOSK_CHANGED_CHANNEL, type KioskState } from '../../../../shared/bridge';
import { DEFAULT_DEMO_CREDENTIALS } from '../../../../electron/core/demo-reset';
import { silentLogger } from '../../../../electron/core/log';
import { createClientCore } from '../../../../electron/core/client-core';
import { createServiceAccess } from '../../../../electron/core/service-access';
import { plainVault } from '../../../../electron/core/store';
import { setupKiosk } from '../../../../electron/main/kiosk';
import { sendEventsToWindows } from '../../../../electron/main/session';
import { isEscapeShortcut, type KeyInput } from '../../../../electron/main/kiosk-keys';
import { cleanupDirs, makeDevice } from '../core/helpers';

afterAll(() => cleanupDirs());

const ESCAPES: Array<[string, KeyInput]> = [
  ['Ctrl+R', { key: 'r', code: 'KeyR', control: true }],
  ['Cmd+R', { key: 'r', code: 'KeyR', meta: true }],
  ['Ctrl+Shift+R', { key: 'R', code: 'KeyR', control: true, shift: true }],
  ['F5', { key: 'F5' }],
  ['F11', { key: 'F11' }],
  ['F12', { key: 'F12' }],
  ['Ctrl+Shift+I', { key: 'I', code: 'KeyI', control: true, shift: true }],
  ['Cmd+Option+I', { key: 'i', code: 'KeyI', meta: true, alt: true }],
  ['Ctrl+Shift+J', { key: 'J', code: 'KeyJ', control: true, shift: true }],
  ['Ctrl+Shift+C', { key: 'C', code: 'KeyC', control: true, shift: true }],
  ['Ctrl+W', { key: 'w', code: 'KeyW', control: true }],
  ['Cmd+Q', { key: 'q', code: 'KeyQ', meta: true }],
  ['Alt+F4', { key: 'F4', alt: true }],
  ['Ctrl+N', { key: 'n', code: 'KeyN', control: true }],
  ['Ctrl+T', { key: 't', code: 'KeyT', control: true }],
  ['Alt+Left', { key: 'ArrowLeft', alt: true }],
  ['Alt+Right', { key: 'ArrowRight', alt: true }],
  ['BrowserBack', { key: 'BrowserBack' }],
  ['BrowserForward', { key: 'BrowserForward' }],
  ['Ctrl+R on a Russian layout', { key: 'к', code: 'KeyR', control: true }],
];

const RENDERER_KEYS: Array<[string, KeyInput]> = [
  ['the admin chord Ctrl+Shift+K', { key: 'K', code: 'KeyK', control: true, shift: true }],
  ...['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Enter', 'Escape', 'Backspace', 'Tab', ' '].map(
    (key): [string, KeyInput] => [key, { key }],
  ),
  ...['0', '1', '5', '9'].map((key): [string, KeyInput] => [`digit ${key}`, { key, code: `Digit${key}` }]),
  ['a plain R', { key: 'r', code: 'KeyR' }],
  ['Shift+R', { key: 'R', code: 'KeyR', shift: true }],
  ['Ctrl+C (copy)', { key: 'c', code: 'KeyC', control: true }],
];

describe('isEscapeShortcut', () => {
  it.each(ESCAPES)('blocks %s', (_name, input) => expect(isEscapeShortcut(input)).toBe(true));
  it.each(RENDERER_KEYS)('lets %s through', (_name, input) => expect(isEscapeShortcut(input)).toBe(false));
});

describe('setupKiosk', () => {
  const device = makeDevice('http://127.0.0.1:9');
  // The main process's wiring: the client core's events to the windows, kiosk mode to the windows.
  const core = createClientCore({
    store: device.kv,
    vault: plainVault,
    device: { host: 'electron', version: '0.0.0-test' },
    serverUrl: 'http://127.0.0.1:9',
    demoAccount: DEFAULT_DEMO_CREDENTIALS,
    service: createServiceAccess({ serverUrl: 'http://127.0.0.1:9', control: null, store: device.kv }),
    log: silentLogger,
  });
  sendEventsToWindows(core);
  const defaultMenu = Menu.getApplicationMenu();
  // Whether each window is being kept at the screen's bounds (kiosk-fit.ts; its own tests run it).
  const fitting = new Map<unknown, boolean>();
  setupKiosk(core.kiosk, silentLogger, { apply: (w, on) => void fitting.set(w, on) });
  const controller = core.kiosk;
  const win = new BrowserWindow();
  const kioskEvents = (w: InstanceType<typeof BrowserWindow>) =>
    w.webContents.sent.filter((m) => m.channel === KIOSK_CHANGED_CHANNEL).map((m) => m.args[0] as KioskState);

  it('leaves windows alone while kiosk mode is off', () => {
    expect(win.isKiosk()).toBe(false);
    expect(fitting.get(win)).toBe(false);
    expect(Menu.getApplicationMenu()).toBe(defaultMenu);
    for (const [, input] of ESCAPES) expect(win.webContents.pressKey(input)).toBe(false);
    win.webContents.openDevTools();
    expect(win.webContents.isDevToolsOpened()).toBe(true);
  });

  it('puts every window in fullscreen kiosk, without menu or devtools, as soon as it is turned on', async () => {
    const second = new BrowserWindow();
    expect(await controller.enable('1234')).toMatchObject({ ok: true });
    for (const w of [win, second]) {
      expect(w.isKiosk()).toBe(true);
      expect(w.isFullScreen()).toBe(true);
      expect(fitting.get(w)).toBe(true);
      expect(w.menus.at(-1)).toBeNull();
      expect(kioskEvents(w).at(-1)).toMatchObject({ enabled: true, source: 'setting', pinSet: true });
      expect(JSON.stringify(w.webContents.sent)).not.toMatch(/scrypt/);
    }
    expect(win.webContents.isDevToolsOpened()).toBe(false);
    expect(Menu.getApplicationMenu()).toBeNull();
    second.destroyed = true;
  });

  it('swallows the escape shortcuts in kiosk mode and lets the renderer keys and the admin chord through', () => {
    for (const [name, input] of ESCAPES) expect([name, win.webContents.pressKey(input)]).toEqual([name, true]);
    for (const [name, input] of RENDERER_KEYS) expect([name, win.webContents.pressKey(input)]).toEqual([name, false]);
  });

  it('closes the devtools again whenever they open in kiosk mode', () => {
    win.webContents.openDevTools();
    expect(win.webContents.isDevToolsOpened()).toBe(false);
  });

  it('guards a window created while kiosk mode is on', () => {
    const late = new BrowserWindow();
    expect(late.isKiosk()).toBe(true);
    expect(fitting.get(late)).toBe(true);
    expect(late.isFullScreen()).toBe(true);
    expect(late.webContents.pressKey({ key: 'F5' })).toBe(true);
    late.destroyed = true;
  });

  it('does not let the window close in kiosk mode', () => {
    expect(win.tryClose()).toBe(true);
    expect(win.isDestroyed()).toBe(false);
  });

  it('gives everything back when the admin PIN ends kiosk mode', async () => {
    expect(await controller.exit('1234')).toMatchObject({ ok: true });
    expect(win.isKiosk()).toBe(false);
    expect(win.isFullScreen()).toBe(false);
    expect(fitting.get(win)).toBe(false);
    expect(Menu.getApplicationMenu()).toBe(defaultMenu);
    expect(kioskEvents(win).map((s) => s.enabled)).toEqual([true, false]);
    expect(win.webContents.pressKey({ key: 'F5' })).toBe(false);
    win.webContents.openDevTools();
    expect(win.webContents.isDevToolsOpened()).toBe(true);
  });

  it('lets the window close when the app quits, even in kiosk mode', async () => {
    const w = new BrowserWindow();
    await controller.enable('5678');
    expect(w.tryClose()).toBe(true);
    app.emit('before-quit');
    expect(w.tryClose()).toBe(false);
    expect(w.isDestroyed()).toBe(true);
  });
});
