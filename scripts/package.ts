/**
 * `npm run package`: builds with electron-vite, then packs with electron-builder for this OS.
 *
 *   npm run package                         the release build: installers in release/<version>/,
 *                                           every fuse as electron-builder.yml sets it
 *   npm run package -- --test-build         the test build (or COUCHSIDE_TEST_BUILD=1): the same
 *                                           app with ONLY the EnableNodeCliInspectArguments fuse
 *                                           back on, so Playwright's _electron can drive it;
 *                                           unpacked only (no installer to ship by mistake), in
 *                                           release/<version>-test/
 *
 * Any other argument goes to electron-builder as it is (e.g. `--publish never`, `--x64`).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The one fuse a test build turns back on, as an electron-builder config override. */
export const TEST_BUILD_OVERRIDES: readonly string[] = [
  '-c.electronFuses.enableNodeCliInspectArguments=true',
  // Beside the release build, never over it; electron-builder expands ${version}.
  '-c.directories.output=release/${version}-test',
  '--dir',
];

/** electron-builder's arguments for this run, and whether it is the test build. */
export function packageArgs(argv: readonly string[], env: Record<string, string | undefined> = process.env): { testBuild: boolean; args: string[] } {
  const testBuild = argv.includes('--test-build') || env.COUCHSIDE_TEST_BUILD === '1';
  const passThrough = argv.filter((a) => a !== '--test-build');
  return { testBuild, args: ['--config', 'electron-builder.yml', ...(testBuild ? TEST_BUILD_OVERRIDES : []), ...passThrough] };
}

function run(cmd: string, args: string[]): void {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { testBuild, args } = packageArgs(process.argv.slice(2));
  console.log(
    testBuild
      ? 'Packaging the TEST build: the inspect fuse stays on so Playwright can drive it. Do not ship it.'
      : 'Packaging the release build (fuses as in electron-builder.yml).',
  );
  run('npx', ['electron-vite', 'build']);
  run('npx', ['electron-builder', ...args]);
}
