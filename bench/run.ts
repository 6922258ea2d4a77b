/**
 * `npm run bench`: prints the revocation fan-out figures (N devices, against a bare ws broadcast),
 * the server's memory per connected device, and the end-to-end UI time, and writes them to
 * bench/results/latest.json. Targets are printed as PASS/MISS; the exit code is non-zero only when
 * the bench itself broke (1), ran out of time (2) or was interrupted.
 *
 *   npx tsx bench/run.ts [--devices 1000,10000] [--quick] [--workers 4] [--concurrency 200]
 *                        [--ui-runs 5] [--skip-ui] [--skip-fanout] [--clear-timeout 30] [--timeout 900]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runFanout, type FanoutResult } from './fanout';
import { killAllChildren, ROOT } from './lib/rpc';
import { runUi, type UiResult } from './ui';

const TARGET_P99_MS = 250;
const TARGET_P99_AT_N = 10_000;
const TARGET_RATIO = 2;

const USAGE = `Usage: npx tsx bench/run.ts [options]   (or: npm run bench -- [options])
  --devices <list>       device counts for the fan-out, comma-separated (default 1000,10000)
  --quick                smoke run: 200 devices, 2 UI runs, 5 min limit
  --workers <n>          client worker processes (default 4)
  --concurrency <n>      restores / connects in flight over all workers (default 200)
  --clear-timeout <s>    a device not cleared this long after the sign-out counts as missed (default 30)
  --warmup <n>           devices in an unmeasured warm-up round on another account (default 100; 0 = none)
  --ui-runs <n>          end-to-end UI runs (default 5)
  --skip-ui              skip the UI scenario
  --skip-fanout          skip the fan-out scenario
  --timeout <s>          overall limit; the bench stops itself after this (default 900)
  --out <file>           results file (default bench/results/latest.json)
  --cpu-prof <dir>       write V8 CPU profiles of the server child and workers there (diagnostics)`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

function options() {
  const { values } = parseArgs({
    options: {
      devices: { type: 'string' },
      quick: { type: 'boolean', default: false },
      workers: { type: 'string' },
      concurrency: { type: 'string' },
      'clear-timeout': { type: 'string' },
      warmup: { type: 'string' },
      'ui-runs': { type: 'string' },
      'skip-ui': { type: 'boolean', default: false },
      'skip-fanout': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      out: { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const devices = values.devices
    ? values.devices.split(',').map((d) => positiveInt('devices', d.trim(), 0))
    : quick
      ? [200]
      : [1000, 10_000];
  return {
    quick,
    devices,
    workers: positiveInt('workers', values.workers, 4),
    concurrency: positiveInt('concurrency', values.concurrency, 200),
    clearTimeoutMs: positiveInt('clear-timeout', values['clear-timeout'], 30) * 1000,
    warmup: values.warmup === '0' ? 0 : positiveInt('warmup', values.warmup, 100),
    uiRuns: positiveInt('ui-runs', values['ui-runs'], quick ? 2 : 5),
    skipUi: values['skip-ui'] ?? false,
    skipFanout: values['skip-fanout'] ?? false,
    timeoutMs: positiveInt('timeout', values.timeout, quick ? 300 : 900) * 1000,
    out: resolve(values.out ?? resolve(ROOT, 'bench/results/latest.json')),
    cpuProfileDir: values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined,
  };
}

function gitCommit(): string | null {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    return dirty ? `${commit} (uncommitted changes)` : commit;
  } catch {
    return null;
  }
}

function machine() {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
    gitCommit: gitCommit(),
  };
}

interface Check {
  name: string;
  n?: number;
  value: string;
  pass: boolean;
}

function checksFor(r: FanoutResult): Check[] {
  const checks: Check[] = [
    { name: 'every device cleared', n: r.n, value: `${r.revocation.received}/${r.n}`, pass: r.revocation.missed === 0 },
  ];
  if (r.n >= TARGET_P99_AT_N) {
    checks.push({ name: `p99 < ${TARGET_P99_MS} ms at ${TARGET_P99_AT_N.toLocaleString('en-US')} devices`, n: r.n, value: `${r.revocation.latencyMs.p99} ms`, pass: r.revocation.latencyMs.p99 < TARGET_P99_MS });
  }
  checks.push({ name: `p99 within ${TARGET_RATIO}x of the bare broadcast`, n: r.n, value: `${r.p99Ratio}x`, pass: r.p99Ratio <= TARGET_RATIO });
  return checks;
}

const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const int = (x: number) => x.toLocaleString('en-US');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ')).join('\n');
}

function printFanout(results: FanoutResult[]): void {
  if (results.length === 0) return;
  const head = ['', ...results.map((r) => `N = ${int(r.n)}`)];
  const col = (f: (r: FanoutResult) => string) => results.map(f);
  const rows: string[][] = [
    head,
    ['client workers / restore concurrency', ...col((r) => `${r.workers} / ${r.concurrency}`)],
    ['warm-up round (devices, other account)', ...col((r) => String(r.warmupDevices))],
    ['restore + open all streams', ...col((r) => `${fmt(r.restore.ms / 1000)} s`)],
    ['sign-out-all: devices cleared', ...col((r) => `${int(r.revocation.received)}/${int(r.n)}`)],
    ['  wipe latency p50 (ms)', ...col((r) => fmt(r.revocation.latencyMs.p50))],
    ['  wipe latency p99 (ms)', ...col((r) => fmt(r.revocation.latencyMs.p99))],
    ['  wipe latency max (ms)', ...col((r) => fmt(r.revocation.latencyMs.max))],
    ['  HTTP 204 of the request (ms)', ...col((r) => fmt(r.revocation.httpResponseMs))],
    ['bare ws broadcast: received', ...col((r) => `${int(r.baseline.received)}/${int(r.n)}`)],
    ['  receive latency p50 (ms)', ...col((r) => fmt(r.baseline.latencyMs.p50))],
    ['  receive latency p99 (ms)', ...col((r) => fmt(r.baseline.latencyMs.p99))],
    ['  receive latency max (ms)', ...col((r) => fmt(r.baseline.latencyMs.max))],
    ['  HTTP response of /broadcast (ms)', ...col((r) => fmt(r.baseline.httpResponseMs))],
    ['bare broadcast + close(4001), clients drop', ...col((r) => `${int(r.baselineWithClose.received)}/${int(r.n)}`)],
    ['  receive latency p50 / p99 (ms)', ...col((r) => `${fmt(r.baselineWithClose.latencyMs.p50)} / ${fmt(r.baselineWithClose.latencyMs.p99)}`)],
    ['  HTTP response of /broadcast?close=1 (ms)', ...col((r) => fmt(r.baselineWithClose.httpResponseMs))],
    ['p99 ratio (ours / bare broadcast)', ...col((r) => `${fmt(r.p99Ratio, 2)}x`)],
    ['server memory per device: rss (KiB)', ...col((r) => fmt(r.memory.perDeviceKiB.rss))],
    ['server memory per device: heapUsed (KiB)', ...col((r) => fmt(r.memory.perDeviceKiB.heapUsed))],
    ['  bare ws per client: heapUsed (KiB)', ...col((r) => fmt(r.memory.baselinePerClientKiB.heapUsed))],
    ['max clock skew between processes (ms)', ...col((r) => fmt(r.clockSkewMs.maxAbsOffset, 3))],
  ];
  console.log('\nRevocation fan-out: POST /v1/auth/sign-out-all -> each device core wipes its stored session');
  console.log('(latencies from t0 = just before the request; all processes read performance.timeOrigin + now())\n');
  console.log(table(rows));
}

function printUi(ui: UiResult | undefined): void {
  if (!ui) return;
  console.log('\nEnd to end in the UI: phone clicks "Sign Out" -> TV shows "Sign in" (Chromium, web host)\n');
  if ('skipped' in ui) {
    console.log(`  skipped: ${ui.skipped}`);
    return;
  }
  console.log(
    table([
      ['', 'median', 'min', 'max', 'runs'],
      ['click -> TV sign-in screen (ms)', fmt(ui.medianMs), fmt(ui.minMs), fmt(ui.maxMs), String(ui.runs.length)],
    ]),
  );
}

function printChecks(checks: Check[]): void {
  if (checks.length === 0) return;
  console.log('\nTargets\n');
  console.log(table(checks.map((c) => [`${c.pass ? 'PASS' : 'MISS'}  ${c.name}${c.n !== undefined ? ` (N = ${int(c.n)})` : ''}`, c.value])));
}

function withoutOut<T extends { out: string }>(o: T): Omit<T, 'out'> {
  const { out: _out, ...rest } = o;
  return rest;
}

async function main(): Promise<number> {
  const o = options();
  const started = new Date();
  const log = (line: string) => console.log(line);
  const report: {
    startedAt: string;
    finishedAt?: string;
    durationS?: number;
    command: string;
    options: Omit<ReturnType<typeof options>, 'out'>;
    machine: ReturnType<typeof machine>;
    fanout: FanoutResult[];
    ui?: UiResult;
    targets: Check[];
    errors: string[];
  } = {
    startedAt: started.toISOString(),
    command: `npx tsx bench/run.ts ${process.argv.slice(2).join(' ')}`.trim(),
    options: withoutOut(o),
    machine: machine(),
    fanout: [],
    targets: [],
    errors: [],
  };

  const write = () => {
    report.finishedAt = new Date().toISOString();
    report.durationS = Math.round((Date.now() - started.getTime()) / 100) / 10;
    report.targets = report.fanout.flatMap(checksFor);
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, JSON.stringify(report, null, 2) + '\n');
  };

  // The bench always stops by itself: after the overall limit, write what we have and leave.
  const limit = setTimeout(() => {
    report.errors.push(`overall timeout: the bench ran longer than ${o.timeoutMs / 1000} s and was stopped`);
    console.error(`\n${report.errors.at(-1)}`);
    try {
      write();
    } finally {
      killAllChildren();
      process.exit(2);
    }
  }, o.timeoutMs);
  limit.unref();

  const m = report.machine;
  console.log(`Couchside bench — ${m.cpuModel}, ${m.cores} cores, ${m.totalMemoryGiB} GiB, ${m.os}, Node ${m.node}, commit ${m.gitCommit ?? '?'}`);
  console.log(`load average at start: ${m.loadAverageAtStart.join(' ')}`);

  if (!o.skipFanout) {
    for (const n of o.devices) {
      console.log(`\nFan-out, N = ${int(n)} (${o.workers} workers, restore concurrency ${o.concurrency})`);
      try {
        report.fanout.push(
          await runFanout(n, {
            workers: o.workers,
            warmup: o.warmup,
            concurrency: o.concurrency,
            clearTimeoutMs: o.clearTimeoutMs,
            connectTimeoutMs: Math.max(120_000, n * 30),
            cpuProfileDir: o.cpuProfileDir,
            log,
          }),
        );
      } catch (err) {
        const msg = `fan-out N=${n}: ${err instanceof Error ? err.message : String(err)}`;
        report.errors.push(msg);
        console.error(`  BROKEN: ${msg}`);
      }
    }
  }

  if (!o.skipUi) {
    console.log(`\nUI end to end (${o.uiRuns} runs)`);
    try {
      report.ui = await runUi(o.uiRuns, log);
    } catch (err) {
      const msg = `UI: ${err instanceof Error ? err.message : String(err)}`;
      report.errors.push(msg);
      console.error(`  BROKEN: ${msg}`);
    }
  }

  write();
  printFanout(report.fanout);
  printUi(report.ui);
  printChecks(report.targets);
  if (report.errors.length) {
    console.log('\nErrors (the bench itself broke here):');
    for (const e of report.errors) console.log(`  - ${e}`);
  }
  console.log(`\nWrote ${relative(process.cwd(), o.out) || o.out} in ${report.durationS} s`);
  return report.errors.length ? 1 : 0;
}

process.on('exit', killAllChildren);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping the bench and its children`);
    killAllChildren();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

main().then(
  (code) => {
    killAllChildren();
    process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    killAllChildren();
    process.exit(1);
  },
);
