/**
 * `npm run test:under-load [-- --runs N] [--hog-cores N] [--project web] [-- <playwright args>]`:
 * runs the e2e suite N times (default 3) while a bounded CPU hog keeps the machine busy, and
 * prints each run's result and a summary. A race that only shows on a busy machine (a slow
 * answer, a late timer) shows here, not first on CI.
 *
 * The hog is `stress-ng --cpu N` (Debian's stress-ng) when installed, else a Node busy loop per
 * core; N defaults to every core but one. It is stopped between runs and on exit, and bounded by
 * a timeout either way. Needs `npm run build` first (the e2e tests serve out/).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const USAGE = `Usage: npm run test:under-load -- [--runs N] [--hog-cores N] [--project NAME] [-- <playwright args>]

  --runs N        how many full e2e runs (default 3)
  --hog-cores N   cores to keep busy (default: all but one, at least 1)
  --project NAME  Playwright project (default web)
  -h, --help      this help`;

function options() {
  try {
    return parseArgs({
      options: {
        runs: { type: 'string', default: '3' },
        'hog-cores': { type: 'string' },
        project: { type: 'string', default: 'web' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    console.error(`under-load: ${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const { values, positionals } = options();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const runs = Number(values.runs);
const cores = values['hog-cores'] === undefined ? Math.max(1, availableParallelism() - 1) : Number(values['hog-cores']);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(cores) || cores < 0) {
  console.error(`under-load: --runs and --hog-cores take whole numbers (got ${values.runs}, ${values['hog-cores']})\n\n${USAGE}`);
  process.exit(2);
}

/** Starts the CPU hog; returns what it is and how to stop it. */
function startHog(seconds: number): { what: string; child: ChildProcess | null } {
  if (cores === 0) return { what: 'no hog', child: null };
  const haveStress = spawnSync('stress-ng', ['--version'], { stdio: 'ignore' }).status === 0;
  if (haveStress) {
    const child = spawn('stress-ng', ['--cpu', String(cores), '--timeout', `${seconds}s`, '--quiet'], { stdio: 'ignore' });
    return { what: `stress-ng --cpu ${cores}`, child };
  }
  // A Node busy loop per core, in one child process with worker threads, ending by itself.
  const code = `
    const { Worker } = require('node:worker_threads');
    const end = Date.now() + ${seconds * 1000};
    for (let i = 0; i < ${cores}; i++) new Worker('const end = ' + end + '; while (Date.now() < end) {}', { eval: true });
  `;
  const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  return { what: `a Node busy loop on ${cores} core(s)`, child };
}

interface RunResult {
  run: number;
  code: number;
  seconds: number;
  summary: string;
}

const results: RunResult[] = [];
let hog: ChildProcess | null = null;
const stopHog = () => {
  hog?.kill('SIGKILL');
  hog = null;
};
process.on('exit', stopHog);
process.on('SIGINT', () => process.exit(130));

for (let run = 1; run <= runs; run++) {
  // Bounded: at most 20 minutes of hog per run, stopped as soon as the run ends.
  const started = startHog(20 * 60);
  hog = started.child;
  console.log(`\n=== run ${run}/${runs}: playwright --project ${values.project} with ${started.what} beside it`);
  const t0 = Date.now();
  // Each run keeps its own artifacts (traces, screenshots, error context) and its whole output:
  // Playwright empties its output folder at the start of a run, so a later run would wipe them.
  const outputDir = join('test-results', 'under-load', `run-${run}`);
  const r = spawnSync('npx', ['playwright', 'test', `--project=${values.project}`, '--reporter=list', `--output=${outputDir}`, ...positionals], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, CI: process.env.CI ?? '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  stopHog();
  const out = r.stdout ?? '';
  mkdirSync(resolve(ROOT, outputDir), { recursive: true });
  writeFileSync(resolve(ROOT, `${outputDir}.log`), out);
  process.stdout.write(out.split('\n').filter((l) => /✘|failed|flaky|passed|skipped/.test(l)).join('\n') + '\n');
  if (r.status !== 0) console.log(`  the whole output: ${outputDir}.log; traces and screenshots: ${outputDir}/`);
  const summary = out
    .split('\n')
    .filter((l) => /^\s+\d+ (passed|failed|flaky|skipped|did not run)/.test(l))
    .map((l) => l.trim())
    .join(', ');
  results.push({ run, code: r.status ?? 1, seconds: Math.round((Date.now() - t0) / 1000), summary: summary || 'no summary' });
}

console.log('\nUnder load:');
for (const r of results) console.log(`  run ${r.run}: ${r.code === 0 ? 'green' : 'FAILED'} in ${r.seconds} s (${r.summary})`);
const failed = results.filter((r) => r.code !== 0).length;
console.log(`${runs - failed} of ${runs} runs green`);
process.exit(failed > 0 ? 1 : 0);
