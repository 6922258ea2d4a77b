/**
 * Finds the packaged Couchside that the kit's 'packaged' target launches: an explicit executable
 * (or build folder), else the newest electron-builder build under release/ for this OS, and
 * reads its EnableNodeCliInspectArguments fuse (Playwright's `_electron` cannot drive a build
 * with it off, which is what a release build is).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/** Where electron-builder puts the app's executable inside its unpacked build folder, per OS. */
export const EXECUTABLE_IN_BUILD: Readonly<Record<'linux' | 'win32' | 'darwin', string>> = {
  linux: 'couchside',
  win32: 'Couchside.exe',
  darwin: join('Couchside.app', 'Contents', 'MacOS', 'Couchside'),
};

/**
 * electron-builder's unpacked build folders: `linux-unpacked`, `linux-arm64-unpacked`,
 * `win-unpacked`, `win-ia32-unpacked`, `mac`, `mac-arm64`, `mac-universal`.
 */
const BUILD_DIR: Readonly<Record<'linux' | 'win32' | 'darwin', RegExp>> = {
  linux: /^linux(-[a-z0-9]+)?-unpacked$/,
  win32: /^win(-[a-z0-9]+)?-unpacked$/,
  darwin: /^mac(-[a-z0-9]+)?$/,
};

export type PackagedApp =
  | { ok: true; executable: string; buildDir: string | null }
  | { ok: false; reason: string };

export interface FindPackagedAppOptions {
  /** An executable, an unpacked build folder or a `.app` bundle; wins over discovery. */
  explicit?: string;
  /** Where to look (default `<root>/release`); builds sit in it or one level down (`release/<version>/`). */
  releaseDir: string;
  platform?: NodeJS.Platform;
}

/** The executable to launch, or why there is none. */
export function findPackagedApp(opts: FindPackagedAppOptions): PackagedApp {
  const platform = opts.platform ?? process.platform;
  if (platform !== 'linux' && platform !== 'win32' && platform !== 'darwin') {
    return { ok: false, reason: `electron-builder builds for ${platform} are not known to the kit` };
  }
  if (opts.explicit) return explicitApp(resolve(opts.explicit), platform);

  const builds = buildDirs(opts.releaseDir, platform);
  if (builds.length === 0) {
    return {
      ok: false,
      reason: `no packaged build for ${platform} under ${opts.releaseDir} (run \`npm run package -- --test-build\`, or set COUCHSIDE_PACKAGED_APP to an executable)`,
    };
  }
  const newest = builds.map((dir) => ({ dir, time: buildTime(dir) })).sort((a, b) => b.time - a.time)[0]!;
  const executable = join(newest.dir, EXECUTABLE_IN_BUILD[platform]);
  if (!existsSync(executable)) return { ok: false, reason: `the newest build, ${newest.dir}, has no ${EXECUTABLE_IN_BUILD[platform]}` };
  return { ok: true, executable, buildDir: newest.dir };
}

function explicitApp(path: string, platform: 'linux' | 'win32' | 'darwin'): PackagedApp {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return { ok: false, reason: `the packaged app given, ${path}, does not exist` };
  if (stat.isFile()) return { ok: true, executable: path, buildDir: null };
  // A folder: a .app bundle, or a build folder holding the OS's executable.
  const inside = path.endsWith('.app') ? join(path, 'Contents', 'MacOS', 'Couchside') : join(path, EXECUTABLE_IN_BUILD[platform]);
  return existsSync(inside) ? { ok: true, executable: inside, buildDir: path } : { ok: false, reason: `${path} has no ${basename(inside)} where electron-builder puts it (${inside})` };
}

/** The OS's build folders directly under releaseDir and one level down. */
function buildDirs(releaseDir: string, platform: 'linux' | 'win32' | 'darwin'): string[] {
  const found: string[] = [];
  const scan = (dir: string, depth: number) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const full = join(dir, entry.name);
      if (BUILD_DIR[platform].test(entry.name)) found.push(full);
      else if (depth === 0) scan(full, 1);
    }
  };
  if (existsSync(releaseDir)) scan(releaseDir, 0);
  return found;
}

/**
 * When a build was made: its app.asar's mtime (written fresh by every build), else the folder's.
 * The executable's own mtime is no good: it keeps the Electron zip's date.
 */
function buildTime(dir: string): number {
  const asar = [join(dir, 'resources', 'app.asar'), join(dir, 'Couchside.app', 'Contents', 'Resources', 'app.asar')].find((p) => existsSync(p));
  return statSync(asar ?? dir).mtimeMs;
}

/** The fuse wire as @electron/fuses reads it: 'on', 'off', or why it could not be read. */
export type InspectFuse = { state: 'on' | 'off' } | { state: 'unknown'; reason: string };

/** A fuse's byte in the wire when it is flipped off ('0'; @electron/fuses' FuseState.DISABLE, which it does not export). */
const FUSE_DISABLED = 0x30;

/** Reads the EnableNodeCliInspectArguments fuse of a packaged executable. */
export async function inspectFuse(executable: string): Promise<InspectFuse> {
  try {
    const { getCurrentFuseWire, FuseV1Options } = await import('@electron/fuses');
    const wire = await getCurrentFuseWire(executable);
    const value = wire[FuseV1Options.EnableNodeCliInspectArguments] as number | undefined;
    return { state: value === FUSE_DISABLED ? 'off' : 'on' };
  } catch (err) {
    return { state: 'unknown', reason: String((err as Error).message ?? err) };
  }
}

/** Why Playwright cannot drive this build (null when it can, or when the fuse could not be read). */
export function releaseBuildProblem(executable: string, fuse: InspectFuse): string | null {
  if (fuse.state !== 'off') return null;
  return (
    `${executable} is a release build: its EnableNodeCliInspectArguments fuse is off, so Playwright's _electron cannot ` +
    'connect to it. Build the test build, which keeps only that fuse on: npm run package -- --test-build'
  );
}
