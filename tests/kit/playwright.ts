/**
 * The Couchside test kit for Playwright: import `test` and `expect` from here instead of
 * '@playwright/test' and every test gets
 *
 *   service    a fresh mock service on a free loopback port (in-memory DB, or a temp data dir with
 *              `serviceDataDir: 'temp'`), control API on, demo household seeded, plus the accounts
 *              of the `seed` option; `service.url`, `service.control` (typed ControlClient)
 *   app        Couchside launched against that service with a fresh temp user-data dir, on the
 *              sign-in screen: `app.page` is the app window, `app.relaunch()` starts it again over
 *              the same user-data dir, `app.launchAnother({ deviceName })` starts another device
 *   launchApp  the function behind `app`, to start devices without the default one
 *
 * `couchsideTarget` (a project option) picks what "the app" is: 'web' (default) runs the web host
 * (the same client core and renderer in plain Node) and opens it in the test's browser; 'electron'
 * runs the real Electron app (out/ with node_modules' Electron) through Playwright's `_electron`,
 * and skips the test, with the reason, where the Electron binary is not installed; 'packaged'
 * launches the newest electron-builder test build under release/ (or `packagedApp`), and skips
 * where there is none. On a failure each device's log files, its main process's stdout and stderr
 * (the web host's log) and a trace of its Electron context are attached to the report. Everything
 * is torn down after each test, pass or fail: apps closed, hosts stopped, temp dirs removed,
 * service closed.
 *
 *   import { DEMO, expect, test } from '../kit/playwright';
 *   test('signs in', async ({ app, service }) => { ... });
 */
import { _electron, expect, test as base, type BrowserContext, type ElectronApplication, type Page, type TestInfo } from '@playwright/test';
import { dirname, join } from 'node:path';
import { findElectronBinary } from '../../scripts/lib/electron-binary';
import { readInstallAttempt } from './electron-install';
import { DEMO_ACCOUNT, DEMO_PROFILES } from '../../server/seed';
import { attachDeviceArtifacts, discardTraces, keepsTrace, OutputTail, recordsTrace, tailLogger, type DeviceRecord } from './artifacts';
import type { ControlClient, SeedAccount } from './control-client';
import { findPackagedApp, inspectFuse, releaseBuildProblem, type PackagedApp } from './packaged-app';
import type { RunningService } from '../../server/service';
import { makeTempDir, removeDir, ROOT, startTestClient, startTestService, type TestClient, type TestService } from './harness';
import { startXvfb, xvfbMissing, type Xvfb } from './xvfb';

export { expect };
export type { ControlClient, DeviceSelector, OpenStream, OutageMode, OutageOptions, SeedAccount, SeedProfile } from './control-client';
export { ControlError } from './control-client';

/** The demo household every test service starts with. */
export const DEMO = {
  email: DEMO_ACCOUNT.email,
  password: DEMO_ACCOUNT.password,
  /** Alex, Sam, Jordan, Kids. */
  profiles: DEMO_PROFILES.map((p) => p.name),
} as const;

/** What the `app` fixture runs: the web host in the test's browser, the Electron app from out/, or a packaged build. */
export type CouchsideTarget = 'web' | 'electron' | 'packaged';

/** Options to set per project or with `test.use({...})`. */
export interface CouchsideOptions {
  /** 'web' (default), 'electron' or 'packaged'; usually set by the Playwright project. */
  couchsideTarget: CouchsideTarget;
  /**
   * Target 'packaged': the executable (or unpacked build folder, or .app) to launch. Default
   * $COUCHSIDE_PACKAGED_APP, else the newest build for this OS under release/.
   */
  packagedApp: string | undefined;
  /** 'memory' (default): an in-memory database; 'temp': a SQLite file in a fresh temp dir (`service.dataDir`). */
  serviceDataDir: 'memory' | 'temp';
  /** Named accounts to seed before the test (on top of the demo household). */
  seed: SeedAccount[];
  /**
   * Sign in with a code: seconds between the app's polls (the service's RFC 8628 interval).
   * Default 1 in tests (the real service says 5), so an approval shows within a second.
   */
  codeIntervalSeconds: number;
  /** Sign in with a code: seconds a code stays valid (default 600). */
  codeLifetimeSeconds: number;
}

/** The test's mock service. */
export interface CouchsideService {
  /** Base URL, http://127.0.0.1:PORT. */
  url: string;
  /** Typed control API client: revokeAll, revokeDevice, outage, seed, createAccount, reset, streams. */
  control: ControlClient;
  /** The temp data dir with couchside.db when `serviceDataDir: 'temp'`, else null. */
  dataDir: string | null;
  /** Stops the service now (e.g. to see how the app copes); the fixture's teardown is then a no-op. */
  stop(): Promise<void>;
  /** The started service itself (startService): a web device launched with `ownService` is handed it, as `npm start` hands the web host its own. */
  running: RunningService;
}

/** How to launch one Couchside device. */
export interface LaunchOptions {
  /** The device's name on the account (Settings → Devices); `--device-name` for Electron. */
  deviceName?: string;
  /** Talk to the service through this URL instead of `service.url` (e.g. a cuttable proxy). */
  serverUrl?: string;
  /** Reuse this user-data dir (a relaunch of a device); default a fresh temp dir. */
  userDataDir?: string;
  /** Launch in kiosk mode (`--kiosk`), as a kiosk PC starts it. */
  kiosk?: boolean;
  /**
   * The app runs with a service it started itself, as people install it. Electron: no
   * --server-url, so the app starts its own service in a utilityProcess (data in the user-data
   * dir; the `service` fixture is not used). Web: the host is handed the test's service the way
   * `npm start` hands the web host the one it started, so Settings → About can open it to the
   * local network.
   */
  ownService?: boolean;
}

/** One running Couchside device. */
export interface CouchsideApp {
  readonly target: CouchsideTarget;
  /** The app window. After `relaunch()` this is the new window. */
  readonly page: Page;
  /** This device's user-data dir (its session store); removed after the test. */
  readonly userDataDir: string;
  readonly deviceName: string | undefined;
  /**
   * The Electron application (targets 'electron' and 'packaged'), else null: `evaluate` runs code
   * in the main process, `browserWindow(page)` is the window's BrowserWindow, `process()` the
   * main process, `context()` its browser context. After `relaunch()` this is the new one.
   */
  readonly electronApp: ElectronApplication | null;
  /** The web host (target 'web'), else null. */
  readonly webHost: TestClient | null;
  /** Quits the app (keeps the user-data dir): a TV switched off. */
  close(): Promise<void>;
  /** Quits (if running) and starts it again over the same user-data dir; resolves to the new window. */
  relaunch(): Promise<Page>;
  /** Starts another device (its own user-data dir) against the same service. */
  launchAnother(opts?: LaunchOptions): Promise<CouchsideApp>;
}

/** The fixtures the kit adds. */
export interface CouchsideFixtures {
  service: CouchsideService;
  launchApp: (opts?: LaunchOptions) => Promise<CouchsideApp>;
  app: CouchsideApp;
}

interface InternalFixtures {
  _couchsideGate: void;
}

/**
 * Why the Electron variant cannot run here (null when it can): the binary is missing, and the
 * run's one attempt to download it (tests/e2e/electron-binary.setup.ts) said why it failed.
 */
export function electronUnavailable(): string | null {
  const binary = findElectronBinary(ROOT);
  if (binary.ok) return null;
  const attempt = readInstallAttempt();
  return `Electron binary not available: ${attempt && !attempt.ok ? attempt.reason : binary.reason}`;
}

/** The packaged app the 'packaged' target launches: `packagedApp`, else $COUCHSIDE_PACKAGED_APP, else the newest build under release/. */
export function packagedApp(explicit: string | undefined = process.env.COUCHSIDE_PACKAGED_APP): PackagedApp & { explicit: boolean } {
  return { ...findPackagedApp({ explicit, releaseDir: join(ROOT, 'release') }), explicit: Boolean(explicit) };
}

/** Playwright's `test` with the kit's fixtures and options. */
export const test = base.extend<CouchsideFixtures & CouchsideOptions & InternalFixtures>({
  couchsideTarget: ['web', { option: true }],
  packagedApp: [undefined, { option: true }],
  serviceDataDir: ['memory', { option: true }],
  seed: [[], { option: true }],
  codeIntervalSeconds: [1, { option: true }],
  codeLifetimeSeconds: [600, { option: true }],

  // Runs first for every test: in the electron project, skip at once when there is no binary
  // (before a service or browser is started for nothing); in the packaged project, skip when no
  // build is found, but fail when the path given does not exist or the build is a release build
  // (inspect fuse off): those are set-up mistakes, and the message says what to build.
  _couchsideGate: [
    async ({ couchsideTarget, packagedApp: given }, use, testInfo) => {
      if (couchsideTarget === 'electron') {
        const why = electronUnavailable();
        testInfo.skip(why !== null, why ?? '');
      }
      if (couchsideTarget === 'packaged') {
        const found = packagedApp(given ?? process.env.COUCHSIDE_PACKAGED_APP);
        if (!found.ok && found.explicit) throw new Error(`Packaged app: ${found.reason}`);
        testInfo.skip(!found.ok, found.ok ? '' : `Packaged app not available: ${found.reason}`);
        if (found.ok) {
          const problem = releaseBuildProblem(found.executable, await inspectFuse(found.executable));
          if (problem) throw new Error(problem);
        }
      }
      await use();
    },
    { auto: true },
  ],

  service: async ({ serviceDataDir, seed, codeIntervalSeconds, codeLifetimeSeconds }, use) => {
    const dataDir = serviceDataDir === 'temp' ? makeTempDir('couchside-service-') : null;
    let started: TestService | null = null;
    try {
      started = await startTestService({
        dataDir: dataDir ?? undefined,
        deviceCodeIntervalSeconds: codeIntervalSeconds,
        deviceCodeTtlSeconds: codeLifetimeSeconds,
      });
      if (seed.length > 0) await started.control.seed(seed);
      const { url, control, stop, service: running } = started;
      await use({ url, control, dataDir, stop, running });
    } finally {
      await started?.stop();
      if (dataDir) removeDir(dataDir);
    }
  },

  launchApp: async ({ couchsideTarget, packagedApp: given, service, page, browser, viewport, trace }, use, testInfo) => {
    const launcher = new Launcher(couchsideTarget, service, testInfo, {
      firstPage: page,
      newContext: () => browser.newContext({ viewport }),
    });
    launcher.packagedApp = given;
    launcher.traceMode = typeof trace === 'string' ? trace : trace.mode;
    try {
      await use((opts) => launcher.launch(opts));
    } finally {
      await launcher.teardown();
    }
  },

  app: async ({ launchApp }, use) => {
    await use(await launchApp());
  },
});

/** Signs in on Couchside's sign-in screen the way a person would (labels and the button's name). */
export async function signIn(page: Page, email: string = DEMO.email, password: string = DEMO.password): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in on the service's account web page (a phone or laptop browser); ends on "Account". */
export async function signInToAccountPage(page: Page, serviceUrl: string, email: string = DEMO.email, password: string = DEMO.password): Promise<void> {
  await page.goto(`${serviceUrl}/account`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Account', exact: true })).toBeVisible();
}

/** Starts devices for one test and tears all of them down. */
class Launcher {
  private readonly dirs = new Set<string>();
  private readonly running = new Set<{ stop(): Promise<void> }>();
  private readonly contexts: BrowserContext[] = [];
  private readonly electronPages = new Set<Page>();
  /** Every launch (and relaunch) of every device, for the failure attachments. */
  private readonly records: DeviceRecord[] = [];
  private devices = 0;
  private firstPageTaken = false;
  private xvfb: Xvfb | null = null;
  packagedApp: string | undefined;
  traceMode = 'retain-on-failure';

  constructor(
    private readonly target: CouchsideTarget,
    private readonly service: Pick<CouchsideService, 'url' | 'running'>,
    private readonly testInfo: TestInfo,
    private readonly browser: { firstPage: Page; newContext: () => Promise<BrowserContext> },
  ) {}

  async launch(opts: LaunchOptions = {}): Promise<CouchsideApp> {
    const userDataDir = opts.userDataDir ?? makeTempDir('couchside-app-');
    if (!opts.userDataDir) this.dirs.add(userDataDir);
    const settings = { ...opts, userDataDir, label: `device-${++this.devices}` };
    return this.target === 'web' ? this.launchWeb(settings) : this.launchElectron(settings);
  }

  /** A fresh record for one run of a device ("device-1", then "device-1 (run 2)" after a relaunch). */
  private record(label: string, run: number, userDataDir: string, electron: boolean): DeviceRecord {
    const rec: DeviceRecord = {
      label: run === 1 ? label : `${label} (run ${run})`,
      userDataDir,
      stdout: new OutputTail(),
      stderr: electron ? new OutputTail() : null,
      traces: [],
    };
    this.records.push(rec);
    return rec;
  }

  private async launchWeb(opts: LaunchOptions & { userDataDir: string; label: string }): Promise<CouchsideApp> {
    const page = await this.takePage();
    let host: TestClient | null = null;
    let runs = 0;
    const start = async () => {
      const rec = this.record(opts.label, ++runs, opts.userDataDir, false);
      host = await startTestClient(this.service.url, {
        ...opts,
        service: opts.ownService ? this.service.running : undefined,
        log: tailLogger(rec.stdout, 'web-host'),
      });
      const h = host;
      this.running.add(h);
      await page.goto(h.url);
    };
    const close = async () => {
      const h = host;
      if (!h) return;
      host = null;
      this.running.delete(h);
      await h.stop();
    };
    await start();
    const app: CouchsideApp = {
      target: 'web',
      page,
      userDataDir: opts.userDataDir,
      deviceName: opts.deviceName,
      electronApp: null,
      get webHost() {
        return host;
      },
      close,
      relaunch: async () => {
        await close();
        await start();
        return page;
      },
      launchAnother: (more) => this.launch(more),
    };
    return app;
  }

  /** What `_electron.launch` runs: node_modules' Electron with the repo as the app, or a packaged build. */
  private async electronCommand(): Promise<{ executablePath: string; appArgs: string[]; cwd: string }> {
    if (this.target === 'packaged') {
      const found = packagedApp(this.packagedApp ?? process.env.COUCHSIDE_PACKAGED_APP);
      if (!found.ok) this.testInfo.skip(true, `Packaged app not available: ${found.reason}`);
      if (!found.ok) throw new Error('unreachable');
      return { executablePath: found.executable, appArgs: [], cwd: dirname(found.executable) };
    }
    const binary = findElectronBinary(ROOT);
    if (!binary.ok) this.testInfo.skip(true, electronUnavailable() ?? '');
    if (!binary.ok) throw new Error('unreachable');
    return { executablePath: binary.path, appArgs: [ROOT], cwd: ROOT };
  }

  private async launchElectron(opts: LaunchOptions & { userDataDir: string; label: string }): Promise<CouchsideApp> {
    const command = await this.electronCommand();
    const env = await this.electronEnv();
    const tracing = recordsTrace(this.traceMode, this.testInfo.retry);
    let electronApp: ElectronApplication | null = null;
    let page: Page | null = null;
    let runs = 0;
    let stopCurrent: (() => Promise<void>) | null = null;
    const start = async () => {
      const rec = this.record(opts.label, ++runs, opts.userDataDir, true);
      const launched = await _electron.launch({
        executablePath: command.executablePath,
        args: [
          ...command.appArgs,
          // Without it the app starts its own service, as an installed Couchside does.
          ...(opts.ownService ? [] : [`--server-url=${opts.serverUrl ?? this.service.url}`]),
          `--user-data-dir=${opts.userDataDir}`,
          ...(opts.deviceName ? [`--device-name=${opts.deviceName}`] : []),
          ...(opts.kiosk ? ['--kiosk'] : []),
        ],
        cwd: command.cwd,
        env,
      });
      electronApp = launched;
      // From here on; what the app printed before Playwright connected is in its log file.
      rec.stdout.follow(launched.process().stdout);
      rec.stderr?.follow(launched.process().stderr);
      if (tracing) await launched.context().tracing.start({ screenshots: true, snapshots: true, sources: true, title: rec.label });
      let stopped: Promise<void> | null = null;
      const stop = () =>
        (stopped ??= (async () => {
          // The trace must be saved while the app still runs; whether it is kept is decided at teardown.
          if (tracing) {
            const path = this.testInfo.outputPath(`${rec.label.replace(/\W+/g, '-')}-trace.zip`);
            const saved = await launched.context().tracing.stop({ path }).then(() => true, () => false);
            if (saved) rec.traces.push(path);
          }
          await launched.close();
        })());
      const handle = { stop };
      stopCurrent = stop;
      this.running.add(handle);
      launched.once('close', () => this.running.delete(handle));
      const win = await launched.firstWindow();
      page = win;
      this.electronPages.add(win);
      win.once('close', () => this.electronPages.delete(win));
    };
    const close = async () => {
      const stop = stopCurrent;
      stopCurrent = null;
      electronApp = null;
      await stop?.();
    };
    await start();
    const app: CouchsideApp = {
      target: this.target,
      get page() {
        if (!page) throw new Error('The app has not started');
        return page;
      },
      userDataDir: opts.userDataDir,
      deviceName: opts.deviceName,
      get electronApp() {
        return electronApp;
      },
      webHost: null,
      close,
      relaunch: async () => {
        await close();
        await start();
        return app.page;
      },
      launchAnother: (more) => this.launch(more),
    };
    return app;
  }

  /** The test's own page for the first web device (screenshots and traces on failure cover it), a new context for the others. */
  private async takePage(): Promise<Page> {
    if (!this.firstPageTaken) {
      this.firstPageTaken = true;
      return this.browser.firstPage;
    }
    const context = await this.browser.newContext();
    this.contexts.push(context);
    return context.newPage();
  }

  /** Electron on Linux needs a display: use the one we have, or start an Xvfb for this test. */
  private async electronEnv(): Promise<Record<string, string>> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    // The test says which service the app uses (--server-url or its own), never the caller's shell.
    delete env.COUCHSIDE_SERVER_URL;
    if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
      if (!this.xvfb) {
        const missing = xvfbMissing();
        if (missing) this.testInfo.skip(true, `Electron needs a display and there is none: ${missing}`);
        this.xvfb = await startXvfb();
      }
      env.DISPLAY = this.xvfb.display;
    }
    return env;
  }

  async teardown(): Promise<void> {
    const failed = this.testInfo.status !== this.testInfo.expectedStatus;
    if (failed) {
      // Playwright screenshots browser pages on failure by itself, but not Electron windows.
      let i = 0;
      for (const page of this.electronPages) {
        const shot = await page.screenshot().catch(() => null);
        if (shot) await this.testInfo.attach(`electron-window-${++i}`, { body: shot, contentType: 'image/png' });
      }
    }
    const errors: unknown[] = [];
    // Apps are quit first, so their log files and output are complete when attached.
    for (const r of [...this.running].reverse()) await r.stop().catch((e: unknown) => errors.push(e));
    this.running.clear();
    for (const c of this.contexts) await c.close().catch(() => {});
    await this.xvfb?.stop();
    if (failed) await attachDeviceArtifacts(this.testInfo, this.records).catch((e: unknown) => errors.push(e));
    if (!keepsTrace(this.traceMode, failed)) discardTraces(this.records);
    else if (!failed) for (const d of this.records) for (const t of d.traces) await this.testInfo.attach('trace', { path: t, contentType: 'application/zip' });
    for (const dir of this.dirs) removeDir(dir);
    if (errors.length > 0 && !failed) throw errors[0];
  }
}
