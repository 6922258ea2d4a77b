/**
 * `npm test` and CI share ONE list of steps (scripts/test.ts `steps`): the workflow calls each of
 * them and nothing else, an unknown step fails with the list, and a flaky Playwright result is a
 * failure.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { playwrightFailures, playwrightTotals, selectSteps, steps, vitestFailures, workflowFiles, type PlaywrightReport } from '../../../scripts/test';

const ROOT = resolve(__dirname, '../../..');

interface Workflow {
  jobs: Record<string, { steps: Array<{ run?: string }> }>;
}

/** The step names the workflow runs with `npm test -- <step>`, per job. */
function stepsCalled(): Record<string, string[]> {
  const wf = parse(readFileSync(resolve(ROOT, '.github/workflows/ci.yml'), 'utf8')) as Workflow;
  const out: Record<string, string[]> = {};
  for (const [job, { steps: jobSteps }] of Object.entries(wf.jobs)) {
    out[job] = jobSteps.flatMap((s) => [...(s.run ?? '').matchAll(/npm test -- ([\w -]+)/g)].flatMap((m) => m[1]!.trim().split(/\s+/)));
  }
  return out;
}

describe('the workflow and npm test', () => {
  it('calls every step of the one list (directly, or as what a called step needs), and only those', () => {
    const called = stepsCalled();
    const direct = new Set(Object.values(called).flat());
    const run = new Set([...direct].flatMap((name) => [name, ...(steps.find((s) => s.name === name)?.needs ?? [])]));
    for (const name of direct) expect(steps.map((s) => s.name)).toContain(name);
    expect([...run].sort()).toEqual(steps.map((s) => s.name).sort());
    // The test job runs the default list in its order (the electron step twice: with and without xvfb-run).
    const order = [...new Set(called.test)];
    expect(order).toEqual(steps.filter((s) => s.inDefault && s.name !== 'build').map((s) => s.name));
    expect(called.package).toEqual(['packaged', 'packaged']);
  });

  it('is a workflow file that the workflow step checks', () => {
    expect(workflowFiles(ROOT)).toContain(join('.github', 'workflows', 'ci.yml'));
  });
});

describe('selectSteps', () => {
  it('runs the default steps for a plain npm test (the packaged app only when asked for)', () => {
    const chosen = selectSteps([]);
    expect(chosen.ok && chosen.steps.map((s) => s.name)).toEqual(['typecheck', 'lint', 'workflow', 'build', 'unit', 'web', 'electron', 'bench']);
  });

  it('adds what a step needs and keeps the list order; e2e is web + electron', () => {
    const web = selectSteps(['web']);
    expect(web.ok && web.steps.map((s) => s.name)).toEqual(['build', 'web']);
    const e2e = selectSteps(['unit', 'e2e']);
    expect(e2e.ok && e2e.steps.map((s) => s.name)).toEqual(['build', 'unit', 'web', 'electron']);
  });

  it('refuses an unknown step, naming it and listing every step', () => {
    const chosen = selectSteps(['lint', 'tpyecheck']);
    expect(chosen.ok).toBe(false);
    if (chosen.ok) return;
    expect(chosen.message).toContain('Unknown step: tpyecheck');
    for (const s of steps) expect(chosen.message).toContain(s.name);
  });

  it('`npm test -- <unknown>` exits 1 with the list and the closing totals line', () => {
    const r = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), resolve(ROOT, 'scripts/test.ts'), 'nonsense'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Unknown step: nonsense');
    expect(r.stderr).toContain('packaged');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('0 passed, 1 failed, 0 skipped');
  });
});

describe('playwrightTotals', () => {
  const report = (stats: PlaywrightReport['stats']): PlaywrightReport => ({ stats, suites: [] });

  it('counts a flaky test (passed on a retry) as failed', () => {
    expect(playwrightTotals(report({ expected: 5, unexpected: 0, flaky: 1, skipped: 2 }), 0)).toEqual({ passed: 5, failed: 1, skipped: 2 });
  });

  it('counts a run that failed without a failed test (a crash, a forbidden test.only) as one failure', () => {
    expect(playwrightTotals(report({ expected: 3, unexpected: 0, flaky: 0, skipped: 0 }), 1)).toEqual({ passed: 3, failed: 1, skipped: 0 });
    expect(playwrightTotals(null, 1)).toEqual({ passed: 0, failed: 1, skipped: 0 });
  });
});

describe('the failure list above the totals line', () => {
  it('names every e2e test that failed or passed only on a retry, with its file, line, describe path and first error line', () => {
    const report: PlaywrightReport = {
      stats: { expected: 1, unexpected: 1, flaky: 1, skipped: 0 },
      suites: [
        {
          title: 'evening.spec.ts',
          specs: [
            {
              title: 'Back from the player keeps Resume focused',
              file: 'evening.spec.ts',
              line: 42,
              tests: [
                { projectName: 'web', status: 'flaky', annotations: [], results: [{ status: 'failed', error: { message: '\u001b[31mError: expect(locator).toBeFocused() failed\u001b[39m\n\nLocator: …' } }, { status: 'passed' }] },
              ],
            },
          ],
          suites: [
            {
              title: 'signed out',
              specs: [
                { title: 'passes', file: 'evening.spec.ts', line: 60, tests: [{ projectName: 'web', status: 'expected', annotations: [], results: [{ status: 'passed' }] }] },
                { title: 'times out', file: 'evening.spec.ts', line: 70, tests: [{ projectName: 'web', status: 'unexpected', annotations: [], results: [{ status: 'timedOut', error: { message: 'Test timeout of 30000ms exceeded.' } }] }] },
              ],
            },
          ],
        },
      ],
    };
    expect(playwrightFailures(report)).toEqual([
      '[web] evening.spec.ts:42 › Back from the player keeps Resume focused (flaky): Error: expect(locator).toBeFocused() failed',
      '[web] evening.spec.ts:70 › signed out › times out: Test timeout of 30000ms exceeded.',
    ]);
  });

  it('names every failed unit test, and a file that failed before its tests ran', () => {
    const lines = vitestFailures(
      {
        numPassedTests: 1,
        numFailedTests: 1,
        numPendingTests: 0,
        numTodoTests: 0,
        testResults: [
          {
            name: '/repo/tests/unit/a.test.ts',
            status: 'failed',
            assertionResults: [
              { fullName: 'a works', status: 'passed' },
              { fullName: 'a fails', status: 'failed', failureMessages: ['AssertionError: expected 1 to be 2\n    at a.test.ts:3'] },
            ],
          },
          { name: '/repo/tests/unit/b.test.ts', status: 'failed', message: 'Failed to load url ./missing', assertionResults: [] },
          { name: '/repo/tests/unit/c.test.ts', status: 'passed', assertionResults: [{ fullName: 'c', status: 'passed' }] },
        ],
      },
      '/repo',
    );
    expect(lines).toEqual(['[unit] tests/unit/a.test.ts › a fails: AssertionError: expected 1 to be 2', '[unit] tests/unit/b.test.ts: Failed to load url ./missing']);
  });
});
