/**
 * What the kit attaches to a failed test so the HTML report explains the failure on its own:
 * each device's log files from its user-data dir, its main process's stdout and stderr (the web
 * host's log lines), and a Playwright trace of its Electron context. No Playwright import, so
 * the logic is unit-tested with fakes.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from '../../electron/core/log';

/**
 * The log files Couchside writes in its data dir, first match first: the app's own file log
 * (`couchside.log` and its rotated `.1`), and electron-log's defaults (`logs/main.log`,
 * `main.log`, with `.old.log` rotations). Any other `*.log` in the dir or its `logs/` follows.
 */
export const KNOWN_LOG_NAMES: readonly string[] = [
  'couchside.log',
  'couchside.log.1',
  join('logs', 'couchside.log'),
  join('logs', 'main.log'),
  join('logs', 'main.old.log'),
  'main.log',
  'main.old.log',
];

/** The log files in a device's data dir (absolute paths, known names first); [] when there are none. */
export function findLogFiles(dir: string): string[] {
  const found = KNOWN_LOG_NAMES.map((name) => join(dir, name)).filter(isFile);
  for (const sub of [dir, join(dir, 'logs')]) {
    const names = existsSync(sub) && statSync(sub).isDirectory() ? readdirSync(sub).sort() : [];
    for (const name of names) {
      const full = join(sub, name);
      if (name.endsWith('.log') && !found.includes(full) && isFile(full)) found.push(full);
    }
  }
  return found;
}

function isFile(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** Keeps the last `limit` bytes written to it (a process's output can be large; the end explains a failure). */
export class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = 0;

  constructor(private readonly limit = 1024 * 1024) {}

  write(chunk: Buffer | string): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.chunks.push(buf);
    this.size += buf.length;
    while (this.size > this.limit && this.chunks.length > 1) {
      const first = this.chunks.shift()!;
      this.size -= first.length;
      this.dropped += first.length;
    }
  }

  /** Collects everything a stream emits (e.g. `electronApp.process().stdout`). */
  follow(stream: Readable | null | undefined): void {
    stream?.on('data', (chunk: Buffer | string) => this.write(chunk));
  }

  get empty(): boolean {
    return this.size === 0;
  }

  text(): string {
    const head = this.dropped > 0 ? `[… ${this.dropped} earlier bytes dropped]\n` : '';
    return head + Buffer.concat(this.chunks).toString('utf8');
  }
}

/** A Logger that writes `time level message {extra}` lines into an OutputTail (the web host's log in a test). */
export function tailLogger(tail: OutputTail, tag: string): Logger {
  const write = (level: string, msg: string, extra?: Record<string, unknown>) =>
    tail.write(`${new Date().toISOString()} [${tag}] ${level} ${msg}${extra ? ' ' + JSON.stringify(extra) : ''}\n`);
  return { info: (m, e) => write('info', m, e), warn: (m, e) => write('warn', m, e), error: (m, e) => write('error', m, e) };
}

/** What the kit knows about one device (one launch of an app) when the test ends. */
export interface DeviceRecord {
  /** "device-1", "device-2" … in launch order; a relaunch adds "(run 2)". */
  label: string;
  userDataDir: string;
  /** Electron: the main process's stdout and stderr. Web host: its log lines, as `stdout`. */
  stdout: OutputTail;
  stderr: OutputTail | null;
  /** Saved Playwright trace zips of this device's Electron context (one per run of the app). */
  traces: string[];
}

/** The part of Playwright's TestInfo the attachments use. */
export interface Attacher {
  attach(name: string, options: { body?: string | Buffer; path?: string; contentType?: string }): Promise<void>;
}

/**
 * Attaches each device's logs, output and traces. Traces are attached under the name "trace"
 * with a zip content type, which the HTML report opens in the trace viewer.
 */
export async function attachDeviceArtifacts(info: Attacher, devices: readonly DeviceRecord[]): Promise<void> {
  for (const d of devices) {
    for (const file of findLogFiles(d.userDataDir)) {
      const name = file.slice(d.userDataDir.length + 1).replaceAll('\\', '/');
      await info.attach(`${d.label} ${name}`, { body: readFileSync(file), contentType: 'text/plain' });
    }
    if (!d.stdout.empty) await info.attach(`${d.label} ${d.stderr ? 'main process stdout' : 'web host log'}`, { body: d.stdout.text(), contentType: 'text/plain' });
    if (d.stderr && !d.stderr.empty) await info.attach(`${d.label} main process stderr`, { body: d.stderr.text(), contentType: 'text/plain' });
    for (const trace of d.traces) if (existsSync(trace)) await info.attach('trace', { path: trace, contentType: 'application/zip' });
  }
}

/** Removes saved traces that are not wanted (a passing test). */
export function discardTraces(devices: readonly DeviceRecord[]): void {
  for (const d of devices) for (const trace of d.traces) rmSync(trace, { force: true });
}

/** Playwright's `trace` option, as a string or `{ mode }`. */
export type TraceMode = 'off' | 'on' | 'retain-on-failure' | 'on-first-retry' | 'on-all-retries' | 'retain-on-first-failure' | 'retain-on-failure-and-retries';

/** Whether to record an Electron trace in this attempt, following the project's `trace` option like Playwright does for browsers. */
export function recordsTrace(mode: TraceMode | string, retry: number): boolean {
  if (mode === 'off') return false;
  if (mode === 'on-first-retry') return retry === 1;
  if (mode === 'on-all-retries') return retry > 0;
  if (mode === 'retain-on-first-failure') return retry === 0;
  return true;
}

/** Whether to keep (attach) a recorded trace once the test is over. */
export function keepsTrace(mode: TraceMode | string, failed: boolean): boolean {
  return mode === 'on' || mode === 'on-first-retry' || mode === 'on-all-retries' || failed;
}
