/**
 * The screen fitter against a real X server: Xvfb, with xlogo windows standing in for the kiosk
 * browser (the e2e spec tests/e2e/kiosk-screen.spec.ts does it with Chromium itself). Skips, with
 * the reason, where Xvfb or the X tools are not installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepFittedToScreen, sameRect, x11Display, type ScreenFit } from '../../../../electron/core/screen-fit';
import { X11Connection } from '../../../../electron/core/x11';
import {
  hasCommand,
  setScreenSize,
  startWindowManager,
  startXvfb,
  stopProcess,
  viewableWindows,
  windowInfo,
  windowManagerMissing,
  xToolsMissing,
  xvfbMissing,
} from '../../../kit/xvfb';

describe('x11Display', () => {
  it('is $DISPLAY on Linux when it names a local X display', () => {
    expect(x11Display({ DISPLAY: ':0' }, 'linux')).toBe(':0');
    expect(x11Display({ DISPLAY: ':1.0' }, 'freebsd')).toBe(':1.0');
  });

  it('is null where the browser does not draw through X: Wayland sessions, Windows, macOS, remote or no DISPLAY', () => {
    expect(x11Display({ DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBeNull();
    expect(x11Display({ DISPLAY: ':0' }, 'win32')).toBeNull();
    expect(x11Display({ DISPLAY: ':0' }, 'darwin')).toBeNull();
    expect(x11Display({ DISPLAY: 'localhost:10.0' }, 'linux')).toBeNull();
    expect(x11Display({}, 'linux')).toBeNull();
  });
});

describe('X11Connection.open', () => {
  it('says which socket nobody answers on', async () => {
    // Display numbers this high are not used by Xvfb -displayfd (it starts at 0 and takes the first free one).
    await expect(X11Connection.open(':6553')).rejects.toThrow(/^no X server answers on \/tmp\/.X11-unix\/X6553 \((ECONNREFUSED|ENOENT)\)$/);
  });

  it('refuses a DISPLAY that is not a local X display', async () => {
    await expect(X11Connection.open('localhost:10.0')).rejects.toThrow('DISPLAY "localhost:10.0" is not a local X display');
  });
});

describe('sameRect', () => {
  it('compares position and size', () => {
    expect(sameRect({ x: 0, y: 0, width: 10, height: 5 }, { x: 0, y: 0, width: 10, height: 5 })).toBe(true);
    expect(sameRect({ x: 0, y: 0, width: 10, height: 5 }, { x: 1, y: 0, width: 10, height: 5 })).toBe(false);
    expect(sameRect({ x: 0, y: 0, width: 10, height: 5 }, { x: 0, y: 0, width: 10, height: 6 })).toBe(false);
  });
});

const missing = xvfbMissing() ?? xToolsMissing() ?? (hasCommand('xlogo') && hasCommand('xprop') ? null : 'xlogo/xprop are not installed (apt-get install -y x11-apps x11-utils)');
const SCREEN = { width: 1280, height: 800 };
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An Xvfb for this test (stopped after it). */
async function xvfb(authFile?: string) {
  const x = await startXvfb({ ...SCREEN, authFile });
  cleanups.push(() => x.stop());
  return x;
}

/** Opens an xlogo window at 300x200+10+10 and resolves with its id once it is shown (managed by a window manager or not). */
async function xlogo(display: string): Promise<{ id: string; child: ChildProcess }> {
  const before = new Set(viewableWindows(display, 'XLogo').map((w) => w.id));
  const child = spawn('xlogo', ['-display', display, '-geometry', '300x200+10+10'], { stdio: 'ignore' });
  cleanups.push(() => stopProcess(child));
  const id = await vi.waitFor(
    () => {
      const w = viewableWindows(display, 'XLogo').find((x) => !before.has(x.id));
      if (!w) throw new Error('xlogo is not shown yet');
      return w.id;
    },
    { timeout: 10_000, interval: 50 },
  );
  return { id, child };
}

/** Starts a fitter (closed after the test) and collects its log. */
async function fitter(display: string, match: { window: number } | { pid: number }, env: NodeJS.ProcessEnv = process.env): Promise<{ fit: ScreenFit; log: string[] }> {
  const log: string[] = [];
  const fit = await keepFittedToScreen({ display, match, log: (line) => log.push(line), env });
  cleanups.push(() => fit.close());
  return { fit, log };
}

/** Waits until the window is exactly at `rect` on the screen. */
async function until(display: string, id: string, rect: { x: number; y: number; width: number; height: number }): Promise<void> {
  await vi.waitFor(() => expect(windowInfo(display, id)).toMatchObject(rect), { timeout: 10_000, interval: 50 });
}

describe.skipIf(missing !== null)(`keepFittedToScreen on Xvfb${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('with no window manager, puts the window at +0+0 and the screen size, and again after each screen size change', async () => {
    const x = await xvfb();
    const logo = await xlogo(x.display);
    expect(windowInfo(x.display, logo.id)).toMatchObject({ x: 10, y: 10, width: 300, height: 200 });

    const { log } = await fitter(x.display, { window: Number(logo.id) });
    await until(x.display, logo.id, { x: 0, y: 0, ...SCREEN });
    expect(log[0]).toBe(`Kiosk: no window manager on ${x.display}; keeping the window at the screen's bounds.`);

    setScreenSize(x.display, 1024, 768);
    await until(x.display, logo.id, { x: 0, y: 0, width: 1024, height: 768 });
    setScreenSize(x.display, SCREEN.width, SCREEN.height);
    await until(x.display, logo.id, { x: 0, y: 0, ...SCREEN });
    expect(log.filter((l) => l.startsWith('Kiosk: set window'))).toEqual([
      `Kiosk: set window ${logo.id} from 300x200+10+10 to 1280x800+0+0 on ${x.display}.`,
      `Kiosk: set window ${logo.id} from 1280x800+0+0 to 1024x768+0+0 on ${x.display}.`,
      `Kiosk: set window ${logo.id} from 1024x768+0+0 to 1280x800+0+0 on ${x.display}.`,
    ]);
  });

  it("by process id, fits only that process's shown windows (Chromium marks each with _NET_WM_PID)", async () => {
    const x = await xvfb();
    const ours = await xlogo(x.display);
    const other = await xlogo(x.display);
    const mark = spawnSync('xprop', ['-display', x.display, '-id', ours.id, '-f', '_NET_WM_PID', '32c', '-set', '_NET_WM_PID', String(ours.child.pid)]);
    expect(mark.status).toBe(0);

    const { fit } = await fitter(x.display, { pid: ours.child.pid! });
    await until(x.display, ours.id, { x: 0, y: 0, ...SCREEN });
    await fit.idle();
    expect(windowInfo(x.display, other.id)).toMatchObject({ x: 10, y: 10, width: 300, height: 200 });
  });

  it('puts a fitted window back when something else moves it', async () => {
    const x = await xvfb();
    const logo = await xlogo(x.display);
    await fitter(x.display, { window: Number(logo.id) });
    await until(x.display, logo.id, { x: 0, y: 0, ...SCREEN });
    const other = await X11Connection.open(x.display);
    cleanups.push(() => other.close());
    other.configure(Number(logo.id), { x: 20, y: 20, width: 320, height: 240 });
    await until(x.display, logo.id, { x: 0, y: 0, ...SCREEN });
  });

  const wmMissing = windowManagerMissing();
  it.skipIf(wmMissing !== null)(`with a window manager, leaves the window to it, before and after a screen size change${wmMissing ? ` (skipped: ${wmMissing})` : ''}`, async () => {
    const x = await xvfb();
    const wm = await startWindowManager(x.display);
    cleanups.push(() => wm.stop());
    const logo = await xlogo(x.display);
    // matchbox gives an ordinary window the screen below its title bar.
    const managed = await vi.waitFor(
      () => {
        const w = windowInfo(x.display, logo.id);
        if (w.width !== 1272) throw new Error(`not laid out by the window manager yet: ${JSON.stringify(w)}`);
        return w;
      },
      { timeout: 10_000, interval: 50 },
    );

    const { fit, log } = await fitter(x.display, { window: Number(logo.id) });
    await fit.idle();
    expect(log).toEqual([`Kiosk: a window manager runs on ${x.display}; it keeps the window fullscreen.`]);
    expect(windowInfo(x.display, logo.id)).toEqual(managed);

    setScreenSize(x.display, 1024, 768);
    await until(x.display, logo.id, { x: managed.x, y: managed.y, width: 1024 - 8, height: 768 - 24 });
    await fit.idle();
    expect(log).toHaveLength(1);
  });

  it('opens a display that asks for a cookie with the one in $XAUTHORITY, and says why it cannot without', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'couchside-xauth-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const authFile = join(dir, 'Xauthority');
    const cookie = Buffer.from('0123456789abcdef');
    // Xvfb takes every MIT-MAGIC-COOKIE-1 in its -auth file; the client needs the entry for this host and display.
    writeFileSync(authFile, xauthEntry(hostname(), '', cookie));
    const x = await xvfb(authFile);

    const conn = await X11Connection.open(x.display, { XAUTHORITY: authFile });
    cleanups.push(() => conn.close());
    expect(conn.screenSize).toEqual(SCREEN);
    expect(sameRect(await conn.geometry(conn.root), { x: 0, y: 0, ...SCREEN })).toBe(true);

    writeFileSync(join(dir, 'other'), xauthEntry(hostname(), '', Buffer.from('fedcba9876543210')));
    await expect(X11Connection.open(x.display, { XAUTHORITY: join(dir, 'other') })).rejects.toThrow('the X server refused the connection: Invalid MIT-MAGIC-COOKIE-1 key');
  });
});

/** One FamilyLocal MIT-MAGIC-COOKIE-1 entry of an Xauthority file (an empty `number` stands for any display). */
function xauthEntry(host: string, number: string, cookie: Buffer): Buffer {
  const field = (b: Buffer) => Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  return Buffer.concat([Buffer.from([1, 0]), field(Buffer.from(host)), field(Buffer.from(number)), field(Buffer.from('MIT-MAGIC-COOKIE-1')), field(cookie)]);
}
