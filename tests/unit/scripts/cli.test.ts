/**
 * The three command lines a person types (`npm start`, `npm run web-host`, `npm run server`):
 * --help prints the flags and exits 0; a mistyped or unknown flag gets one line naming it (with
 * the flag it was probably meant to be) and the usage, exit 2, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagProblem, nearestFlag } from '../../../shared/cli';

const ROOT = resolve(__dirname, '../../..');
const TSX = resolve(ROOT, 'node_modules/tsx/dist/cli.mjs');

function cli(script: string, args: string[]) {
  const r = spawnSync(process.execPath, [TSX, script, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, COUCHSIDE_KIOSK: '' }, timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const COMMANDS = [
  { name: 'npm start', script: 'scripts/start.ts', prefix: 'npm start', usage: 'Usage: npm start -- [options]', sample: '--web-port N', typo: '--kisok', meant: '--kiosk' },
  { name: 'npm run web-host', script: 'electron/web/main.ts', prefix: 'couchside web-host', usage: 'Usage: npm run web-host -- [options]', sample: '--server-url URL', typo: '--server_url', meant: '--server-url' },
  { name: 'npm run server', script: 'server/main.ts', prefix: 'couchside server', usage: 'Usage: npm run server -- [options]', sample: '--data-dir DIR', typo: '--contrl', meant: '--control' },
];

describe.each(COMMANDS)('$name', ({ script, prefix, usage, sample, typo, meant }) => {
  it('prints its flags for --help and starts nothing', () => {
    const r = cli(script, ['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(usage);
    expect(r.out).toContain(sample);
    expect(r.err).toBe('');
  });

  it('names a mistyped flag in one line, suggests the real one, and shows the usage', () => {
    const r = cli(script, [typo]);
    expect(r.code).toBe(2);
    const [first, blank, next] = r.err.split('\n');
    expect(first).toBe(`${prefix}: unknown flag ${typo} (did you mean ${meant}?)`);
    expect(blank).toBe('');
    expect(next).toContain(usage);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('says when a flag needs a value', () => {
    const r = cli(script, ['--port']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`${prefix}: --port needs a value`);
  });
});

describe('flag words', () => {
  it('suggests the nearest flag only when it is near', () => {
    const known = ['kiosk', 'demo', 'port', 'web-port', 'server-url'];
    expect(nearestFlag('--kisok', known)).toBe('--kiosk');
    expect(nearestFlag('--server_url', known)).toBe('--server-url');
    expect(nearestFlag('--webport=80', known)).toBe('--web-port');
    expect(nearestFlag('--verbose', known)).toBeNull();
  });

  it('turns parseArgs errors into one line', () => {
    expect(flagProblem({ code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', message: "Option '--kiosk' does not take an argument" }, [])).toBe('--kiosk takes no value');
    expect(flagProblem({ code: 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', message: "Unexpected argument 'kiosk'. This command does not take positional arguments" }, [])).toBe(
      'unexpected argument "kiosk" (flags only; see --help)',
    );
  });
});
