import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepKioskBrowserOpen, kioskArgs, type KioskBrowser } from '../../../../electron/web/kiosk-browser';

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
    const c = spawn(process.execPath, ['-e', exitAtOnce ? 'process.exit(1)' : 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
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
