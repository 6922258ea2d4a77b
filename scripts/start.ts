/**
 * `npm start`: starts the mock streaming service on loopback, then the Couchside app pointed at it.
 * Electron when its binary is installed; otherwise (or with --web) the web host, served to a browser.
 *
 *   npm start [-- --kiosk] [--demo] [--idle-reset SECONDS] [--web] [--port 4700] [--web-port 4701]
 *             [--data-dir .data/server] [--user-data-dir DIR] [--server-url URL] [--no-server]
 *             [--control] [--push-delay-ms N] [--access-ttl SECONDS]
 *             [--device-code-ttl SECONDS] [--device-code-interval SECONDS]
 *
 * Kiosk mode is also on with COUCHSIDE_KIOSK=1 or the stored setting; in the web host it keeps
 * the kiosk browser open (reopened if it is closed or crashes) until the admin PIN ends kiosk
 * mode. --demo (or COUCHSIDE_DEMO=1) resets the demo household after the idle time, through the
 * service's control API, so it turns --control on for the service started here.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readPackageVersion } from '../electron/web/version';
import { parseIdleReset } from '../electron/core/kiosk';
import { keepKioskBrowserOpen, type KioskBrowser } from '../electron/web/kiosk-browser';
import { startWebHost } from '../electron/web/host';
import { DEMO_ACCOUNT } from '../server/seed';
import { startService, type RunningService } from '../server/service';
import { findElectronBinary } from './lib/electron-binary';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

const { values: flags } = parseArgs({
  options: {
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
  },
  strict: true,
});

const env = process.env;
const cleanups: Array<() => Promise<void> | void> = [];
let browser: KioskBrowser | null = null;
const idleResetSeconds = readIdleReset(flags['idle-reset']);

async function main(): Promise<void> {
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

  const electron = flags.web ? null : findElectronBinary(ROOT);
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
  const host = await startWebHost({
    serverUrl,
    service,
    userDataDir: resolve(flags['user-data-dir'] ?? env.COUCHSIDE_USER_DATA_DIR ?? '.data/web-client'),
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
    console.log(`Electron is not available: ${electron.reason}. Serving Couchside to a browser instead: open ${host.launchUrl()}`);
  } else {
    console.log(`Couchside (web host): open ${host.launchUrl()}`);
  }
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

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') console.error(`Port already in use (${err.message}). Pick another with --port / --web-port.`);
  else console.error(`Couchside could not start: ${err.message}`);
  void shutdown(1);
});
