/**
 * CLI for the web host: `tsx electron/web/main.ts [--port N] [--server-url URL] [--user-data-dir DIR] [--kiosk]`.
 * Serves the built renderer (out/renderer) to a browser on loopback.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readPackageVersion } from './version';
import { openKioskBrowser } from './kiosk-browser';
import { startWebHost } from './host';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'server-url': { type: 'string' },
    'user-data-dir': { type: 'string' },
    kiosk: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log('Usage: npm run web-host -- [--port 4701] [--server-url http://127.0.0.1:4700] [--user-data-dir .data/web-client] [--kiosk]');
  process.exit(0);
}

const port = Number(values.port ?? process.env.COUCHSIDE_WEB_PORT ?? 4701);
const host = await startWebHost({
  port,
  serverUrl: values['server-url'] ?? process.env.COUCHSIDE_SERVER_URL ?? 'http://127.0.0.1:4700',
  userDataDir: resolve(values['user-data-dir'] ?? process.env.COUCHSIDE_USER_DATA_DIR ?? '.data/web-client'),
  rendererDir: resolve(ROOT, 'out/renderer'),
  kiosk: values.kiosk,
  version: readPackageVersion(),
});
console.log(`Couchside web host: open ${host.url}`);
if (values.kiosk || process.env.COUCHSIDE_KIOSK === '1') openKioskBrowser(host.url, console.log);

const stop = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
