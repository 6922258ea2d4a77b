import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledFfmpeg, chooseFfmpeg, ffmpegOnPath } from '../../../../server/media/ffmpeg-path';

const root = mkdtempSync(join(tmpdir(), 'couchside-ffmpeg-path-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A file at `path`, runnable or not. */
function file(path: string, runnable: boolean): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, runnable ? 0o755 : 0o644);
  return path;
}

describe.skipIf(process.platform === 'win32')('which ffmpeg makes the media', () => {
  it('COUCHSIDE_FFMPEG first, then ffmpeg on the PATH, then the bundled one, else plain "ffmpeg" (whose absence the 503 names)', () => {
    const found = { onPath: () => '/usr/bin/ffmpeg', bundled: () => '/app/ffmpeg' };
    expect(chooseFfmpeg({ COUCHSIDE_FFMPEG: '/opt/ff', PATH: '/usr/bin' }, found)).toEqual({ path: '/opt/ff', source: 'env' });
    expect(chooseFfmpeg({ PATH: '/usr/bin' }, found)).toEqual({ path: '/usr/bin/ffmpeg', source: 'path' });
    expect(chooseFfmpeg({ PATH: '' }, { ...found, onPath: () => null })).toEqual({ path: '/app/ffmpeg', source: 'bundled' });
    expect(chooseFfmpeg({}, { onPath: () => null, bundled: () => null })).toEqual({ path: 'ffmpeg', source: 'none' });
  });

  it('finds a runnable ffmpeg in the PATH folders, skipping ones that cannot run', () => {
    const a = join(root, 'path-a');
    const b = join(root, 'path-b');
    file(join(a, 'ffmpeg'), false);
    const good = file(join(b, 'ffmpeg'), true);
    expect(ffmpegOnPath([join(root, 'nowhere'), a, b].join(delimiter))).toBe(good);
    expect(ffmpegOnPath(a)).toBeNull();
    expect(ffmpegOnPath(undefined)).toBeNull();
  });

  it('in a packaged app, runs the bundled binary from app.asar.unpacked, beside the asar that holds its package', () => {
    const resources = join(root, 'resources');
    const pkg = join(resources, 'app.asar', 'node_modules', '@ffmpeg-installer', 'linux-x64');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"name":"@ffmpeg-installer/linux-x64","version":"4.1.0"}');
    const from = pathToFileURL(join(resources, 'app.asar', 'out', 'main', 'service.js')).href;
    // Not unpacked: nothing to run.
    expect(bundledFfmpeg('linux', 'x64', from)).toBeNull();
    const unpacked = file(join(resources, 'app.asar.unpacked', 'node_modules', '@ffmpeg-installer', 'linux-x64', 'ffmpeg'), true);
    expect(bundledFfmpeg('linux', 'x64', from)).toBe(unpacked);
    // A platform with no build installed.
    expect(bundledFfmpeg('aix', 'ppc64', from)).toBeNull();
  });

  it.skipIf(!(process.platform === 'linux' && process.arch === 'x64'))('npm installed a bundled ffmpeg here that runs and can make the media (H.264, AAC, text)', () => {
    const bundled = bundledFfmpeg();
    expect(bundled).not.toBeNull();
    const encoders = spawnSync(bundled!, ['-hide_banner', '-encoders'], { encoding: 'utf8' }).stdout;
    expect(encoders).toMatch(/libx264/);
    expect(encoders).toMatch(/ aac /);
    expect(spawnSync(bundled!, ['-hide_banner', '-filters'], { encoding: 'utf8' }).stdout).toMatch(/drawtext/);
  });
});
