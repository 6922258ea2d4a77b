/**
 * CLI for the web host: `tsx electron/web/main.ts [--port N] [--server-url URL] [--user-data-dir DIR]
 * [--kiosk] [--demo] [--idle-reset SECONDS]`. Serves the built renderer (out/renderer) to a browser
 * on loopback; in kiosk mode it keeps a kiosk browser open on it (reopened if it is closed or
 * crashes) until the admin PIN ends kiosk mode.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { flagProblem, type FlagError } from '../../shared/cli';
import { parseIdleReset } from '../core/kiosk';
import { readPackageVersion } from './version';
import { keepKioskBrowserOpen, type KioskBrowser } from './kiosk-browser';
import { startWebHost } from './host';
import { setupWebHostLog } from './log';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const USAGE = `Usage: npm run web-host -- [options]

Serves the built app (out/renderer; npm run build) to a browser on loopback, talking to a Couchside
service that is already running (npm run server). npm start runs both.

  --port N               port to serve on (env COUCHSIDE_WEB_PORT, default 4701)
  --server-url URL       the service (env COUCHSIDE_SERVER_URL, default http://127.0.0.1:4700)
  --user-data-dir DIR    this client's session store and log (env COUCHSIDE_USER_DATA_DIR,
                         default .data/web-client)
  --kiosk                kiosk mode: opens Chromium full screen on the app (env COUCHSIDE_KIOSK=1)
  --demo                 kiosk demo mode: resets the demo household when idle (env COUCHSIDE_DEMO=1)
  --idle-reset SECONDS   kiosk idle time before the reset (env COUCHSIDE_IDLE_RESET, default 120)
  -h, --help             show this help`;

const FLAGS = {
  port: { type: 'string' },
  'server-url': { type: 'string' },
  'user-data-dir': { type: 'string' },
  kiosk: { type: 'boolean', default: false },
  demo: { type: 'boolean', default: false },
  'idle-reset': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The flags, or one line naming what is wrong and the usage (exit 2); --help prints the usage. */
function readFlags() {
  try {
    return parseArgs({ options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    console.error(`couchside web-host: ${flagProblem(err as FlagError, Object.keys(FLAGS))}\n\n${USAGE}`);
    process.exit(2);
  }
}

const values = readFlags();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

let idleResetSeconds: number | undefined;
try {
  idleResetSeconds = parseIdleReset(values['idle-reset'], '--idle-reset');
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

let browser: KioskBrowser | null = null;
const port = Number(values.port ?? process.env.COUCHSIDE_WEB_PORT ?? 4701);
const userDataDir = resolve(values['user-data-dir'] ?? process.env.COUCHSIDE_USER_DATA_DIR ?? '.data/web-client');
const { log, file: logFile } = setupWebHostLog(userDataDir);
const host = await startWebHost({
  port,
  serverUrl: values['server-url'] ?? process.env.COUCHSIDE_SERVER_URL ?? 'http://127.0.0.1:4700',
  userDataDir,
  log,
  rendererDir: resolve(ROOT, 'out/renderer'),
  kiosk: { kiosk: values.kiosk, demo: values.demo, idleResetSeconds },
  onKioskExit: () => {
    browser?.close(`Kiosk: left kiosk mode with the admin PIN; closed the kiosk browser. open ${host.launchUrl()} to use Couchside in a browser.`);
    browser = null;
  },
  version: readPackageVersion(),
});
console.log(`Couchside web host: open ${host.launchUrl()}  (log: ${logFile})`);
if (host.kiosk.getState().enabled) browser = keepKioskBrowserOpen(() => host.launchUrl(), console.log);

const stop = () => {
  browser?.close();
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
