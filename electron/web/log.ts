/**
 * The web host's log, the same way as the Electron app's (electron-log, here its Node build):
 * `<user-data-dir>/logs/web-host.log`, rotated at 1 MiB to web-host.old.log, and the console;
 * uncaught exceptions and unhandled rejections in the host process are recorded there.
 */
import nodeLog from 'electron-log/node';
import { join } from 'node:path';
import { catchUncaught, configureLogFile, electronLogger, type ElectronLogLike } from '../core/log-file';
import type { Logger } from '../core/log';

/** Where the web host logs for this user-data dir. */
export const webHostLogFile = (userDataDir: string) => join(userDataDir, 'logs', 'web-host.log');

/** Configures the process's logger for a web host CLI (`npm start`, `npm run web-host`); call once. */
export function setupWebHostLog(userDataDir: string): { log: Logger; file: string } {
  const instance = nodeLog as unknown as ElectronLogLike;
  const file = configureLogFile(instance, webHostLogFile(userDataDir));
  catchUncaught(instance);
  return { log: electronLogger(instance, 'web-host'), file };
}
