/**
 * `npm test`: typecheck, build, unit tests (vitest), e2e tests (Playwright), then one closing line
 * `N passed, N failed, N skipped` summed over both runners (CI reads it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const REPORTS = resolve(ROOT, 'reports');
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const only = process.argv.slice(2);
const want = (step: string) => only.length === 0 || only.includes(step);

function run(title: string, cmd: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
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
    tests: Array<{ projectName: string; annotations: Array<{ type: string; description?: string }>; results: Array<{ status: string }> }>;
  }>;
  suites?: PlaywrightSuite[];
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites: PlaywrightSuite[];
}

/** "[project] spec title: reason" for every skipped e2e test, so a skip never goes unexplained. */
function skipReasons(report: PlaywrightReport): string[] {
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

function finish(): never {
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

/** A step that is not a test runner (typecheck, build) counts as one failed test when it fails. */
function gate(title: string, cmd: string, args: string[]): void {
  if (run(title, cmd, args) !== 0) {
    console.error(`${title} failed; stopping.`);
    totals.failed += 1;
    finish();
  }
}

if (want('typecheck')) {
  gate('typecheck (node)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json']);
  gate('typecheck (web)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.web.json']);
  gate('typecheck (e2e)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.e2e.json']);
}
if (want('lint')) gate('lint (incl. process boundaries)', 'npx', ['eslint', '.']);
if (want('e2e') || want('build')) gate('build', 'npx', ['electron-vite', 'build']);

if (want('unit')) {
  const out = resolve(REPORTS, 'vitest.json');
  const code = run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const r = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(out);
  if (r) {
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  }
  if (code !== 0 && (!r || r.numFailedTests === 0)) totals.failed += 1;
}

if (want('e2e')) {
  const out = resolve(REPORTS, 'playwright.json');
  const code = run('e2e tests', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  const r = readJson<PlaywrightReport>(out);
  if (r) {
    totals.passed += r.stats.expected + r.stats.flaky;
    totals.failed += r.stats.unexpected;
    totals.skipped += r.stats.skipped;
    for (const line of skipReasons(r)) console.log(`skipped: ${line}`);
  }
  if (code !== 0 && (!r || r.stats.unexpected === 0)) totals.failed += 1;
}

finish();
