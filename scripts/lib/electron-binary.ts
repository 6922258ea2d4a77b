/**
 * Finds Electron's binary, and fetches it when it is missing with Electron's own installer
 * (node_modules/electron/install.js, the script behind `npx install-electron`), so
 * ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, electron_config_cache, electron_use_remote_checksums and
 * the proxy variables work as Electron documents them. Electron 45 no longer downloads at
 * `npm install`; `npm install` (postinstall), `npm start` and the Playwright `electron` project
 * call ensureElectronBinary, which is bounded in time and says in one line why it could not.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

/** Where node_modules/electron says its binary is, and whether it is really there. Never downloads. */
export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const pkgDir = join(root, 'node_modules', 'electron');
  if (!existsSync(pkgDir)) return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(pkgDir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const p = join(override, rel ?? 'electron');
    return existsSync(p) ? { ok: true, path: p } : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no binary at ${p}` };
  }
  if (!rel) return { ok: false, reason: 'its binary was never downloaded' };
  const p = join(pkgDir, 'dist', rel);
  return existsSync(p) ? { ok: true, path: p } : { ok: false, reason: `its binary is missing at ${p}` };
}

/** How long the installer may take before we give up on it (a 100 MB zip on a slow line). */
export const INSTALL_TIMEOUT_MS = 180_000;

/** What running the installer came to. */
export interface InstallerRun {
  /** Exit code (null when it was killed). */
  code: number | null;
  /** What it wrote to stderr and stdout. */
  output: string;
  timedOut: boolean;
}

/** Runs `script` with Node, killing it after `timeoutMs`. */
export type RunInstaller = (script: string, env: NodeJS.ProcessEnv, timeoutMs: number) => Promise<InstallerRun>;

/** Names why Node's fetch failed in the installer's error (scripts/lib/fetch-cause.cjs). */
const FETCH_CAUSE = fileURLToPath(new URL('./fetch-cause.cjs', import.meta.url));

/** The default RunInstaller: Electron's install.js under this Node, its output collected, not shown. */
export const runNodeScript: RunInstaller = (script, env, timeoutMs) =>
  new Promise((done) => {
    const child = spawn(process.execPath, ['--require', FETCH_CAUSE, script], { env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let output = '';
    const collect = (d: Buffer) => {
      // Keep the tail: the error is at the end, a progress bar is not worth keeping.
      output = (output + d.toString()).slice(-8_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      done({ code: null, output: err.message, timedOut });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, output, timedOut });
    });
  });

/** The host a download comes from, as Electron's installer picks it (ELECTRON_MIRROR or npm config), for messages. */
export function downloadSource(env: NodeJS.ProcessEnv): string {
  const mirror = env.ELECTRON_MIRROR ?? env.npm_config_electron_mirror ?? env.npm_package_config_electron_mirror;
  if (!mirror) return 'github.com';
  try {
    return new URL(mirror).host || mirror;
  } catch {
    return mirror;
  }
}

/** One line out of the installer's output saying what went wrong (its last error line, without the stack). */
export function installerProblem(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^at\s/.test(l) && !/^Downloading /.test(l) && !/^node:/.test(l) && !/^\^+$/.test(l) && !/^Node\.js v/.test(l));
  const found = lines.reverse().find((l) => /error|fail|refused|ENOTFOUND|ECONN|EAI_AGAIN|timed out|Response code|checksum|mismatch/i.test(l)) ?? lines[0];
  if (!found) return 'the installer failed without saying why';
  return found.replace(/^(?:Uncaught\s+)?(?:[A-Za-z]*Error|Error)(?:\s*\[[A-Z_]+\])?:\s*/, '').slice(0, 300);
}

export interface EnsureOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Where the one line of progress goes (default stderr). */
  log?: (line: string) => void;
  /** Runs the installer (tests replace it). */
  run?: RunInstaller;
}

/** The electron package's version, for messages. */
function electronVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version?: string }).version ?? '';
  } catch {
    return '';
  }
}

/**
 * The Electron binary, downloaded first with Electron's installer when it is missing. Resolves
 * with the binary, or with one line saying why there is none (offline, a blocked network, a
 * mirror without the file, too slow); never rejects and never takes longer than the timeout.
 */
export async function ensureElectronBinary(root: string, opts: EnsureOptions = {}): Promise<ElectronBinary> {
  const env = opts.env ?? process.env;
  const found = findElectronBinary(root, env);
  if (found.ok || env.ELECTRON_OVERRIDE_DIST_PATH) return found;
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return found;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const timeoutMs = opts.timeoutMs ?? INSTALL_TIMEOUT_MS;
  const version = electronVersion(root);
  const source = downloadSource(env);
  log(`Downloading Electron ${version} from ${source} with Electron's installer (at most ${Math.round(timeoutMs / 1000)} s)...`);
  // The installer's own progress bar would draw over our line; its errors still come back to us.
  const result = await (opts.run ?? runNodeScript)(installer, { ...env, ELECTRON_GET_NO_PROGRESS: '1' }, timeoutMs);
  if (result.timedOut) return { ok: false, reason: `downloading Electron ${version} from ${source} took longer than ${Math.round(timeoutMs / 1000)} s` };
  if (result.code !== 0) return { ok: false, reason: `could not download Electron ${version} from ${source}: ${installerProblem(result.output)}` };
  const after = findElectronBinary(root, env);
  return after.ok ? after : { ok: false, reason: `Electron's installer finished but ${after.reason}` };
}
