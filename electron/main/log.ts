/**
 * The main process's log with electron-log: `<userData>/logs/main.log` (rotated at 1 MiB to
 * main.old.log) and the console. Uncaught exceptions and unhandled rejections are recorded
 * there; the renderer's errors arrive through the bridge's reportError (core/renderer-errors.ts).
 */
import { app } from 'electron';
import mainLog from 'electron-log/main';
import { join } from 'node:path';
import { catchUncaught, configureLogFile, electronLogger, type ElectronLogLike } from '../core/log-file';
import type { Logger } from '../core/log';

/** Where the main process logs for this userData folder. */
export function mainLogFile(userData: string = app.getPath('userData')): string {
  return join(userData, 'logs', 'main.log');
}

/** Configures electron-log for the main process; call once after --user-data-dir is applied. */
export function setupMainLog(instance: ElectronLogLike = mainLog as unknown as ElectronLogLike): { log: Logger; file: string } {
  const file = configureLogFile(instance, mainLogFile());
  catchUncaught(instance);
  return { log: electronLogger(instance, 'main'), file };
}
