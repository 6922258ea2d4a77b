/** Shared by the media tests: whether ffmpeg is here, a tiny encode, and throw-away cache folders. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaSettings } from '../../../../server/media/encoder';
import { chooseFfmpeg } from '../../../../server/media/ffmpeg-path';

/** True when ffmpeg runs here (CI installs it; see .ci/run). */
export const HAS_FFMPEG = spawnSync(chooseFfmpeg().path, ['-version'], { stdio: 'ignore' }).status === 0;

/** Appended to the name of a suite that encodes, when it is skipped. */
export const WITHOUT_FFMPEG = HAS_FFMPEG ? '' : ' [skipped: ffmpeg is not installed here; apt-get install ffmpeg]';

/**
 * A tiny encode (about a second and a half on this 2-core machine): two-segment loop, 10 fps,
 * three renditions from 36p to 72p, 32 kbit/s audio.
 */
export const TINY_MEDIA: Partial<MediaSettings> = {
  loopSegments: 2,
  fps: 10,
  renditions: [
    { name: '36p', width: 64, height: 36, kbps: 40 },
    { name: '54p', width: 96, height: 54, kbps: 60 },
    { name: '72p', width: 128, height: 72, kbps: 80 },
  ],
  audioKbps: 32,
};

/** A fresh cache folder and its removal. */
export function tempMediaDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'couchside-media-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
