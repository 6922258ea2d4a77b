/**
 * `npm start`: builds the app, starts the mock streaming service on loopback, then the Couchside
 * app pointed at it: Electron when its binary is installed or can be downloaded now (Electron's own
 * installer, bounded in time); otherwise (or with --web) the web host, served to a browser. One
 * service either way. `npm start -- --help` lists the flags.
 *
 * Kiosk mode is also on with COUCHSIDE_KIOSK=1 or the stored setting; in the web host it keeps
 * the kiosk browser open (reopened if it is closed or crashes) until the admin PIN ends kiosk
 * mode. --demo (or COUCHSIDE_DEMO=1) resets the demo household after the idle time, through the
 * service's control API, so it turns --control on for the service started here.
 */
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readPackageVersion } from '../electron/web/version';
import { parseIdleReset } from '../electron/core/kiosk';
import { keepKioskBrowserOpen, type KioskBrowser } from '../electron/web/kiosk-browser';
import { startWebHost } from '../electron/web/host';
import { setupWebHostLog } from '../electron/web/log';
import { DEMO_ACCOUNT } from '../server/seed';
import { startService, type RunningService } from '../server/service';
import { flagProblem, type FlagError } from '../shared/cli';
import { ensureElectronBinary } from './lib/electron-binary';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export const USAGE = `Usage: npm start -- [options]      (npm run start:web -- [options] is npm start -- --web)

Builds Couchside, starts its mock service, then the app: Electron (its binary is downloaded with
Electron's installer when missing), else the web host in a browser.

  --web                     the web host even where Electron is available
  --kiosk                   kiosk mode (env COUCHSIDE_KIOSK=1); the web host opens Chromium full screen
  --demo                    kiosk demo mode: reset the demo household when idle (env COUCHSIDE_DEMO=1)
  --idle-reset SECONDS      kiosk idle time before the reset (env COUCHSIDE_IDLE_RESET, default 120)
  --port N                  the service's port (env COUCHSIDE_SERVER_PORT, default 4700)
  --web-port N              the web host's port (env COUCHSIDE_WEB_PORT, default 4701)
  --data-dir DIR            the service's database folder (env COUCHSIDE_SERVER_DATA_DIR, default .data/server)
  --user-data-dir DIR       the app's session store and logs (env COUCHSIDE_USER_DATA_DIR;
                            web host default .data/web-client, Electron default its userData folder)
  --server-url URL          use a service that is already running (env COUCHSIDE_SERVER_URL)
  --no-server               do not start a service (use --server-url)
  --control                 the service's control API for tests and demos (env COUCHSIDE_CONTROL=1)
  --push-delay-ms N         hold "revoked" pushes back N ms (env COUCHSIDE_PUSH_DELAY_MS)
  --access-ttl SECONDS      access token lifetime (env COUCHSIDE_ACCESS_TTL, default 900)
  --device-code-ttl SECONDS sign-in code lifetime (env COUCHSIDE_DEVICE_CODE_TTL, default 600)
  --device-code-interval SECONDS
                            seconds between a TV's code polls (env COUCHSIDE_DEVICE_CODE_INTERVAL, default 5)
  --no-build                skip the build (out/ is already current)
  -h, --help                show this help`;

export const FLAGS = {
  web: { type: 'boolean', default: false },
  kiosk: { type: 'boolean', default: false },
  demo: { type: 'boolean', default: false },
  'idle-reset': { type: 'string' },
  port: { type: 'string' },
  'web-port': { type: 'string' },
  'data-dir': { type: 'string' },
  'user-data-dir': { type: 'string' },
  'server-url': { type: 'string' },
  'no-server': { type: 'boolean', default: false },
  control: { type: 'boolean', default: false },
  'push-delay-ms': { type: 'string' },
  'access-ttl': { type: 'string' },
  'device-code-ttl': { type: 'string' },
  'device-code-interval': { type: 'string' },
  'no-build': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** `npm start`'s flags, or one line naming what is wrong with them. */
export function readStartFlags(args: readonly string[]): { ok: true; flags: ReturnType<typeof parseStart> } | { ok: false; message: string } {
  try {
    return { ok: true, flags: parseStart(args) };
  } catch (err) {
    return { ok: false, message: `npm start: ${flagProblem(err as FlagError, Object.keys(FLAGS))}` };
  }
}

function parseStart(args: readonly string[]) {
  return parseArgs({ args: [...args], options: FLAGS, strict: true, allowPositionals: false }).values;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
const read = readStartFlags(isMain ? process.argv.slice(2) : []);
if (!read.ok) {
  console.error(`${read.message}\n\n${USAGE}`);
  process.exit(2);
}
const flags = read.flags;
if (isMain && flags.help) {
  console.log(USAGE);
  process.exit(0);
}

const env = process.env;
const cleanups: Array<() => Promise<void> | void> = [];
let browser: KioskBrowser | null = null;
const idleResetSeconds = readIdleReset(flags['idle-reset']);

/** electron-vite's build of main, preload, the service process and the renderer into out/. */
function build(): void {
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error('npm start: the build failed (above); nothing was started.');
    process.exit(r.status ?? 1);
  }
}

async function main(): Promise<void> {
  if (!flags['no-build']) build();
  let serverUrl = flags['server-url'] ?? env.COUCHSIDE_SERVER_URL;
  // The service started here, if any: the web host may open it to the local network (Settings → About).
  let service: RunningService | undefined;
  if (!flags['no-server']) {
    const dataDir = resolve(flags['data-dir'] ?? env.COUCHSIDE_SERVER_DATA_DIR ?? '.data/server');
    const started = await startService({
      dataDir,
      port: Number(flags.port ?? env.COUCHSIDE_SERVER_PORT ?? 4700),
      control: flags.control || env.COUCHSIDE_CONTROL === '1' || flags.demo || env.COUCHSIDE_DEMO === '1',
      pushDelayMs: wholeNumber('--push-delay-ms', flags['push-delay-ms'] ?? env.COUCHSIDE_PUSH_DELAY_MS, 0),
      accessTtlMs: wholeNumber('--access-ttl', flags['access-ttl'] ?? env.COUCHSIDE_ACCESS_TTL, 1) * 1000 || undefined,
      deviceCodeTtlSeconds: wholeNumber('--device-code-ttl', flags['device-code-ttl'] ?? env.COUCHSIDE_DEVICE_CODE_TTL, 10) || undefined,
      deviceCodeIntervalSeconds: wholeNumber('--device-code-interval', flags['device-code-interval'] ?? env.COUCHSIDE_DEVICE_CODE_INTERVAL, 1) || undefined,
    });
    service = started;
    serverUrl = started.url;
    cleanups.push(() => started.close());
    console.log(`Mock streaming service: ${serverUrl} (data in ${dataDir})`);
    console.log(`Demo account: ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}   Account page: ${serverUrl}/account`);
  }
  serverUrl ??= 'http://127.0.0.1:4700';

  // Electron's binary, fetched now with Electron's installer if it is missing (bounded in time).
  const electron = flags.web ? null : await ensureElectronBinary(ROOT, { log: (line) => console.log(line) });
  if (electron?.ok) {
    const args = ['.', `--server-url=${serverUrl}`];
    // COUCHSIDE_KIOSK / COUCHSIDE_DEMO / COUCHSIDE_IDLE_RESET reach Electron through the environment.
    if (flags.kiosk) args.push('--kiosk');
    if (flags.demo) args.push('--demo');
    if (idleResetSeconds !== undefined) args.push(`--idle-reset=${idleResetSeconds}`);
    if (flags['user-data-dir']) args.push(`--user-data-dir=${resolve(flags['user-data-dir'])}`);
    const child = spawn(electron.path, args, { cwd: ROOT, stdio: 'inherit' });
    cleanups.push(() => void child.kill());
    child.on('exit', (code) => void shutdown(code ?? 0));
    return;
  }
  const userDataDir = resolve(flags['user-data-dir'] ?? env.COUCHSIDE_USER_DATA_DIR ?? '.data/web-client');
  const { log, file: logFile } = setupWebHostLog(userDataDir);
  const host = await startWebHost({
    serverUrl,
    service,
    userDataDir,
    log,
    rendererDir: resolve(ROOT, 'out/renderer'),
    port: Number(flags['web-port'] ?? env.COUCHSIDE_WEB_PORT ?? 4701),
    kiosk: { kiosk: flags.kiosk, demo: flags.demo, idleResetSeconds },
    onKioskExit: () => {
      browser?.close(`Kiosk: left kiosk mode with the admin PIN; closed the kiosk browser. Open ${host.launchUrl()} to use Couchside in a browser.`);
      browser = null;
    },
    version: readPackageVersion(),
  });
  cleanups.push(() => host.close());
  if (electron && !electron.ok) {
    console.log(`Electron is not available (${electron.reason}); serving Couchside to a browser instead: open ${host.launchUrl()}`);
  } else {
    console.log(`Couchside (web host): open ${host.launchUrl()}`);
  }
  console.log(`Web host log: ${logFile}`);
  if (host.kiosk.getState().enabled) {
    browser = keepKioskBrowserOpen(() => host.launchUrl(), console.log);
    cleanups.push(() => browser?.close());
  }
}

/** A flag's whole-number value (0 when absent); a bad value stops start-up with a clear message. */
function wholeNumber(flag: string, text: string | undefined, min: number): number {
  if (text === undefined) return 0;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) {
    console.error(`${flag} takes a whole number of at least ${min} (got "${text}").`);
    process.exit(2);
  }
  return n;
}

/** --idle-reset's value (undefined when absent); a bad value stops start-up with a clear message. */
function readIdleReset(text: string | undefined): number | undefined {
  try {
    return parseIdleReset(text, '--idle-reset');
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}

async function shutdown(code: number): Promise<void> {
  for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => {});
  process.exit(code);
}

if (isMain) {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  main().catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') console.error(`Port already in use (${err.message}). Pick another with --port / --web-port.`);
    else console.error(`Couchside could not start: ${err.message}`);
    void shutdown(1);
  });
}
