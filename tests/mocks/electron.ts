/**
 * The one hand-written Electron mock for main-process unit tests (like Fiddle's
 * tests/mocks/electron.ts). vitest aliases 'electron' to this file. It records what the main
 * process registers so tests can call handlers and fire events the way Electron would.
 */
import { fork as forkNode, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

class MockIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, fn: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls a handler as a renderer's ipcRenderer.invoke would. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const fn = this.handlers.get(channel);
    if (!fn) throw new Error(`No handler registered for '${channel}'`);
    return fn(event, ...args);
  }
}

class MockCommandLine {
  readonly switches = new Map<string, string>();
  hasSwitch(name: string): boolean {
    return this.switches.has(name);
  }
  getSwitchValue(name: string): string {
    return this.switches.get(name) ?? '';
  }
}

class MockApp extends EventEmitter {
  readonly commandLine = new MockCommandLine();
  readonly paths = new Map<string, string>([['userData', mkdtempSync(join(tmpdir(), 'couchside-electron-mock-'))]]);
  sandboxEnabled = false;
  getPath(name: string): string {
    const p = this.paths.get(name);
    if (!p) throw new Error(`unknown path ${name}`);
    return p;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getVersion(): string {
    return '0.0.0-mock';
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  quit(): void {}
  /** How many times app.relaunch() / app.exit() were called, and with what exit codes. */
  relaunches = 0;
  exits: number[] = [];
  relaunch(): void {
    this.relaunches += 1;
  }
  exit(code = 0): void {
    this.exits.push(code);
  }
}

class MockWebContents extends EventEmitter {
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  devToolsOpen = false;
  reloads = 0;
  forcedCrashes = 0;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(fn: (d: { url: string }) => { action: string }): void {
    this.windowOpenHandler = fn;
  }
  /** Opens the devtools and emits 'devtools-opened', as Electron does. */
  openDevTools(): void {
    this.devToolsOpen = true;
    this.emit('devtools-opened');
  }
  closeDevTools(): void {
    this.devToolsOpen = false;
  }
  isDevToolsOpened(): boolean {
    return this.devToolsOpen;
  }
  reload(): void {
    this.reloads += 1;
  }
  /** Like Electron: the renderer is killed and 'render-process-gone' follows with reason 'killed'. */
  forcefullyCrashRenderer(): void {
    this.forcedCrashes += 1;
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  }
  /** Fires 'before-input-event' like a key press; returns true when a handler prevented it. */
  pressKey(input: { key: string; code?: string; control?: boolean; meta?: boolean; alt?: boolean; shift?: boolean }): boolean {
    let prevented = false;
    this.emit('before-input-event', { preventDefault: () => (prevented = true) }, { type: 'keyDown', control: false, meta: false, alt: false, shift: false, ...input });
    return prevented;
  }
}

class MockBrowserWindow extends EventEmitter {
  static readonly all: MockBrowserWindow[] = [];
  static getAllWindows(): MockBrowserWindow[] {
    return MockBrowserWindow.all.filter((w) => !w.destroyed);
  }
  readonly webContents = new MockWebContents();
  destroyed = false;
  loadedUrl: string | null = null;
  kiosk: boolean;
  fullScreen: boolean;
  /** Every setMenu() argument, in order. */
  readonly menus: unknown[] = [];
  /** The native handle: an X window id, little-endian in 8 bytes, as Electron gives it on Linux. */
  readonly nativeHandle = Buffer.alloc(8);
  private static nextXid = 0x3e00001;
  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    this.nativeHandle.writeUInt32LE(MockBrowserWindow.nextXid++, 0);
    this.kiosk = !!options.kiosk;
    this.fullScreen = !!options.fullscreen;
    MockBrowserWindow.all.push(this);
    // Electron announces every new window on the app.
    app.emit('browser-window-created', {}, this);
  }
  setKiosk(on: boolean): void {
    this.kiosk = on;
  }
  isKiosk(): boolean {
    return this.kiosk;
  }
  setFullScreen(on: boolean): void {
    this.fullScreen = on;
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  /** Emits 'close' like the user closing the window; returns true when a handler prevented it. */
  tryClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.emit('closed');
    }
    return prevented;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNativeWindowHandle(): Buffer {
    return this.nativeHandle;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  setMenu(menu: unknown): void {
    this.menus.push(menu);
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
}

class MockProtocol {
  readonly privileged: unknown[] = [];
  readonly handlers = new Map<string, (req: Request) => Promise<Response> | Response>();
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privileged.push(...schemes);
  }
  handle(scheme: string, fn: (req: Request) => Promise<Response> | Response): void {
    this.handlers.set(scheme, fn);
  }
}

class MockSession {
  permissionRequestHandler: ((wc: unknown, perm: string, cb: (ok: boolean) => void) => void) | null = null;
  permissionCheckHandler: (() => boolean) | null = null;
  setPermissionRequestHandler(fn: MockSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = fn;
  }
  setPermissionCheckHandler(fn: MockSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = fn;
  }
}

/** Menu: records the application menu (starts as a stand-in for Electron's default menu). */
export const Menu = {
  defaultMenu: { label: 'default-menu' } as unknown,
  applicationMenu: null as unknown,
  getApplicationMenu(): unknown {
    return Menu.applicationMenu;
  },
  setApplicationMenu(menu: unknown): void {
    Menu.applicationMenu = menu;
  },
};
Menu.applicationMenu = Menu.defaultMenu;

export const app = new MockApp();
export const ipcMain = new MockIpcMain();
export const BrowserWindow = MockBrowserWindow;
export const protocol = new MockProtocol();
export const session = { defaultSession: new MockSession() };
export const shell = { opened: [] as string[], openExternal: async (url: string) => void shell.opened.push(url), openPath: async () => '' };
export const powerMonitor = new EventEmitter();
/** safeStorage with a reversible fake cipher; flip `available` to test the plain fallback. */
export const safeStorage = {
  available: true,
  isEncryptionAvailable(): boolean {
    return safeStorage.available;
  },
  encryptString(s: string): Buffer {
    return Buffer.from(Buffer.from(`enc:${s}`).map((b) => b ^ 0x5a));
  },
  decryptString(b: Buffer): string {
    return Buffer.from(b.map((x) => x ^ 0x5a)).toString().replace(/^enc:/, '');
  },
};
export const net = {
  fetch: async (url: string): Promise<Response> => {
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    try {
      return new Response(await readFile(fileURLToPath(url)), { status: 200, headers: { 'content-type': 'text/html' } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  },
};
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed.set(key, api);
  },
};
export const ipcRenderer = Object.assign(new EventEmitter(), {
  invocations: [] as Array<{ channel: string; args: unknown[] }>,
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    ipcRenderer.invocations.push({ channel, args });
    return { channel, args };
  },
});

/**
 * A utility process (utilityProcess.fork). By default a script: the test plays the child with
 * `reply(msg)` and `exit(code)` and reads what the parent sent in `posted`. With
 * `utilityProcess.realNode = true` it really runs the module under Node (child_process.fork with
 * tsx), bridging postMessage / 'message' / 'exit' the way Electron does, so the real service entry
 * can run behind the real main-process code.
 */
class MockUtilityProcess extends EventEmitter {
  pid: number | undefined = 4242;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly posted: unknown[] = [];
  killed = false;
  private node: ChildProcess | null = null;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
    if (utilityProcess.realNode) {
      const node = forkNode(modulePath, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
      this.node = node;
      this.pid = node.pid;
      node.stdout?.pipe(this.stdout);
      node.stderr?.pipe(this.stderr);
      node.on('message', (m) => this.emit('message', m));
      node.on('exit', (code, signal) => this.exit(code ?? (signal ? 143 : 0)));
      // Like Electron: 'spawn' once the child runs.
      node.once('spawn', () => this.emit('spawn'));
    } else {
      queueMicrotask(() => this.emit('spawn'));
    }
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
    this.node?.send(message as object);
    this.emit('posted', message);
  }
  kill(): boolean {
    this.killed = true;
    if (this.node) return this.node.kill('SIGTERM');
    queueMicrotask(() => this.exit(143));
    return true;
  }
  /** Script: the child sends `message` to the parent (process.parentPort.postMessage). */
  reply(message: unknown): void {
    this.emit('message', message);
  }
  /** Script: the child exits with `code` ('exit' fires once, pid goes undefined, as in Electron). */
  exit(code: number): void {
    if (this.pid === undefined) return;
    this.pid = undefined;
    this.emit('exit', code);
  }
}

export const utilityProcess = {
  /** Every process forked so far (tests clear it). */
  forked: [] as MockUtilityProcess[],
  /** Run forked modules for real under Node instead of scripting them. */
  realNode: false,
  fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): MockUtilityProcess {
    const child = new MockUtilityProcess(modulePath, args, options);
    utilityProcess.forked.push(child);
    return child;
  },
};
export type { MockUtilityProcess };

/** A fake IPC event from a frame at `url` (main frame unless `parent` is given). */
export function fakeInvokeEvent(url: string, parent: unknown = null): unknown {
  return { senderFrame: { url, parent }, sender: {} };
}

const electron = { app, ipcMain, BrowserWindow, Menu, protocol, session, shell, powerMonitor, safeStorage, net, contextBridge, ipcRenderer, utilityProcess };
export default electron;
