/** A tiny logger interface so core/ can log without knowing where lines go (console, file, tests). */
export interface Logger {
  info(msg: string, extra?: Record<string, unknown>): void;
  warn(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}

/** Logs to the console with a tag, one line per event. */
export function consoleLogger(tag: string): Logger {
  const line = (level: string, msg: string, extra?: Record<string, unknown>) =>
    `[${tag}] ${level} ${msg}${extra ? ' ' + JSON.stringify(extra) : ''}`;
  return {
    info: (m, e) => console.log(line('info', m, e)),
    warn: (m, e) => console.warn(line('warn', m, e)),
    error: (m, e) => console.error(line('error', m, e)),
  };
}

/** Discards everything (tests, benchmarks). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
