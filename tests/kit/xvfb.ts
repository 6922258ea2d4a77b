/**
 * A virtual X display for headed browsers and apps in tests (Xvfb on a free display number), and
 * full-screen screenshots of it: the whole X root window, browser UI and all, not just a page.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A running Xvfb server. */
export interface Xvfb {
  /** The DISPLAY value, e.g. ":12". */
  display: string;
  width: number;
  height: number;
  /** Stops the server (SIGTERM, then SIGKILL after 2 s). */
  stop(): Promise<void>;
}

/** True when `cmd` is on PATH. */
export function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v "${cmd}"`], { stdio: 'ignore' }).status === 0;
}

/** Why no Xvfb can be started here (null when it can). */
export function xvfbMissing(): string | null {
  return hasCommand('Xvfb') ? null : 'Xvfb is not installed (apt-get install -y xvfb)';
}

/**
 * Why no full-screen X screenshot can be taken here (null when it can). ImageMagick is required
 * (its `import` command proves the real one is there, not just something called `convert`);
 * xwd (x11-apps) is used when present.
 */
export function screenshotToolMissing(): string | null {
  return hasCommand('import') ? null : 'ImageMagick is not installed (apt-get install -y imagemagick x11-apps)';
}

/** Starts Xvfb on a display number it picks itself (-displayfd: no race between parallel workers). */
export async function startXvfb(opts: { width?: number; height?: number; authFile?: string } = {}): Promise<Xvfb> {
  const width = opts.width ?? 1280;
  const height = opts.height ?? 720;
  // RANDR (on by default in Debian's Xvfb; asked for anyway) lets tests change the screen's size.
  // With authFile, only clients holding a cookie from that Xauthority file get in (as under xinit).
  const auth = opts.authFile ? ['-auth', opts.authFile] : [];
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '+extension', 'RANDR', ...auth, '-nolisten', 'tcp', '-noreset'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const number = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`Xvfb did not report a display within 10 s. ${stderr}`)), 10_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const fd3 = child.stdio[3] as NodeJS.ReadableStream | null;
    fd3?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(\d+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('error', (err) => fail(err));
    child.once('exit', (code) => fail(new Error(`Xvfb exited (${code}) before it was ready. ${stderr}`)));
  });
  child.removeAllListeners('exit');
  return { display: `:${number}`, width, height, stop: () => stopProcess(child) };
}

/** The window manager tests use: matchbox, the small one made for kiosks (it honours fullscreen requests). */
export const WINDOW_MANAGER = 'matchbox-window-manager';

/** Why no window manager can be started here (null when it can). */
export function windowManagerMissing(): string | null {
  return hasCommand(WINDOW_MANAGER) ? null : `no window manager (apt-get install -y ${WINDOW_MANAGER})`;
}

/**
 * Starts a window manager on `display`, as a desktop or kiosk session has one: without any,
 * nobody applies a window's fullscreen request and Chromium's kiosk window stays at its default
 * size in a corner. Resolves once the manager has announced itself (or after 2 s without xprop).
 */
export async function startWindowManager(display: string): Promise<{ stop(): Promise<void> }> {
  const child = spawn(WINDOW_MANAGER, ['-display', display], { stdio: 'ignore' });
  const failed = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${WINDOW_MANAGER} exited (${code})`)));
  });
  const ready = (async () => {
    const deadline = Date.now() + (hasCommand('xprop') ? 5000 : 0);
    while (Date.now() < deadline) {
      const r = spawnSync('xprop', ['-display', display, '-root', '_NET_SUPPORTING_WM_CHECK'], { encoding: 'utf8' });
      if (/window id/.test(r.stdout)) return;
      await new Promise((res) => setTimeout(res, 100));
    }
    if (!hasCommand('xprop')) await new Promise((res) => setTimeout(res, 2000));
  })();
  try {
    await Promise.race([ready, failed]);
  } catch (err) {
    await stopProcess(child);
    throw err;
  }
  child.removeAllListeners('exit');
  failed.catch(() => {});
  return { stop: () => stopProcess(child) };
}

/** Why the X screen's size cannot be changed here, nor windows and colours read and set (null when it can). */
export function xToolsMissing(): string | null {
  if (!hasCommand('xrandr') || !hasCommand('xsetroot')) return 'xrandr/xsetroot are not installed (apt-get install -y x11-xserver-utils)';
  if (!hasCommand('xwininfo')) return 'xwininfo is not installed (apt-get install -y x11-utils)';
  return null;
}

/** A window as xwininfo sees it: absolute position on the screen, size, and whether it is shown. */
export interface WindowInfo {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  viewable: boolean;
}

/** `xwininfo -id` for one window (absolute position, size, map state). */
export function windowInfo(display: string, id: string): WindowInfo {
  const r = spawnSync('xwininfo', ['-display', display, '-id', id], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`xwininfo -id ${id} failed: ${r.stderr}`);
  const num = (label: string) => Number(new RegExp(`${label}:\\s+(-?\\d+)`).exec(r.stdout)?.[1]);
  return {
    id,
    x: num('Absolute upper-left X'),
    y: num('Absolute upper-left Y'),
    width: num('Width'),
    height: num('Height'),
    viewable: /Map State:\s+IsViewable/.test(r.stdout),
  };
}

/** The shown windows of WM_CLASS class `className` anywhere in the window tree (`xwininfo -root -tree`), top-level or inside a manager's frame. */
export function viewableWindows(display: string, className: string): WindowInfo[] {
  const r = spawnSync('xwininfo', ['-display', display, '-root', '-tree'], { encoding: 'latin1' });
  if (r.status !== 0) throw new Error(`xwininfo -root -tree failed: ${r.stderr}`);
  const ids = r.stdout
    .split('\n')
    .filter((line) => line.includes(`"${className}")`))
    .map((line) => /^\s*(0x[0-9a-f]+)\s/.exec(line)?.[1])
    .filter((id): id is string => !!id);
  return ids.map((id) => windowInfo(display, id)).filter((w) => w.viewable);
}

/**
 * Changes the X screen's size the way a monitor change would, through RANDR: Xvfb's one output
 * ("screen") gets a mode of that size and switches to it; the screen follows. Xvfb cannot grow
 * past the size it started with (RANDR's maximum), so start it at the largest size a test needs.
 */
export function setScreenSize(display: string, width: number, height: number): void {
  const xrandr = (...args: string[]) => spawnSync('xrandr', ['-display', display, ...args], { encoding: 'utf8' });
  const output = /^(\S+) connected/m.exec(xrandr('--query').stdout)?.[1];
  if (!output) throw new Error(`xrandr shows no connected output on ${display}`);
  const name = `${width}x${height}`;
  if (!new RegExp(`^\\s+${name}\\s`, 'm').test(xrandr('--query').stdout)) {
    // A modeline Xvfb accepts: only the visible size matters to it; 60 Hz timings for the rest.
    const [hTotal, vTotal] = [width + 160, height + 30];
    const clock = ((hTotal * vTotal * 60) / 1e6).toFixed(2);
    const mode = [clock, width, width + 48, width + 80, hTotal, height, height + 3, height + 8, vTotal].map(String);
    for (const args of [['--newmode', name, ...mode, '-hsync', '+vsync'], ['--addmode', output, name]]) {
      const r = xrandr(...args);
      if (r.status !== 0) throw new Error(`xrandr ${args.join(' ')} failed: ${r.stderr}`);
    }
  }
  const r = xrandr('--output', output, '--mode', name);
  if (r.status !== 0) throw new Error(`xrandr --output ${output} --mode ${name} failed: ${r.stderr}`);
}

/** Paints the root window (what shows where no window covers the screen) one solid colour, e.g. '#ff00ff'. */
export function setRootColour(display: string, colour: string): void {
  const r = spawnSync('xsetroot', ['-display', display, '-solid', colour], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`xsetroot failed: ${r.stderr}`);
}

/** How many pixels of the PNG `file` are exactly `colour` ('#ff00ff'), by ImageMagick. */
export async function countColour(file: string, colour: string): Promise<number> {
  const imp = spawn('convert', [file, '-alpha', 'off', '-fill', 'black', '+opaque', colour, '-fill', 'white', '-opaque', colour, '-format', '%[fx:round(mean*w*h)]', 'info:'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const r = await exitOf(imp);
  if (r.code !== 0) throw new Error(`convert failed: ${r.stderr}`);
  return Number(r.stdout.trim());
}

/** Writes a PNG of the whole X screen `display` to `file` (xwd piped to ImageMagick, or ImageMagick's import). */
export async function screenshotDisplay(display: string, file: string): Promise<void> {
  if (hasCommand('xwd')) {
    const r = await pipe(['xwd', '-root', '-silent', '-display', display], ['convert', 'xwd:-', `png:${file}`]);
    if (r.code !== 0) throw new Error(`xwd | convert failed: ${r.stderr}`);
    return;
  }
  const imp = spawn('import', ['-window', 'root', '-display', display, `png:${file}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const r = await exitOf(imp);
  if (r.code !== 0) throw new Error(`import failed: ${r.stderr}`);
}

/** How many distinct colours the X screen shows right now (1 = nothing drawn on it yet). */
export async function screenColours(display: string): Promise<number> {
  const r = hasCommand('xwd')
    ? await pipe(['xwd', '-root', '-silent', '-display', display], ['convert', 'xwd:-', '-format', '%k', 'info:'])
    : await exitOf(spawn('import', ['-window', 'root', '-display', display, '-format', '%k', 'info:'], { stdio: ['ignore', 'pipe', 'pipe'] }));
  return Number(r.stdout.trim()) || 0;
}

/**
 * Waits until something is drawn on the X screen (more than one colour). A browser answers
 * DevTools before its window has shown its first frame, and input sent before that is lost.
 */
export async function waitForPaint(display: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await screenColours(display)) <= 1) {
    if (Date.now() > deadline) throw new Error(`Nothing was drawn on X display ${display} within ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

/** Width and height of a PNG file (from its IHDR chunk). */
export function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file);
  if (buf.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${file} is not a PNG`);
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Ends a child process we started, by its pid: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

type Exit = { code: number | null; stdout: string; stderr: string };

/** Runs `a | b`; the result is b's output, with a non-zero code if either failed. */
async function pipe([aCmd, ...aArgs]: string[], [bCmd, ...bArgs]: string[]): Promise<Exit> {
  const a = spawn(aCmd!, aArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  const b = spawn(bCmd!, bArgs, { stdio: ['pipe', 'pipe', 'pipe'] });
  a.stdout?.pipe(b.stdin!);
  b.stdin?.on('error', () => {});
  const [ra, rb] = await Promise.all([exitOf(a), exitOf(b)]);
  return { code: ra.code !== 0 ? ra.code : rb.code, stdout: rb.stdout, stderr: `${ra.stderr} ${rb.stderr}`.trim() };
}

function exitOf(child: ChildProcess): Promise<Exit> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => {
    child.once('error', (err) => resolve({ code: -1, stdout, stderr: String(err) }));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
