/**
 * `npm install`'s postinstall (also `npx tsx scripts/install-electron.ts`): fetches Electron's
 * binary with Electron's own installer when it is missing (Electron 45 no longer does it at
 * install time). It never fails the install: offline, or where the network blocks the download,
 * it says why in one line and `npm start` serves Couchside to a browser instead.
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips it.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronBinary } from './lib/electron-binary';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') {
  console.log('Electron: not downloading its binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1).');
} else {
  const binary = await ensureElectronBinary(ROOT, { log: (line) => console.log(line) });
  console.log(
    binary.ok
      ? `Electron: ${binary.path}`
      : `Electron is not installed: ${binary.reason}. npm start will serve Couchside to a browser instead (it tries again each time).`,
  );
}
