import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../../server/catalog-data';
import { readFragment, readInit } from '../../../../server/media/fmp4';
import { GENERATOR_VERSION, MediaLibrary, MediaUnavailableError } from '../../../../server/media/library';
import { HAS_FFMPEG, TINY_MEDIA, WITHOUT_FFMPEG, tempMediaDir } from './helpers';

const cache = tempMediaDir();
afterAll(() => cache.remove());

const TITLE = CATALOG.find((t) => t.id === 'glass-harbor')!;

/** The packets' presentation times (seconds) of a file, by ffprobe (installed with ffmpeg). */
function packetTimes(file: string): number[] {
  const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((l) => Number(l.split(',')[0]));
}

describe('media library: the cache folder keeps within its size', () => {
  /** A title folder as an encode leaves it: `bytes` of media and an index last used `daysAgo`. */
  function folder(root: string, name: string, opts: { bytes: number; daysAgo: number; version?: number; index?: boolean }) {
    const dir = join(root, name);
    mkdirSync(join(dir, 'video', '540p'), { recursive: true });
    writeFileSync(join(dir, 'video', '540p', '0.m4s'), Buffer.alloc(opts.bytes));
    const when = new Date(Date.now() - opts.daysAgo * 86_400_000);
    if (opts.index !== false) {
      const key = name;
      writeFileSync(join(dir, 'index.json'), JSON.stringify({ version: opts.version ?? GENERATOR_VERSION, key, titleId: name }));
      utimesSync(join(dir, 'index.json'), when, when);
    }
    utimesSync(dir, when, when);
  }

  it('removes other media versions unplayed for a day and folders a dead run left without an index, then the titles played longest ago', async () => {
    const root = tempMediaDir();
    try {
      folder(root.dir, 'old-version', { bytes: 10, daysAgo: 2, version: GENERATOR_VERSION - 1 });
      // Another version played today: a service of that version may be streaming it.
      folder(root.dir, 'old-version-in-use', { bytes: 10, daysAgo: 0, version: GENERATOR_VERSION - 1 });
      folder(root.dir, 'no-index', { bytes: 10, daysAgo: 2, index: false });
      folder(root.dir, 'played-3-days-ago', { bytes: 400, daysAgo: 3 });
      folder(root.dir, 'played-2-days-ago', { bytes: 400, daysAgo: 2 });
      folder(root.dir, 'played-today', { bytes: 400, daysAgo: 0 });
      // Room for two of the 400-byte titles and the small ones (the index files count too).
      const library = new MediaLibrary({ dir: root.dir, ffmpegPath: '/nonexistent/ffmpeg', settings: TINY_MEDIA, maxCacheBytes: 1100 });
      const report = await library.prune();
      expect(report.removed.sort()).toEqual(['no-index', 'old-version', 'played-3-days-ago']);
      expect(readdirSync(root.dir).sort()).toEqual(['old-version-in-use', 'played-2-days-ago', 'played-today']);
      expect(report.bytes).toBeGreaterThanOrEqual(810);
      expect(report.bytes).toBeLessThanOrEqual(1100);
      // Within its size: nothing more goes.
      expect((await library.prune()).removed).toEqual([]);
    } finally {
      root.remove();
    }
  });

  it('a title whose files went (removed by hand or by another service) is made again on its next play, not refused for good', async () => {
    const root = tempMediaDir();
    try {
      const library = new MediaLibrary({ dir: root.dir, ffmpegPath: '/nonexistent/ffmpeg', settings: TINY_MEDIA });
      const key = library.keyOf(TITLE);
      folder(root.dir, key, { bytes: 10, daysAgo: 0 });
      const media = await library.ready(TITLE);
      expect(await library.ready(TITLE)).toBe(media);
      rmSync(join(root.dir, key), { recursive: true, force: true });
      await expect(library.init(media, 'video', '540p')).rejects.toThrow(/media files are missing/);
      // Forgotten: the next play tries to make it (here ffmpeg is missing, so it says that).
      await expect(library.ready(TITLE)).rejects.toThrow(/ffmpeg was not found/);
    } finally {
      root.remove();
    }
  });

  it('never removes a title this service has in use, however old its last play', async () => {
    const root = tempMediaDir();
    try {
      const library = new MediaLibrary({ dir: root.dir, ffmpegPath: '/nonexistent/ffmpeg', settings: TINY_MEDIA, maxCacheBytes: 100 });
      const key = library.keyOf(TITLE);
      folder(root.dir, key, { bytes: 400, daysAgo: 30 });
      folder(root.dir, 'someone-else', { bytes: 400, daysAgo: 1 });
      // Loaded from the folder (no encode): in use from now on, and its last play is now.
      await library.ready(TITLE);
      expect((await library.prune()).removed).toEqual(['someone-else']);
      expect(readdirSync(root.dir)).toEqual([key]);
    } finally {
      root.remove();
    }
  });
});

describe('media library: a missing or failing ffmpeg', () => {
  it('is a MediaUnavailableError naming the cause, and nothing is cached', async () => {
    const dir = tempMediaDir();
    try {
      const missing = new MediaLibrary({ dir: dir.dir, ffmpegPath: '/nonexistent/ffmpeg', settings: TINY_MEDIA });
      await expect(missing.ready(TITLE)).rejects.toThrow(MediaUnavailableError);
      await expect(missing.ready(TITLE)).rejects.toThrow(/ffmpeg was not found/);
      const failing = new MediaLibrary({ dir: dir.dir, ffmpegPath: '/bin/false', settings: TINY_MEDIA });
      await expect(failing.ready(TITLE)).rejects.toThrow(/ffmpeg failed \(exit 1\)/);
      // No half-made folder is left behind to be mistaken for media.
      expect(readdirSync(dir.dir)).toEqual([]);
    } finally {
      dir.remove();
    }
  });
});

describe(`media library: encoding a title${WITHOUT_FFMPEG}`, () => {
  it.skipIf(!HAS_FFMPEG)('makes a title once, even when asked twice at once and by two services sharing the folder', async () => {
    const one = new MediaLibrary({ dir: cache.dir, settings: TINY_MEDIA });
    const two = new MediaLibrary({ dir: cache.dir, settings: TINY_MEDIA });
    const [a, b, c] = await Promise.all([one.ready(TITLE), one.ready(TITLE), two.ready(TITLE)]);
    expect(a).toBe(b);
    expect(c.dir).toBe(a.dir);
    expect(readdirSync(cache.dir)).toEqual([one.keyOf(TITLE)]);
    const { index } = a;
    expect(index.video.map((v) => [v.id, v.width, v.height, v.loopSegments, v.baseIndex])).toEqual([
      ['36p', 64, 36, 2, 0],
      ['54p', 96, 54, 2, 0],
      ['72p', 128, 72, 2, 0],
    ]);
    expect(index.audio.map((t) => [t.language, t.name, t.loopSegments, t.baseIndex, t.timescale])).toEqual([
      ['en', 'English', 1, 1, 48000],
      ['fr', 'Français', 1, 1, 48000],
    ]);
    // Only the served segments are kept.
    expect(readdirSync(join(a.dir, 'video', '36p')).filter((f) => f.endsWith('.m4s')).sort()).toEqual(['0.m4s', '1.m4s']);
    expect(readdirSync(join(a.dir, 'audio', 'en')).filter((f) => f.endsWith('.m4s'))).toEqual(['0.m4s']);
    // Made once: a later service finds it on disk.
    const later = new MediaLibrary({ dir: cache.dir, settings: TINY_MEDIA });
    expect((await later.ready(TITLE)).index.encodeMs).toBe(index.encodeMs);
  });

  it.skipIf(!HAS_FFMPEG)("serves the loop as a long timeline: each segment's tfdt runs on past the loop, and the stream decodes continuously", async () => {
    const library = new MediaLibrary({ dir: cache.dir, settings: TINY_MEDIA });
    const media = await library.ready(TITLE);
    for (const [kind, track] of [['video', media.index.video[2]!], ['audio', media.index.audio[1]!]] as const) {
      const { timescale } = readInit(await library.init(media, kind, track.id));
      expect(track.segmentTicks).toBe(3.2 * timescale);
      const parts = [await library.init(media, kind, track.id)];
      // Segment 1000 is far past the 2-segment loop (53 minutes in); 0-4 cross the loop's end twice.
      // Decode times are k segments on, plus the encoder's own constant offset (none here).
      const offset = readFragment(await library.segment(media, track, kind, 0)).decodeTime;
      expect(offset).toBeLessThan(timescale * 0.05);
      for (const k of [0, 1, 2, 3, 4, 1000]) {
        const segment = await library.segment(media, track, kind, k);
        const frag = readFragment(segment);
        expect(frag.decodeTime, `${kind} ${k}`).toBe(k * track.segmentTicks + offset);
        expect(frag.sequence).toBe(k + 1);
        expect(frag.duration).toBe(track.segmentTicks);
        if (k < 5) parts.push(segment);
      }
      // Decoded end to end, timestamps advance evenly across the loop boundaries, to 16 s.
      const file = join(cache.dir, `joined-${kind}.mp4`);
      writeFileSync(file, Buffer.concat(parts));
      const times = packetTimes(file);
      const step = kind === 'video' ? 0.1 : 1024 / 48000;
      expect(times.length).toBe(Math.round(16 / step));
      times.forEach((t, i) => expect(Math.abs(t - times[0]! - i * step), `${kind} packet ${i}`).toBeLessThan(0.002));
      expect(times[0]).toBeLessThan(0.05);
    }
  });

  it.skipIf(!HAS_FFMPEG)("draws a picture in the title's poster colours, not a flat colour", async () => {
    const library = new MediaLibrary({ dir: cache.dir, settings: TINY_MEDIA });
    const media = await library.ready(TITLE);
    const track = media.index.video[2]!;
    const file = join(cache.dir, 'frame.mp4');
    writeFileSync(file, Buffer.concat([await library.init(media, 'video', track.id), await library.segment(media, track, 'video', 7)]));
    // One raw RGB frame: not uniform (text, shapes), and mostly the title's hue family.
    const rgb = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 20 });
    expect(rgb.length).toBe(128 * 72 * 3);
    const distinct = new Set<number>();
    for (let i = 0; i < rgb.length; i += 3) distinct.add((rgb[i]! << 16) | (rgb[i + 1]! << 8) | rgb[i + 2]!);
    expect(distinct.size).toBeGreaterThan(50);
    // Glass Harbor's hue is 205 (a sea blue): blue outweighs red across the picture.
    let red = 0;
    let blue = 0;
    for (let i = 0; i < rgb.length; i += 3) {
      red += rgb[i]!;
      blue += rgb[i + 2]!;
    }
    expect(TITLE.hue).toBe(205);
    expect(blue).toBeGreaterThan(red * 1.5);
    expect(existsSync(join(media.dir, 'title.txt'))).toBe(true);
  });

  it.skipIf(!HAS_FFMPEG)('says a damaged or missing media file is unavailable (never a crash)', async () => {
    const made = await new MediaLibrary({ dir: cache.dir, settings: TINY_MEDIA }).ready(TITLE);
    const copy = tempMediaDir();
    try {
      cpSync(made.dir, join(copy.dir, made.index.key), { recursive: true });
      const library = new MediaLibrary({ dir: copy.dir, settings: TINY_MEDIA });
      const media = await library.ready(TITLE);
      expect(media.index.encodeMs).toBe(made.index.encodeMs);
      rmSync(join(media.dir, 'video', '54p', '1.m4s'));
      writeFileSync(join(media.dir, 'video', '54p', '0.m4s'), 'not a segment');
      const track = media.index.video[1]!;
      await expect(library.segment(media, track, 'video', 3)).rejects.toThrow(/missing/);
      await expect(library.segment(media, track, 'video', 2)).rejects.toThrow(/damaged/);
      rmSync(join(media.dir, 'audio', 'en', 'init.mp4'));
      await expect(library.init(media, 'audio', 'en')).rejects.toThrow(MediaUnavailableError);
    } finally {
      copy.remove();
    }
  });
});
