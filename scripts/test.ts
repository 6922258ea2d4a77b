/**
 * `npm test`: every check, in ONE list of steps (`steps` below) that CI calls one by one
 * (`npm test -- <step>`, see .github/workflows/ci.yml), so CI and a local run cannot drift.
 * `npm test` alone runs the default steps in order; `npm test -- web electron` runs those (and
 * what they need first); `npm test -- e2e` is web + electron. It ends with one line,
 * `N passed, N failed, N skipped`, summed over every runner (CI reads it). A step that is not a
 * test runner (typecheck, lint, workflow, build, bench) counts as one failed test when it fails;
 * the first four stop the run. A Playwright test that passed only on a retry counts as failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findPackagedApp } from '../tests/kit/packaged-app';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const REPORTS = resolve(ROOT, 'reports');

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

export interface Step {
  name: string;
  /** What it checks, for the step list. */
  does: string;
  /** Part of a plain `npm test`. */
  inDefault: boolean;
  /** Steps run before this one when they were not asked for (e.g. the build before e2e). */
  needs: string[];
  /** A failed gate stops the run: nothing after it can be trusted. */
  gate: boolean;
  run(): Totals;
}

const ok: Totals = { passed: 0, failed: 0, skipped: 0 };
const oneFailure: Totals = { passed: 0, failed: 1, skipped: 0 };
/** What failed in this run, listed again just above the totals line (the part of a log CI shows). */
const failures: string[] = [];

function run(title: string, cmd: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  // npm and npx are .cmd files on Windows, which only a shell starts.
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  return r.status ?? 1;
}

/** A check that is not a test runner: passes or counts as one failed test. */
function check(title: string, cmd: string, args: string[]): Totals {
  const code = run(title, cmd, args);
  if (code === 0) return ok;
  failures.push(`[${title}] exited ${code}`);
  return oneFailure;
}

function readJson<T>(file: string): T | null {
  try {
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
  } catch {
    return null;
  }
}

interface PlaywrightSuite {
  title: string;
  specs?: Array<{
    title: string;
    file?: string;
    line?: number;
    tests: Array<{
      projectName: string;
      status?: string;
      annotations: Array<{ type: string; description?: string }>;
      results: Array<{ status: string; error?: { message?: string } }>;
    }>;
  }>;
  suites?: PlaywrightSuite[];
}
export interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites: PlaywrightSuite[];
}

/** "[project] spec title: reason" for every skipped e2e test, so a skip never goes unexplained. */
export function skipReasons(report: PlaywrightReport): string[] {
  const lines: string[] = [];
  const walk = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (!t.results.every((res) => res.status === 'skipped')) continue;
        const why = t.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
        lines.push(`[${t.projectName}] ${spec.title}: ${why}`);
      }
    }
    suite.suites?.forEach(walk);
  };
  report.suites.forEach(walk);
  return lines;
}

/** The first line of an error message, without ANSI colours, cut to one readable line. */
function firstLine(message: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const line = (message ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim() !== '')?.trim() ?? 'no message';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/**
 * "[project] file:line › spec title (flaky): first line of the error" for every e2e test that
 * failed or passed only on a retry, so the closing lines of a run (all CI shows) name them.
 */
export function playwrightFailures(report: PlaywrightReport): string[] {
  const lines: string[] = [];
  const walk = (suite: PlaywrightSuite, path: string[]) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status !== 'unexpected' && t.status !== 'flaky') continue;
        const error = t.results.find((r) => r.error)?.error?.message;
        const where = spec.file ? `${spec.file}:${spec.line ?? 0} › ` : '';
        lines.push(`[${t.projectName}] ${where}${[...path, spec.title].join(' › ')}${t.status === 'flaky' ? ' (flaky)' : ''}: ${firstLine(error)}`);
      }
    }
    // A file's suite carries the file name as its title; describe blocks add theirs to the path.
    for (const s of suite.suites ?? []) walk(s, s.title && !/\.(spec|test)\.[cm]?[jt]sx?$/.test(s.title) ? [...path, s.title] : path);
  };
  report.suites.forEach((s) => walk(s, []));
  return lines;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults: Array<{ fullName: string; status: string; failureMessages?: string[] }>;
  }>;
}

/** "file › test: first line of the error" for every failed unit test, and every file that failed to run. */
export function vitestFailures(report: VitestReport, root: string = ROOT): string[] {
  const lines: string[] = [];
  for (const file of report.testResults ?? []) {
    const name = file.name.startsWith(root) ? file.name.slice(root.length + 1) : file.name;
    const failed = file.assertionResults.filter((a) => a.status === 'failed');
    for (const a of failed) lines.push(`[unit] ${name} › ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
    if (failed.length === 0 && file.status === 'failed') lines.push(`[unit] ${name}: ${firstLine(file.message)}`);
  }
  return lines;
}

/** A Playwright run's totals: a flaky test (passed only on a retry) is a failure, never a pass. */
export function playwrightTotals(report: PlaywrightReport | null, exitCode: number): Totals {
  if (!report) return exitCode === 0 ? ok : oneFailure;
  const { expected, unexpected, flaky, skipped } = report.stats;
  const failed = unexpected + flaky;
  return { passed: expected, failed: failed === 0 && exitCode !== 0 ? 1 : failed, skipped };
}

/** One Playwright project, with its JSON results and HTML report under reports/. */
function playwrightProject(project: string): Totals {
  const json = resolve(REPORTS, `playwright-${project}.json`);
  const code = run(`e2e (${project})`, 'npx', ['playwright', 'test', `--project=${project}`], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: json,
    PLAYWRIGHT_HTML_OUTPUT_DIR: resolve(REPORTS, `playwright-report-${project}`),
  });
  const report = readJson<PlaywrightReport>(json);
  for (const line of report ? skipReasons(report) : []) console.log(`skipped: ${line}`);
  const totals = playwrightTotals(report, code);
  const failed = report ? playwrightFailures(report) : [];
  failures.push(...failed);
  if (totals.failed > failed.length) failures.push(`[${project}] exited ${code}${report ? '' : ' without a JSON report'}`);
  if (report && report.stats.flaky > 0) console.error(`${report.stats.flaky} flaky test(s) in ${project} counted as FAILED: fix the race, do not retry it.`);
  return totals;
}

/** The workflow files CI runs (each checked by action-validator). */
export function workflowFiles(root: string = ROOT): string[] {
  const dir = join(root, '.github', 'workflows');
  return existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join('.github', 'workflows', f)) : [];
}

/** Every step `npm test` knows, in the order they run. */
export const steps: readonly Step[] = [
  {
    name: 'typecheck',
    does: 'tsc over every project (npm run typecheck)',
    inDefault: true,
    needs: [],
    gate: true,
    run: () => check('typecheck', 'npm', ['run', 'typecheck']),
  },
  {
    name: 'lint',
    does: 'eslint, including the process-boundary rules',
    inDefault: true,
    needs: [],
    gate: true,
    run: () => check('lint', 'npx', ['eslint', '.']),
  },
  {
    name: 'workflow',
    does: 'the GitHub Actions workflows against their schema (action-validator)',
    inDefault: true,
    needs: [],
    gate: true,
    run: () => {
      const files = workflowFiles();
      if (files.length === 0) {
        console.error('No workflow files under .github/workflows/');
        failures.push('[workflow] no workflow files under .github/workflows/');
        return oneFailure;
      }
      return files.map((f) => check(`workflow ${f}`, 'npx', ['action-validator', f])).reduce(add, ok);
    },
  },
  {
    name: 'build',
    does: 'electron-vite build into out/ (what e2e and the bench run)',
    inDefault: true,
    needs: [],
    gate: true,
    run: () => check('build', 'npx', ['electron-vite', 'build']),
  },
  {
    name: 'unit',
    does: 'vitest',
    inDefault: true,
    needs: [],
    gate: false,
    run: () => {
      const out = resolve(REPORTS, 'vitest.json');
      const code = run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
      const r = readJson<VitestReport>(out);
      if (!r) {
        if (code !== 0) failures.push(`[unit] vitest exited ${code} without a JSON report`);
        return code === 0 ? ok : oneFailure;
      }
      const failed = vitestFailures(r);
      failures.push(...failed);
      if (code !== 0 && failed.length === 0) failures.push(`[unit] vitest exited ${code}`);
      return { passed: r.numPassedTests, failed: r.numFailedTests === 0 && code !== 0 ? 1 : r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
    },
  },
  {
    name: 'web',
    does: 'Playwright project web: the web host in Chromium',
    inDefault: true,
    needs: ['build'],
    gate: false,
    run: () => playwrightProject('web'),
  },
  {
    name: 'electron',
    does: "Playwright project electron: the Electron app through _electron (skips with the installer's reason where the binary is missing)",
    inDefault: true,
    needs: ['build'],
    gate: false,
    run: () => playwrightProject('electron'),
  },
  {
    name: 'bench',
    does: 'npm run bench -- --quick as a smoke run: every scenario end to end, browsing included, no figure asserted',
    inDefault: true,
    needs: ['build'],
    gate: false,
    run: () => check('bench (smoke)', 'npx', ['tsx', 'bench/run.ts', '--quick', '--out', resolve(REPORTS, 'bench-quick.json')]),
  },
  {
    name: 'packaged',
    does: 'Playwright project packaged: the newest test build under release/ (npm run package -- --test-build first)',
    inDefault: false,
    needs: [],
    gate: false,
    run: () => {
      // Asked for by name, so a missing build is a failure here, not a skip.
      const found = findPackagedApp({ explicit: process.env.COUCHSIDE_PACKAGED_APP, releaseDir: join(ROOT, 'release') });
      if (!found.ok) {
        console.error(`\n=== e2e (packaged): ${found.reason}`);
        failures.push(`[packaged] ${found.reason}`);
        return oneFailure;
      }
      console.log(`\n=== e2e (packaged): ${found.executable}`);
      return playwrightProject('packaged');
    },
  },
];

/** Names that stand for several steps. */
export const groups: Readonly<Record<string, readonly string[]>> = { e2e: ['web', 'electron'] };

function add(a: Totals, b: Totals): Totals {
  return { passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped };
}

/** The steps to run for these arguments, in list order with what they need, or why not. */
export function selectSteps(args: readonly string[]): { ok: true; steps: Step[] } | { ok: false; message: string } {
  if (args.length === 0) return { ok: true, steps: steps.filter((s) => s.inDefault) };
  const unknown = args.filter((a) => !steps.some((s) => s.name === a) && !(a in groups));
  if (unknown.length > 0) {
    const list = steps.map((s) => `  ${s.name.padEnd(10)} ${s.does}${s.inDefault ? '' : ' (not in a plain npm test)'}`).join('\n');
    const groupList = Object.entries(groups).map(([g, members]) => `  ${g.padEnd(10)} ${members.join(' + ')}`).join('\n');
    return { ok: false, message: `Unknown step${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. The steps are:\n${list}\n${groupList}` };
  }
  const wanted = new Set(args.flatMap((a) => groups[a] ?? [a]));
  for (const s of steps) if (wanted.has(s.name)) for (const n of s.needs) wanted.add(n);
  return { ok: true, steps: steps.filter((s) => wanted.has(s.name)) };
}

function finish(t: Totals): never {
  if (failures.length > 0) console.log(`\nFailed (${failures.length}):\n${failures.map((f) => `  ${f}`).join('\n')}`);
  console.log(`\n${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  process.exit(t.failed > 0 ? 1 : 0);
}

function main(args: string[]): never {
  const chosen = selectSteps(args);
  if (!chosen.ok) {
    console.error(chosen.message);
    return finish(oneFailure);
  }
  rmSync(REPORTS, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });
  let totals = ok;
  for (const step of chosen.steps) {
    const result = step.run();
    totals = add(totals, result);
    if (step.gate && result.failed > 0) {
      console.error(`${step.name} failed; stopping.`);
      break;
    }
  }
  finish(totals);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
