import { describe, expect, it, vi } from 'vitest';
import { BrowserWindow } from '../../../mocks/electron';
import type { Logger } from '../../../../electron/core/log';
import type { ScreenFit, ScreenFitOptions } from '../../../../electron/core/screen-fit';
import { createKioskWindowFit, windowId } from '../../../../electron/main/kiosk-fit';

type Win = Parameters<ReturnType<typeof createKioskWindowFit>['apply']>[0];
const asWin = (w: InstanceType<typeof BrowserWindow>) => w as unknown as Win;

/** A fitter factory that records each start and close. */
function fakeFit(error?: Error) {
  const started: ScreenFitOptions[] = [];
  const closes: number[] = [];
  const fit = vi.fn(async (opts: ScreenFitOptions): Promise<ScreenFit> => {
    started.push(opts);
    if (error) throw error;
    const n = started.length;
    return { idle: async () => {}, close: () => void closes.push(n) };
  });
  return { fit, started, closes };
}

function logger() {
  const lines: string[] = [];
  const log: Logger = { info: (m) => void lines.push(`info ${m}`), warn: (m) => void lines.push(`warn ${m}`), error: (m) => void lines.push(`error ${m}`) };
  return { log, lines };
}

const X11 = { env: { DISPLAY: ':0' }, platform: 'linux' as const };

describe('createKioskWindowFit', () => {
  it("keeps a kiosk window (by its X window id) at the screen's bounds while kiosk mode is on, once", async () => {
    const { fit, started, closes } = fakeFit();
    const fitter = createKioskWindowFit(logger().log, { fit, ...X11 });
    const win = new BrowserWindow();
    fitter.apply(asWin(win), true);
    fitter.apply(asWin(win), true);
    expect(fit).toHaveBeenCalledOnce();
    expect(started[0]).toMatchObject({ display: ':0', match: { window: win.nativeHandle.readUInt32LE(0) }, env: X11.env });

    fitter.apply(asWin(win), false);
    await vi.waitFor(() => expect(closes).toEqual([1]));
    fitter.apply(asWin(win), true);
    expect(fit).toHaveBeenCalledTimes(2);
    win.tryClose();
    fitter.apply(asWin(win), true);
    await vi.waitFor(() => expect(closes).toEqual([1, 2]));
    expect(fit).toHaveBeenCalledTimes(2);
  });

  it('passes the fitter log lines on to the log', async () => {
    const { fit, started } = fakeFit();
    const { log, lines } = logger();
    createKioskWindowFit(log, { fit, ...X11 }).apply(asWin(new BrowserWindow()), true);
    started[0]!.log('Kiosk: no window manager on :0');
    expect(lines).toEqual(['info Kiosk: no window manager on :0']);
  });

  it('leaves fullscreen to the system on Windows, macOS and Wayland', () => {
    const { fit } = fakeFit();
    const win = asWin(new BrowserWindow());
    createKioskWindowFit(logger().log, { fit, env: { DISPLAY: ':0' }, platform: 'win32' }).apply(win, true);
    createKioskWindowFit(logger().log, { fit, env: { DISPLAY: ':0' }, platform: 'darwin' }).apply(win, true);
    createKioskWindowFit(logger().log, { fit, env: { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux' }).apply(win, true);
    expect(fit).not.toHaveBeenCalled();
  });

  it('warns when it cannot watch the display, and does not throw', async () => {
    const { fit } = fakeFit(new Error('the X server did not answer within 5000 ms'));
    const { log, lines } = logger();
    createKioskWindowFit(log, { fit, ...X11 }).apply(asWin(new BrowserWindow()), true);
    await vi.waitFor(() =>
      expect(lines).toEqual(['warn kiosk: cannot watch X display :0 (the X server did not answer within 5000 ms); the window manager has to make the window fullscreen']),
    );
  });
});

describe('windowId', () => {
  it('reads the X window id from the native handle, and none from an empty one', () => {
    const handle = Buffer.alloc(8);
    handle.writeUInt32LE(0x3e00007, 0);
    expect(windowId({ getNativeWindowHandle: () => handle })).toBe(0x3e00007);
    expect(windowId({ getNativeWindowHandle: () => Buffer.alloc(8) })).toBeNull();
    expect(windowId({ getNativeWindowHandle: () => Buffer.alloc(0) })).toBeNull();
  });
});
