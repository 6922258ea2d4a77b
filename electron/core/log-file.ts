/**
 * The log files, through electron-log (made for Electron; the Electron app uses electron-log/main,
 * the web host electron-log/node, the same file transport): one file per process kind under
 * `<data folder>/logs/`, rotated at 1 MiB to `<name>.old.log`, each line `time level [scope] text`.
 */
import type { Logger } from './log';

/** The part of an electron-log instance this module uses (electron-log/main and electron-log/node both are one). */
export interface ElectronLogLike {
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  transports: {
    file: { resolvePathFn: (...args: never[]) => string; maxSize: number; format: unknown; level: unknown; getFile(): { path: string } };
    console: { format: unknown; level: unknown };
  };
  errorHandler: { startCatching(opts?: { showDialog?: boolean; onError?: (o: { error: Error }) => void }): void };
}

/** Past this size a log file is moved to `<name>.old.log` (electron-log keeps one old file). */
export const LOG_MAX_BYTES = 1024 * 1024;

/** Sends `instance`'s lines to `file` (rotated) and the console; returns where they go. */
export function configureLogFile(instance: ElectronLogLike, file: string, opts: { console?: boolean } = {}): string {
  instance.transports.file.resolvePathFn = () => file;
  instance.transports.file.maxSize = LOG_MAX_BYTES;
  instance.transports.file.format = '{iso} {level} {text}';
  instance.transports.console.format = '{level} {text}';
  if (opts.console === false) instance.transports.console.level = false;
  return instance.transports.file.getFile().path;
}

/** Records uncaught exceptions and unhandled rejections in the log (no dialog: a TV has nobody to click it). */
export function catchUncaught(instance: ElectronLogLike): void {
  instance.errorHandler.startCatching({ showDialog: false });
}

/** A core Logger whose lines go to `instance`, tagged with `scope`. */
export function electronLogger(instance: ElectronLogLike, scope: string): Logger {
  const line = (msg: string, extra?: Record<string, unknown>) => `[${scope}] ${msg}${extra ? ' ' + JSON.stringify(extra) : ''}`;
  return {
    info: (m, e) => instance.info(line(m, e)),
    warn: (m, e) => instance.warn(line(m, e)),
    error: (m, e) => instance.error(line(m, e)),
  };
}
