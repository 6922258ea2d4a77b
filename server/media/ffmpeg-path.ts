/**
 * Which ffmpeg makes the media: COUCHSIDE_FFMPEG if set; else `ffmpeg` on the PATH (Debian's
 * package: the newest, the fastest); else the one that ships with the app (the optional
 * dependency @ffmpeg-installer/ffmpeg, a static build per platform from the npm registry), so an
 * installed Couchside plays video on a computer without ffmpeg. In a packaged app that binary is
 * unpacked beside the asar (electron-builder.yml asarUnpack): a file inside app.asar cannot run.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

/** Where the ffmpeg to use came from (said in the service's log and in its 503 message). */
export type FfmpegSource = 'env' | 'path' | 'bundled' | 'none';

export interface FfmpegChoice {
  /** The binary (for 'none': plain `ffmpeg`, so the error names what was looked for). */
  path: string;
  source: FfmpegSource;
}

const exe = (platform: NodeJS.Platform) => (platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');

function runnable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `ffmpeg` in one of the PATH's folders, or null. */
export function ffmpegOnPath(pathVar: string | undefined, platform: NodeJS.Platform = process.platform): string | null {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, exe(platform));
    if (runnable(file)) return file;
  }
  return null;
}

/** The bundled static ffmpeg for this platform, or null (not installed: it is optional). */
export function bundledFfmpeg(platform: NodeJS.Platform = process.platform, arch: string = process.arch, from: string = import.meta.url): string | null {
  let dir: string;
  try {
    dir = dirname(createRequire(from).resolve(`@ffmpeg-installer/${platform}-${arch}/package.json`));
  } catch {
    return null;
  }
  // Packaged: node_modules is inside app.asar, its binaries in app.asar.unpacked.
  const file = join(dir.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2'), exe(platform));
  return runnable(file) ? file : null;
}

/** The ffmpeg to use, and where it came from. */
export function chooseFfmpeg(env: NodeJS.ProcessEnv = process.env, find = { onPath: ffmpegOnPath, bundled: bundledFfmpeg }): FfmpegChoice {
  if (env.COUCHSIDE_FFMPEG) return { path: env.COUCHSIDE_FFMPEG, source: 'env' };
  const onPath = find.onPath(env.PATH);
  if (onPath) return { path: onPath, source: 'path' };
  const bundled = find.bundled();
  if (bundled) return { path: bundled, source: 'bundled' };
  return { path: 'ffmpeg', source: 'none' };
}
