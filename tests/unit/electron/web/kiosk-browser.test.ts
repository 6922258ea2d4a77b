import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScreenFit, ScreenFitOptions } from '../../../../electron/core/screen-fit';
import { fitWhileRunning, keepKioskBrowserOpen, kioskArgs, type KioskBrowser } from '../../../../electron/web/kiosk-browser';

const URL = 'http://127.0.0.1:4701/';
let browser: KioskBrowser | null = null;
const children: ChildProcess[] = [];

afterEach(() => {
  browser?.close();
  browser = null;
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill();
});

/** A stand-in browser: a process that lives until killed (or exits at once with `exitAtOnce`). */
function fakeOpen(exitAtOnce = false) {
  return vi.fn(() => {
    // A shell, not Node: three of them start and exit within the test's polling budget on a busy machine.
    const c = exitAtOnce ? spawn('sh', ['-c', 'exit 1'], { stdio: 'ignore' }) : spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(c);
    return c;
  });
}

describe('kiosk browser', () => {
  it('runs Chromium in kiosk mode on the page, with its own profile', () => {
    const args = kioskArgs(URL, '/tmp/profile');
    expect(args).toEqual(expect.arrayContaining(['--kiosk', `--app=${URL}`, '--user-data-dir=/tmp/profile', '--no-first-run']));
  });

  it('reopens the browser when it is closed or crashes, and stops for good on close()', async () => {
    const open = fakeOpen();
    const lines: string[] = [];
    browser = keepKioskBrowserOpen(URL, (l) => lines.push(l), { open, reopenDelayMs: 10 });
    const first = browser!.child!;
    first.kill('SIGTERM');
    await vi.waitFor(() => expect(open).toHaveBeenCalledTimes(2));
    expect(lines).toEqual(['Kiosk: the browser exited (signal SIGTERM); reopening it.']);
    const second = browser!.child!;
    expect(second).not.toBe(first);

    browser!.close('Kiosk: closed.');
    await vi.waitFor(() => expect(second.signalCode).toBe('SIGTERM'));
    await new Promise((r) => setTimeout(r, 50));
    expect(open).toHaveBeenCalledTimes(2);
    expect(lines.at(-1)).toBe('Kiosk: closed.');
  });

  it('gives up, and says so, when the browser keeps exiting at once', async () => {
    const open = fakeOpen(true);
    const lines: string[] = [];
    browser = keepKioskBrowserOpen(URL, (l) => lines.push(l), { open, reopenDelayMs: 10, maxQuickExits: 3 });
    await vi.waitFor(() => expect(lines.at(-1)).toMatch(/keeps exiting at once \(code 1\); not reopening it/));
    expect(open).toHaveBeenCalledTimes(3);
  });

  it('answers null when no browser could be opened', () => {
    expect(keepKioskBrowserOpen(URL, () => {}, { open: () => null })).toBeNull();
  });
});

describe('kiosk browser window on an X display', () => {
  /** A fake fitter: records what it was started with and whether it was closed. */
  function fakeFit(result: 'ok' | Error = 'ok') {
    const started: ScreenFitOptions[] = [];
    const closed = vi.fn();
    const fit = vi.fn(async (opts: ScreenFitOptions): Promise<ScreenFit> => {
      started.push(opts);
      if (result instanceof Error) throw result;
      return { idle: async () => {}, close: closed };
    });
    return { fit, started, closed };
  }

  it("keeps the browser's windows (by its process id) at the screen's bounds until it exits", async () => {
    const child = fakeOpen()();
    const { fit, started, closed } = fakeFit();
    const env = { DISPLAY: ':7', XAUTHORITY: '/tmp/xauth' };
    fitWhileRunning(child, env, () => {}, fit);
    await vi.waitFor(() => expect(fit).toHaveBeenCalledOnce());
    expect(started[0]).toMatchObject({ display: ':7', match: { pid: child.pid }, env });
    await new Promise((r) => setImmediate(r));
    expect(closed).not.toHaveBeenCalled();
    child.kill();
    await vi.waitFor(() => expect(closed).toHaveBeenCalledOnce());
  });

  it('closes the fitter at once when the browser was gone before the fitter was ready', async () => {
    const child = fakeOpen(true)();
    await new Promise((r) => child.once('exit', r));
    const { fit, closed } = fakeFit();
    fitWhileRunning(child, { DISPLAY: ':7' }, () => {}, fit);
    await vi.waitFor(() => expect(closed).toHaveBeenCalledOnce());
  });

  it('leaves fullscreen to the system off X (Wayland, no DISPLAY)', () => {
    const child = fakeOpen()();
    const { fit } = fakeFit();
    fitWhileRunning(child, { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' }, () => {}, fit);
    fitWhileRunning(child, {}, () => {}, fit);
    expect(fit).not.toHaveBeenCalled();
  });

  it('says so when it cannot watch the display', async () => {
    const child = fakeOpen()();
    const lines: string[] = [];
    fitWhileRunning(child, { DISPLAY: ':7' }, (l) => lines.push(l), fakeFit(new Error('the X server did not answer within 5000 ms')).fit);
    await vi.waitFor(() =>
      expect(lines).toEqual(['Kiosk: cannot watch X display :7 (the X server did not answer within 5000 ms); the window manager has to make the browser fullscreen.']),
    );
  });
});

describe('the kiosk browser’s throwaway profile', () => {
  it('is made for the browser and removed when it exits', async () => {
    const { mkdtempSync, writeFileSync, chmodSync, existsSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openKioskBrowser } = await import('../../../../electron/web/kiosk-browser');
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-test-'));
    const exe = join(dir, 'fake-chromium');
    const out = join(dir, 'profile-path');
    // A stand-in Chromium: writes into its profile, says where it is, and exits.
    writeFileSync(
      exe,
      '#!/bin/sh\nfor a in "$@"; do case "$a" in --user-data-dir=*) d="${a#--user-data-dir=}"; echo x > "$d/Local State"; echo "$d" > "$OUT";; esac; done\nsleep 0.3\n',
    );
    chmodSync(exe, 0o755);
    const before = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = exe;
    try {
      const child = openKioskBrowser(URL, () => {}, { env: { PATH: process.env.PATH ?? '', OUT: out } });
      expect(child).not.toBeNull();
      await vi.waitFor(() => expect(existsSync(out)).toBe(true));
      const profile = readFileSync(out, 'utf8').trim();
      expect(profile).toMatch(/couchside-kiosk-/);
      expect(existsSync(join(profile, 'Local State'))).toBe(true);
      await new Promise((done) => child!.once('exit', done));
      await vi.waitFor(() => expect(existsSync(profile)).toBe(false));
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
