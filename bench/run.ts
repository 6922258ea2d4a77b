/**
 * `npm run bench`: prints the revocation fan-out figures (N devices, against a bare ws broadcast),
 * the server's memory per connected device, and the end-to-end UI time, and writes them to
 * bench/results/latest.json. Targets are printed as PASS/MISS; the exit code is non-zero only when
 * the bench itself broke (1), ran out of time (2) or was interrupted.
 *
 *   npx tsx bench/run.ts [--devices 1000,10000] [--quick] [--workers 4] [--concurrency 200]
 *                        [--ui-runs 5] [--skip-ui] [--skip-fanout] [--skip-browse] [--clear-timeout 30] [--timeout 900]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runFanout, type BroadcastFigures, type FanoutResult, type FanoutVia } from './fanout';
import { median, round } from './lib/stats';
import { killAllChildren, ROOT } from './lib/rpc';
import { runBrowse, type BrowseResult } from './browse';
import { runUi, type UiResult } from './ui';
import { printStartup, runStartup, type StartupResult } from './startup';
import { printPlayback, runPlayback, type PlaybackBenchResult } from './playback';

const TARGET_P99_MS = 250;
const TARGET_P99_AT_N = 10_000;
const TARGET_RATIO = 1.3;
/** The service's own CPU time for the fan-out, against the bare broadcast server's, same run. */
const TARGET_CPU_RATIO = 1.2;

const USAGE = `Usage: npx tsx bench/run.ts [options]   (or: npm run bench -- [options])
  --devices <list>       device counts for the fan-out, comma-separated (default 1000,10000)
  --quick                smoke run: 200 devices, 1 run, 2 UI runs, 5 min limit
  --repeat <n>           fan-out runs per device count, each on fresh processes; medians are reported (default 3)
  --workers <n>          client worker processes (default 4)
  --concurrency <n>      restores / connects in flight over all workers (default 200)
  --clear-timeout <s>    a device not cleared this long after the sign-out counts as missed (default 30)
  --warmup <n>           devices in an unmeasured warm-up round on another account (default 100; 0 = none)
  --ui-runs <n>          end-to-end UI runs (default 5)
  --skip-ui              skip the UI scenario
  --skip-fanout          skip the fan-out scenario
  --skip-browse          skip the browse-and-play scenario (home, title, search as you type, progress, code sign-in)
  --play-runs <n>        Play to first frame runs in Chromium, media made (default 10; --quick 2)
  --skip-playback        skip the playback scenario (Play to first frame, segment throughput per device)
  --timeout <s>          overall limit; the bench stops itself after this (default 900)
  --out <file>           results file (default bench/results/latest.json)
  --via <page|tv|page,tv> which "Sign out of all devices" the fan-out presses: the account web page's
                         (default; signed in there first, as on a phone) or the TV's Settings (the API
                         call with the account password, whose scrypt check then sits inside the window);
                         --quick presses both
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
      repeat: { type: 'string' },
      'ui-runs': { type: 'string' },
      'skip-ui': { type: 'boolean', default: false },
      'skip-fanout': { type: 'boolean', default: false },
      'skip-browse': { type: 'boolean', default: false },
      'play-runs': { type: 'string' },
      'skip-playback': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      out: { type: 'string' },
      'cpu-prof': { type: 'string' },
      via: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  // The smoke run presses both, so neither path can rot unseen.
  const via = (values.via ?? (quick ? 'page,tv' : 'page')).split(',').map((v) => v.trim());
  for (const v of via) if (v !== 'page' && v !== 'tv') throw new Error(`--via takes 'page', 'tv' or 'page,tv', got '${values.via}'`);
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
    repeat: positiveInt('repeat', values.repeat, quick ? 1 : 3),
    uiRuns: positiveInt('ui-runs', values['ui-runs'], quick ? 2 : 5),
    skipUi: values['skip-ui'] ?? false,
    skipBrowse: values['skip-browse'] ?? false,
    skipFanout: values['skip-fanout'] ?? false,
    skipPlayback: values['skip-playback'] ?? false,
    playRuns: positiveInt('play-runs', values['play-runs'], quick ? 2 : 10),
    timeoutMs: positiveInt('timeout', values.timeout, quick ? 300 : 900) * 1000,
    out: resolve(values.out ?? resolve(ROOT, 'bench/results/latest.json')),
    cpuProfileDir: values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined,
    via: via as FanoutVia[],
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
    loadAverageAtEnd: [] as number[],
    gitCommit: gitCommit(),
  };
}

interface Check {
  name: string;
  n?: number;
  value: string;
  pass: boolean;
}

/** Medians over runs of one path's figures. */
interface MedianFigures {
  p50: number;
  p99: number;
  max: number;
  httpMs: number;
  /** CPU time the server child spent in the window (from t0 until every receipt was collected). */
  serverCpuMs: number;
}

/** All runs for one N, and the median of each figure over them (what the table and targets use). */
interface FanoutSeries {
  /** Which "Sign out of all devices" was pressed. */
  via: FanoutVia;
  n: number;
  runs: FanoutResult[];
  median: {
    restoreS: number;
    /** Fewest devices cleared in any run. */
    minCleared: number;
    ours: MedianFigures;
    /** The service's frame at each device's raw socket (no client core). */
    reach: MedianFigures;
    bare: MedianFigures;
    bareWithClose: MedianFigures;
    /** Median over runs of each run's own ratio: the wipe in the real client cores against the bare broadcast. */
    p99Ratio: number;
    /** The same for the service's frame at each device's socket against the bare broadcast. */
    reachP99Ratio: number;
    /** Server CPU ratio of the sockets-only round (ours / bare). */
    reachCpuRatio: number;
    /** Median over runs of each run's server CPU time ratio (ours / bare). */
    cpuRatio: number;
    memoryPerDeviceKiB: { rss: number; heapUsed: number };
    barePerClientHeapKiB: number;
    /** Busy cores not explained by the bench during the sign-out window (other work on the machine). */
    otherCoresDuringSignOut: number | null;
    benchCoresDuringSignOut: number;
    serverCoresDuringSignOut: number;
    workerCoresDuringSignOut: number;
  };
  /** p99 of our path in each run, in run order. */
  p99s: number[];
}

/** How each "Sign out of all devices" is named in the output. */
const VIA_NAMES: Record<FanoutVia, string> = { page: 'the account page', tv: "the TV's Settings" };

function series(n: number, via: FanoutVia, runs: FanoutResult[]): FanoutSeries {
  const m = (f: (r: FanoutResult) => number) => round(median(runs.map(f)), 2);
  const fig = (f: (r: FanoutResult) => BroadcastFigures) => ({
    p50: m((r) => f(r).latencyMs.p50),
    p99: m((r) => f(r).latencyMs.p99),
    max: m((r) => f(r).latencyMs.max),
    httpMs: m((r) => f(r).httpResponseMs),
    serverCpuMs: m((r) => f(r).cpu?.serverCpuMs ?? Number.NaN),
  });
  const other = runs.map((r) => r.revocation.cpu?.otherCores).filter((x): x is number => typeof x === 'number');
  return {
    n,
    via,
    runs,
    median: {
      restoreS: m((r) => r.restore.ms / 1000),
      minCleared: Math.min(...runs.map((r) => r.revocation.received)),
      ours: fig((r) => r.revocation),
      reach: fig((r) => r.reach),
      bare: fig((r) => r.baseline),
      bareWithClose: fig((r) => r.baselineWithClose),
      p99Ratio: m((r) => r.p99Ratio),
      reachP99Ratio: m((r) => r.reachP99Ratio),
      reachCpuRatio: m((r) => (r.reach.cpu && r.baseline.cpu && r.baseline.cpu.serverCpuMs > 0 ? r.reach.cpu.serverCpuMs / r.baseline.cpu.serverCpuMs : Number.NaN)),
      cpuRatio: m((r) => (r.revocation.cpu && r.baseline.cpu && r.baseline.cpu.serverCpuMs > 0 ? r.revocation.cpu.serverCpuMs / r.baseline.cpu.serverCpuMs : Number.NaN)),
      memoryPerDeviceKiB: { rss: m((r) => r.memory.perDeviceKiB.rss), heapUsed: m((r) => r.memory.perDeviceKiB.heapUsed) },
      barePerClientHeapKiB: m((r) => r.memory.baselinePerClientKiB.heapUsed),
      otherCoresDuringSignOut: other.length ? round(median(other), 2) : null,
      benchCoresDuringSignOut: m((r) => r.revocation.cpu?.benchCores ?? Number.NaN),
      serverCoresDuringSignOut: m((r) => r.revocation.cpu?.serverCores ?? Number.NaN),
      workerCoresDuringSignOut: m((r) => r.revocation.cpu?.workerCores ?? Number.NaN),
    },
    p99s: runs.map((r) => r.revocation.latencyMs.p99),
  };
}

function checksFor(s: FanoutSeries, all: FanoutSeries[]): Check[] {
  const runs = s.runs.length > 1 ? `median of ${s.runs.length} runs: ` : '';
  // Named by path when the run pressed more than one.
  const by = new Set(all.map((x) => x.via)).size > 1 ? `, via ${VIA_NAMES[s.via]}` : '';
  const checks: Check[] = [
    { name: `every device cleared (every run)${by}`, n: s.n, value: `${int(s.median.minCleared)}/${int(s.n)}`, pass: s.median.minCleared === s.n },
  ];
  if (s.n >= TARGET_P99_AT_N) {
    checks.push({
      name: `p99 < ${TARGET_P99_MS} ms at ${int(TARGET_P99_AT_N)} devices${by}`,
      n: s.n,
      value: `${runs}${fmt(s.median.ours.p99)} ms`,
      pass: s.median.ours.p99 < TARGET_P99_MS,
    });
  }
  checks.push({
    name: `fan-out p99 within ${TARGET_RATIO}x of the bare broadcast: the frame at each device's socket${by}`,
    n: s.n,
    value: `${runs}${fmt(s.median.reachP99Ratio, 2)}x`,
    pass: s.median.reachP99Ratio <= TARGET_RATIO,
  });
  checks.push({
    name: `the same to the wipe: real client cores sharing the machine${by}`,
    n: s.n,
    value: `${runs}${fmt(s.median.p99Ratio, 2)}x`,
    pass: s.median.p99Ratio <= TARGET_RATIO,
  });
  checks.push({
    name: `server CPU within ${TARGET_CPU_RATIO}x of the bare server's${by}`,
    n: s.n,
    value: `${runs}${fmt(s.median.cpuRatio, 2)}x`,
    pass: s.median.cpuRatio <= TARGET_CPU_RATIO,
  });
  return checks;
}

const mark = (pass: boolean) => (pass ? ' PASS' : ' MISS');
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const int = (x: number) => x.toLocaleString('en-US');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ')).join('\n');
}

function printFanout(all: FanoutSeries[]): void {
  if (all.length === 0) return;
  const col = (f: (s: FanoutSeries) => string) => all.map(f);
  const first = (s: FanoutSeries) => s.runs[0]!;
  const rows: string[][] = [
    ['', ...col((s) => `N = ${int(s.n)}`)],
    ['"Sign out of all devices" pressed on', ...col((s) => VIA_NAMES[s.via])],
    ['runs (figures are medians over runs)', ...col((s) => String(s.runs.length))],
    ['client workers / restore concurrency', ...col((s) => `${first(s).workers} / ${first(s).concurrency}`)],
    ['warm-up round (devices, other account)', ...col((s) => String(first(s).warmupDevices))],
    ['restore + open all streams', ...col((s) => `${fmt(s.median.restoreS)} s`)],
    ['sign-out-all: devices cleared (worst run)', ...col((s) => `${int(s.median.minCleared)}/${int(s.n)}${mark(s.median.minCleared === s.n)}`)],
    ['  wipe latency p50 (ms)', ...col((s) => fmt(s.median.ours.p50))],
    [
      `  wipe latency p99 (ms)   [target < ${TARGET_P99_MS} at ${int(TARGET_P99_AT_N)}]`,
      ...col((s) => fmt(s.median.ours.p99) + (s.n >= TARGET_P99_AT_N ? mark(s.median.ours.p99 < TARGET_P99_MS) : '')),
    ],
    ['    p99 of each run (ms)', ...col((s) => s.p99s.map((x) => fmt(x, 0)).join(' '))],
    ['  wipe latency max (ms)', ...col((s) => fmt(s.median.ours.max))],
    ['  HTTP answer to the request (ms)', ...col((s) => fmt(s.median.ours.httpMs))],
    ['  the password check alone, before t0 (ms)', ...col((s) => fmt(median(s.runs.map((r) => r.revocation.passwordCheckMs))))],
    ['  server CPU time in the window (ms)', ...col((s) => fmt(s.median.ours.serverCpuMs, 0))],
    ['the service alone: raw device sockets (ms)', ...col(() => '')],
    ['  frame received p50 / p99', ...col((s) => `${fmt(s.median.reach.p50)} / ${fmt(s.median.reach.p99)}`)],
    ['    p99 of each run (ms)', ...col((s) => s.runs.map((r) => fmt(r.reach.latencyMs.p99, 0)).join(' '))],
    ['  HTTP answer to the request (ms)', ...col((s) => fmt(s.median.reach.httpMs))],
    ['  server CPU time in the window (ms)', ...col((s) => fmt(s.median.reach.serverCpuMs, 0))],
    ['bare ws broadcast: receive p50 (ms)', ...col((s) => fmt(s.median.bare.p50))],
    ['  receive latency p99 (ms)', ...col((s) => fmt(s.median.bare.p99))],
    ['  receive latency max (ms)', ...col((s) => fmt(s.median.bare.max))],
    ['  HTTP response of /broadcast (ms)', ...col((s) => fmt(s.median.bare.httpMs))],
    ['  server CPU time in the window (ms)', ...col((s) => fmt(s.median.bare.serverCpuMs, 0))],
    ['    p99 of each run (ms)', ...col((s) => s.runs.map((r) => fmt(r.baseline.latencyMs.p99, 0)).join(' '))],
    [`p99 ratio, frame at the socket / bare [target <= ${TARGET_RATIO}x]`, ...col((s) => `${fmt(s.median.reachP99Ratio, 2)}x${mark(s.median.reachP99Ratio <= TARGET_RATIO)}`)],
    [`p99 ratio, wipe in the core / bare   [target <= ${TARGET_RATIO}x]`, ...col((s) => `${fmt(s.median.p99Ratio, 2)}x${mark(s.median.p99Ratio <= TARGET_RATIO)}`)],
    [`server CPU ratio (ours / bare)      [target <= ${TARGET_CPU_RATIO}x]`, ...col((s) => `${fmt(s.median.cpuRatio, 2)}x${mark(s.median.cpuRatio <= TARGET_CPU_RATIO)}`)],
    ['  the same, the service alone (raw sockets)', ...col((s) => `${fmt(s.median.reachCpuRatio, 2)}x`)],
    ['diagnostic: bare + close(4001), clients drop', ...col(() => '')],
    ['  receive latency p50 / p99 (ms)', ...col((s) => `${fmt(s.median.bareWithClose.p50)} / ${fmt(s.median.bareWithClose.p99)}`)],
    ['  HTTP response (ms)', ...col((s) => fmt(s.median.bareWithClose.httpMs))],
    ['  server CPU time in the window (ms)', ...col((s) => fmt(s.median.bareWithClose.serverCpuMs, 0))],
    ['server memory per device: rss (KiB)', ...col((s) => fmt(s.median.memoryPerDeviceKiB.rss))],
    ['server memory per device: heapUsed (KiB)', ...col((s) => fmt(s.median.memoryPerDeviceKiB.heapUsed))],
    ['  bare ws per client: heapUsed (KiB)', ...col((s) => fmt(s.median.barePerClientHeapKiB))],
    [
      'cores busy in sign-out window: bench / other',
      ...col((s) => `${fmt(s.median.benchCoresDuringSignOut, 2)} / ${s.median.otherCoresDuringSignOut === null ? '?' : fmt(s.median.otherCoresDuringSignOut, 2)}`),
    ],
    ['  of the bench: server child / client workers', ...col((s) => `${fmt(s.median.serverCoresDuringSignOut, 2)} / ${fmt(s.median.workerCoresDuringSignOut, 2)}`)],
    ['max clock skew between processes (ms)', ...col((s) => fmt(Math.max(...s.runs.map((r) => r.clockSkewMs.maxAbsOffset)), 3))],
  ];
  console.log('\nRevocation fan-out: "Sign out of all devices" -> each device core wipes its stored session');
  console.log('(the account page: POST /account/sign-out-all from a signed-in page; the TV\'s Settings: POST /v1/auth/sign-out-all with the password)');
  console.log('(latencies from t0 = just before the request; all processes read performance.timeOrigin + now())\n');
  console.log(table(rows));
}

function printUi(ui: UiResult | undefined): void {
  if (!ui) return;
  console.log('\nEnd to end in the UI: phone clicks "Sign out" -> TV shows "Sign in" (Chromium, web host)\n');
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
  if (ui.warning) console.log(`  warning: ${ui.warning}`);
}

function printBrowse(b: BrowseResult | undefined): void {
  if (!b) return;
  console.log('\nBrowse and play: one TV, one request at a time, through the client core (ms)\n');
  const rows = Object.entries(b.operations).map(([name, l]) => [name, fmt(l.p50), fmt(l.p90), fmt(l.p99), fmt(l.max), String(l.count)]);
  console.log(table([['', 'p50', 'p90', 'p99', 'max', 'requests'], ...rows]));
  console.log(
    `\n  sign in with a code: approval -> TV has its tokens, median ${fmt(b.codeSignIn.medianMs)} ms over ${b.codeSignIn.runs.length} runs` +
      ` (poll interval ${b.codeSignIn.intervalSeconds} s; the wait is bounded by the interval, the default is 5 s)`,
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
    fanout: FanoutSeries[];
    ui?: UiResult;
    startup?: StartupResult;
    browse?: BrowseResult;
    playback?: PlaybackBenchResult;
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
    report.machine.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
    report.targets = report.fanout.flatMap((s) => checksFor(s, report.fanout));
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
    for (const via of o.via) for (const n of o.devices) {
      const runs: FanoutResult[] = [];
      for (let k = 0; k < o.repeat; k++) {
        console.log(`\nFan-out via ${VIA_NAMES[via]}, N = ${int(n)}, run ${k + 1}/${o.repeat} (${o.workers} workers, restore concurrency ${o.concurrency})`);
        try {
          runs.push(
            await runFanout(n, {
              workers: o.workers,
              warmup: o.warmup,
              concurrency: o.concurrency,
              clearTimeoutMs: o.clearTimeoutMs,
              connectTimeoutMs: Math.max(120_000, n * 30),
              cpuProfileDir: o.cpuProfileDir,
              via,
              log,
            }),
          );
        } catch (err) {
          const msg = `fan-out via ${via}, N=${n}, run ${k + 1}: ${err instanceof Error ? err.message : String(err)}`;
          report.errors.push(msg);
          console.error(`  BROKEN: ${msg}`);
          break;
        }
      }
      if (runs.length) report.fanout.push(series(n, via, runs));
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

  if (!o.skipUi) {
    console.log('\nStart-up (initial JS, cold start)');
    try {
      report.startup = await runStartup(o.quick ? 1 : 5);
    } catch (err) {
      const msg = `start-up: ${err instanceof Error ? err.message : String(err)}`;
      report.errors.push(msg);
      console.error(`  BROKEN: ${msg}`);
    }
  }

  if (!o.skipBrowse) {
    console.log('\nBrowse and play');
    try {
      report.browse = await runBrowse({ rounds: o.quick ? 5 : 30, codeRuns: o.quick ? 2 : 5, log });
    } catch (err) {
      const msg = `browse: ${err instanceof Error ? err.message : String(err)}`;
      report.errors.push(msg);
      console.error(`  BROKEN: ${msg}`);
    }
  }

  if (!o.skipPlayback) {
    console.log('\nPlayback (Play to first frame, segment throughput per device)');
    try {
      report.playback = await runPlayback({ runs: o.playRuns, segments: o.quick ? 20 : 200, devices: o.quick ? 2 : 4, log });
    } catch (err) {
      const msg = `playback: ${err instanceof Error ? err.message : String(err)}`;
      report.errors.push(msg);
      console.error(`  BROKEN: ${msg}`);
    }
  }

  write();
  printFanout(report.fanout);
  printUi(report.ui);
  printStartup(report.startup);
  printBrowse(report.browse);
  printPlayback(report.playback);
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
