/**
 * Keeps a kiosk window covering the screen on an X server with no window manager (the usual
 * `xinit` kiosk), and after the screen's size changes (RANDR).
 *
 * Why it is needed: Chromium's and Electron's kiosk/fullscreen modes only ask the window manager
 * for _NET_WM_STATE_FULLSCREEN; with none running, the window stays at its default size in a
 * corner (Chromium: 1050x780 at +10+10). Why it is done from outside the browser: Chromium's own
 * ways to size its window (--window-size, the DevTools protocol's Browser.setWindowBounds,
 * Electron's setBounds) all go through its X11 code, which shrinks a window that would be exactly
 * a monitor's size by one pixel each way (so that window managers don't take it for fullscreen):
 * they can get 1279x799 on a 1280x800 screen, never 1280x800. Without a window manager any client
 * may move and resize any window, and Chromium takes the new geometry as given; so this module,
 * a small X client, does that, and hears RANDR's screen change events to do it again. It opens no
 * debugging port and needs no X tools installed.
 *
 * With a window manager (one that says so, EWMH's _NET_SUPPORTING_WM_CHECK) it does nothing: the
 * manager applies fullscreen and follows screen changes itself, and must not be fought.
 */
import { ATOM_CARDINAL, ATOM_WINDOW, EVENT_MASK, X11ClosedError, X11Connection, X11Error, X_EVENT, type RandrInfo, type X11Event } from './x11';
import { kioskRect, parseDisplay, type Rect } from './x11-wire';

/** Which windows to keep on the screen: the shown top-level windows of a process (by _NET_WM_PID), or one window. */
export type WindowMatch = { pid: number } | { window: number };

export interface ScreenFitOptions {
  /** The DISPLAY to watch (see x11Display()). */
  display: string;
  match: WindowMatch;
  log: (line: string) => void;
  /** Where $XAUTHORITY and $HOME are read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** A running fitter. */
export interface ScreenFit {
  /** Resolves once the work queued so far is done (tests). */
  idle(): Promise<void>;
  /** Stops watching and closes the X connection. */
  close(): void;
}

/**
 * The X display a browser started with `env` draws on: $DISPLAY when it names a local display on
 * a platform with X, unless a Wayland session is there too (Chromium and Electron then pick
 * Wayland, whose compositor does fullscreen itself). Null elsewhere (Windows, macOS).
 */
export function x11Display(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32' || platform === 'darwin' || env.WAYLAND_DISPLAY) return null;
  return parseDisplay(env.DISPLAY) ? env.DISPLAY!.trim() : null;
}

/** True when `a` and `b` are the same rectangle. */
export function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** Connects to `display` and keeps the matching windows at the screen's bounds until close(); rejects when it cannot connect. */
export async function keepFittedToScreen(opts: ScreenFitOptions): Promise<ScreenFit> {
  const x = await X11Connection.open(opts.display, opts.env);
  try {
    const atoms = { pid: await x.internAtom('_NET_WM_PID'), wmCheck: await x.internAtom('_NET_SUPPORTING_WM_CHECK') };
    const fitter = new Fitter(x, atoms, await x.randr(), opts);
    fitter.start();
    return fitter;
  } catch (err) {
    x.close();
    throw err;
  }
}

class Fitter implements ScreenFit {
  private queue: Promise<void> = Promise.resolve();
  /** Whether a window manager was there at the last look (null: not looked yet); logged when it changes. */
  private managed: boolean | null = null;
  /** The bounds windows were last fitted to: a ConfigureNotify already showing them needs no look. */
  private target: Rect | null = null;

  constructor(
    private readonly x: X11Connection,
    private readonly atoms: { pid: number; wmCheck: number },
    private readonly randr: RandrInfo | null,
    private readonly opts: ScreenFitOptions,
  ) {}

  /** Listens first, then fits what is already there: no window mapped in between is missed. */
  start(): void {
    this.x.on('event', (e: X11Event) => this.onEvent(e));
    this.x.once('close', () => this.opts.log(`Kiosk: the X display ${this.opts.display} closed; no longer fitting the window to it.`));
    this.x.selectInput(this.x.root, EVENT_MASK.substructureNotify);
    if (this.randr) this.x.selectRandrInput(this.randr);
    this.enqueue(() => this.fitAll());
  }

  idle(): Promise<void> {
    return this.queue;
  }

  close(): void {
    this.x.removeAllListeners('close');
    this.x.close();
  }

  /** A window shown or moved fits that window; a RANDR change (screen size, monitors) fits them all. */
  private onEvent(e: X11Event): void {
    if (e.code === X_EVENT.mapNotify) {
      this.enqueue(() => this.fitOne(e.data.readUInt32LE(8)));
    } else if (e.code === X_EVENT.configureNotify) {
      const now = { x: e.data.readInt16LE(16), y: e.data.readInt16LE(18), width: e.data.readUInt16LE(20), height: e.data.readUInt16LE(22) };
      if (!this.target || !sameRect(now, this.target)) this.enqueue(() => this.fitOne(e.data.readUInt32LE(8)));
    } else if (this.randr && (e.code === this.randr.firstEvent || e.code === this.randr.firstEvent + 1)) {
      this.enqueue(() => this.fitAll());
    }
  }

  /**
   * Runs jobs one after another, so replies of one look are never mixed with the next. An X error
   * (a window gone between two requests) or the connection closing just ends that job.
   */
  private enqueue(job: () => Promise<void>): void {
    this.queue = this.queue.then(job).catch((err: Error) => {
      if (!(err instanceof X11Error || err instanceof X11ClosedError)) this.opts.log(`Kiosk: fitting the window to the screen failed: ${err.message}`);
    });
  }

  private async fitAll(): Promise<void> {
    const target = await this.unmanagedTarget();
    if (!target) return;
    for (const window of await this.x.children(this.x.root)) await this.fitIfOurs(window, target);
  }

  private async fitOne(window: number): Promise<void> {
    const target = await this.unmanagedTarget();
    if (target) await this.fitIfOurs(window, target);
  }

  /** The bounds to fit windows to, or null while a window manager runs (it does fullscreen itself). */
  private async unmanagedTarget(): Promise<Rect | null> {
    const managed = await this.windowManagerRuns();
    if (managed !== this.managed) {
      this.managed = managed;
      this.opts.log(
        managed
          ? `Kiosk: a window manager runs on ${this.opts.display}; it keeps the window fullscreen.`
          : `Kiosk: no window manager on ${this.opts.display}; keeping the window at the screen's bounds.`,
      );
    }
    if (managed) return null;
    this.target = this.randr?.monitors ? kioskRect(await this.x.monitors(this.randr), this.x.screenSize) : kioskRect([], await this.x.geometry(this.x.root));
    return this.target;
  }

  /** EWMH: the manager points the root's _NET_SUPPORTING_WM_CHECK at a window of its own that points at itself (a stale one does not). */
  private async windowManagerRuns(): Promise<boolean> {
    const onRoot = await this.x.getProperty(this.x.root, this.atoms.wmCheck, ATOM_WINDOW);
    if (!onRoot || onRoot.value.length < 4) return false;
    const child = onRoot.value.readUInt32LE(0);
    try {
      const onChild = await this.x.getProperty(child, this.atoms.wmCheck, ATOM_WINDOW);
      return onChild !== null && onChild.value.length >= 4 && onChild.value.readUInt32LE(0) === child;
    } catch (err) {
      if (err instanceof X11Error) return false;
      throw err;
    }
  }

  /** Moves and resizes `window` to `target` when it is one of ours and not there yet. A window gone meanwhile is skipped. */
  private async fitIfOurs(window: number, target: Rect): Promise<void> {
    try {
      if (!(await this.isOurs(window))) return;
      const now = await this.x.geometry(window);
      if (sameRect(now, target) && now.border === 0) return;
      this.x.configure(window, target);
      this.opts.log(`Kiosk: set window 0x${window.toString(16)} from ${describe(now)} to ${describe(target)} on ${this.opts.display}.`);
    } catch (err) {
      if (!(err instanceof X11Error)) throw err;
    }
  }

  /** The window asked for, or a shown, managed-type (not a menu or tooltip) window of the process. */
  private async isOurs(window: number): Promise<boolean> {
    const match = this.opts.match;
    if ('window' in match) return window === match.window;
    const attrs = await this.x.attributes(window);
    if (!attrs.viewable || attrs.overrideRedirect) return false;
    const pid = await this.x.getProperty(window, this.atoms.pid, ATOM_CARDINAL);
    return pid !== null && pid.value.length >= 4 && pid.value.readUInt32LE(0) === match.pid;
  }
}

/** "1280x800+0+0". */
function describe(r: Rect): string {
  return `${r.width}x${r.height}${r.x < 0 ? '' : '+'}${r.x}${r.y < 0 ? '' : '+'}${r.y}`;
}
