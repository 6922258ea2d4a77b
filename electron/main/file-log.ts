/** The main process's log: every line to the console and appended to couchside.log in userData. No electron import. */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../core/log';

/** Past this size the log is moved to `<file>.1` at start (one old file kept). */
const MAX_BYTES = 1024 * 1024;

/** A Logger writing `time level [tag] message {extra}` lines to `file` (sync, so lines survive an app.exit) and the console. */
export function fileLogger(file: string, tag: string): Logger {
  let writable = true;
  try {
    mkdirSync(dirname(file), { recursive: true });
    if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES) renameSync(file, `${file}.1`);
  } catch {
    /* the console still gets every line */
  }
  const write = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => {
    const line = `[${tag}] ${level} ${msg}${extra ? ' ' + JSON.stringify(extra) : ''}`;
    (level === 'info' ? console.log : level === 'warn' ? console.warn : console.error)(line);
    if (!writable) return;
    try {
      appendFileSync(file, `${new Date().toISOString()} ${line}\n`, { mode: 0o600 });
    } catch (err) {
      writable = false;
      console.error(`[${tag}] error could not write the log file ${file}: ${String(err)}`);
    }
  };
  return {
    info: (m, e) => write('info', m, e),
    warn: (m, e) => write('warn', m, e),
    error: (m, e) => write('error', m, e),
  };
}
