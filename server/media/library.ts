/**
 * Every title's media, made on its first play and kept in a cache folder (never in git).
 *
 * How a 2-hour film is served from a 32-second encode: ffmpeg encodes a short loop once per
 * title; the service serves the long timeline by handing out the loop's segments in turn, each a
 * copy with its fMP4 decode time (tfdt, and sidx) moved to where it falls on the timeline
 * (fmp4.ts). Serving a segment is a file read and a few byte writes (microseconds of CPU), so
 * any number of devices can stream on a 2-core machine, and segment timing is exact: every
 * segment is 3.2 s of whole video and AAC frames, so audio and video stay in step loop after loop.
 * (The audio's loop is one segment: its sound repeats exactly every segment, encoder.ts.)
 * Encoding each segment on demand with the true position burned in was the other choice: it
 * costs an ffmpeg run per segment (measured here: 0.4 s of CPU and 0.5-0.7 s to wait for one
 * 3.2 s segment in the three renditions, against 3-8 ms to serve one from the loop), which a
 * player filling its buffer, seeking or switching rendition, or a few devices at once, would
 * queue up on a 2-core machine; and audio encoded segment by segment does not join without
 * gaps (each AAC encode starts with its own priming frame). The price of the loop:
 * the clock drawn in the picture is the loop's ("loop 00:00:12.400"), not the title position; the
 * subtitles carry the title position (timeline.ts).
 *
 * A title's folder is named by a hash of everything that shapes its media (the settings, the
 * title's name and colours, the fonts, GENERATOR_VERSION), is written under a temporary name and
 * renamed into place when complete, so a half-made folder is never used, two services sharing the
 * cache folder cannot clash, and one service never encodes the same title twice at once.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIO_SERVED_SEGMENT, AUDIO_TRACKS, DEFAULT_MEDIA_SETTINGS, EncoderError, INPUT_FILES, encodeArgs, findFonts, runFfmpeg, settingsProblem, trackDir, type Fonts, type MediaSettings } from './encoder';
import { chooseFfmpeg } from './ffmpeg-path';
import { readFragment, readInit, retimeFragment } from './fmp4';
import { backgroundPpm, lettering, type PictureTitle } from './picture';

/** Bump when what ffmpeg is asked for changes (encoder.ts): every title is made again, in new folders. */
export const GENERATOR_VERSION = 2;

/** The shared cache folder of services whose database is in memory (tests, --memory). */
export const SHARED_MEDIA_DIR = join(tmpdir(), 'couchside-media');

/** How the service makes and keeps media. */
export interface MediaOptions {
  /** The cache folder (default: `media` beside the database file, or SHARED_MEDIA_DIR in memory). */
  dir?: string;
  /** The ffmpeg binary (default: ffmpeg-path.ts chooseFfmpeg: env COUCHSIDE_FFMPEG, else `ffmpeg` on the PATH, else the bundled one). */
  ffmpegPath?: string;
  /** What to encode (default DEFAULT_MEDIA_SETTINGS; tests make it tiny). */
  settings?: Partial<MediaSettings>;
  /** Longest an encode may take (default 120 s). */
  timeoutMs?: number;
  /**
   * The most the cache folder may hold, in bytes (default: env COUCHSIDE_MEDIA_CACHE_MB, else
   * DEFAULT_CACHE_BYTES). Past it, the titles played longest ago are removed (made again on
   * their next play); folders of an older GENERATOR_VERSION are removed whatever the size.
   */
  maxCacheBytes?: number;
}

/** 2 GiB: about 180 titles at the default settings (about 11 MB each). */
export const DEFAULT_CACHE_BYTES = 2 * 1024 ** 3;

/** What a pruning removed. */
export interface PruneReport {
  removed: string[];
  /** Bytes the folder holds after it. */
  bytes: number;
}

/** One encoded track, as the index records it. */
export interface TrackIndex {
  /** Rendition name (240p) or language (en). */
  id: string;
  /** RFC 6381 codec string. */
  codec: string;
  timescale: number;
  /** One segment's length in the track's timescale. */
  segmentTicks: number;
  /** Which segment of ffmpeg's output file 0 is (audio: its steady-state segment). */
  baseIndex: number;
  /** Segments in the track's loop (video: the picture's loop; audio: one, its sound repeats each segment). */
  loopSegments: number;
  /** Bytes of each loop segment (the BANDWIDTH figures come from them). */
  segmentBytes: number[];
}

/** What a title's folder holds, written last as index.json. */
export interface MediaIndex {
  version: number;
  key: string;
  titleId: string;
  segmentSeconds: number;
  loopSegments: number;
  fps: number;
  video: (TrackIndex & { width: number; height: number })[];
  audio: (TrackIndex & { language: string; name: string })[];
  /** How long ffmpeg took, ms (for the figures). */
  encodeMs: number;
}

/** A title's media, ready to serve. */
export interface TitleMedia {
  dir: string;
  index: MediaIndex;
}

/** The media cannot be made or read: the service answers 503 with this message. */
export class MediaUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MediaUnavailableError';
  }
}

const INDEX_FILE = 'index.json';
const TMP_PREFIX = '.tmp-';
/** A temporary folder this old is from a run that died: removed before the next encode. */
const STALE_TMP_MS = 60 * 60 * 1000;
/** Media of another GENERATOR_VERSION unplayed this long is pruned whatever the cache's size. */
const OTHER_VERSION_MS = 24 * 60 * 60 * 1000;

/** Makes, caches and reads titles' media. One per service. */
export class MediaLibrary {
  readonly settings: MediaSettings;
  readonly dir: string;
  private readonly ffmpegPath: string;
  private readonly timeoutMs: number;
  private readonly fonts: Fonts;
  private readonly maxCacheBytes: number;
  /** Titles ready in this process, by folder key. */
  private readonly loaded = new Map<string, TitleMedia>();
  /** Encodes under way, by folder key: a second request for the same title waits for the first. */
  private readonly making = new Map<string, Promise<TitleMedia>>();
  /** One encode at a time: the machine has two cores and other work. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly stop = new AbortController();

  constructor(opts: MediaOptions & { dir: string }) {
    this.settings = { ...DEFAULT_MEDIA_SETTINGS, ...opts.settings };
    const problem = settingsProblem(this.settings);
    if (problem) throw new Error(`media settings: ${problem}`);
    this.dir = opts.dir;
    this.ffmpegPath = opts.ffmpegPath ?? chooseFfmpeg().path;
    this.timeoutMs = opts.timeoutMs ?? 120_000;
    this.fonts = findFonts();
    const fromEnv = Number(process.env.COUCHSIDE_MEDIA_CACHE_MB);
    this.maxCacheBytes = opts.maxCacheBytes ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv * 1024 ** 2 : DEFAULT_CACHE_BYTES);
  }

  /**
   * Keeps the cache folder within its size: removes the folders of other media versions unplayed
   * for a day (and folders left without an index by a run that died), then, past maxCacheBytes,
   * the titles whose last play is oldest. Titles in use by this service (made or loaded here) are never removed;
   * another service sharing the folder makes a removed title again on its next play. Runs in the
   * encode queue, so never beside an encode; best effort (a folder it cannot read is left).
   */
  prune(): Promise<PruneReport> {
    return this.enqueue(() => this.pruneNow());
  }

  private async pruneNow(): Promise<PruneReport> {
    const removed: string[] = [];
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return { removed, bytes: 0 };
    }
    const inUse = new Set([...this.loaded.keys(), ...this.making.keys()]);
    const kept: { name: string; bytes: number; usedAt: number }[] = [];
    for (const name of names) {
      if (name.startsWith(TMP_PREFIX) || inUse.has(name)) continue;
      const dir = join(this.dir, name);
      const info = await stat(dir).catch(() => undefined);
      if (!info?.isDirectory()) continue;
      let index: MediaIndex | undefined;
      let usedAt = info.mtimeMs;
      try {
        const file = join(dir, INDEX_FILE);
        index = JSON.parse(await readFile(file, 'utf8')) as MediaIndex;
        usedAt = (await stat(file)).mtimeMs;
      } catch {
        index = undefined;
      }
      // Another version's media goes once nobody has played it for a day (a service of that
      // version may share the folder); a folder without an index is from a run that died.
      const stale = index ? index.version !== GENERATOR_VERSION && Date.now() - usedAt > OTHER_VERSION_MS : Date.now() - info.mtimeMs > STALE_TMP_MS;
      if (stale) {
        await rm(dir, { recursive: true, force: true }).then(() => removed.push(name), () => undefined);
        continue;
      }
      kept.push({ name, bytes: await folderBytes(dir), usedAt });
    }
    let bytes = kept.reduce((sum, k) => sum + k.bytes, 0);
    for (const name of inUse) bytes += await folderBytes(join(this.dir, name));
    kept.sort((a, b) => a.usedAt - b.usedAt);
    for (const k of kept) {
      if (bytes <= this.maxCacheBytes) break;
      try {
        await rm(join(this.dir, k.name), { recursive: true, force: true });
        removed.push(k.name);
        bytes -= k.bytes;
      } catch {
        // Left for the next time.
      }
    }
    return { removed, bytes };
  }

  /** The loop's length in seconds. */
  get loopSeconds(): number {
    return this.settings.segmentSeconds * this.settings.loopSegments;
  }

  /** The folder key of a title's media: a hash of everything that shapes it. */
  keyOf(title: PictureTitle): string {
    const shape = { v: GENERATOR_VERSION, s: this.settings, a: AUDIO_TRACKS, f: this.fonts, t: [title.id, title.title, title.genre, title.hue] };
    const hash = createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16);
    const safeId = /^[a-z0-9-]{1,80}$/.test(title.id) ? title.id : 'title';
    return `${safeId}-${hash}`;
  }

  /** The title's media: from memory, from the cache folder, or made now (a few seconds). */
  ready(title: PictureTitle): Promise<TitleMedia> {
    const key = this.keyOf(title);
    const done = this.loaded.get(key);
    if (done) return Promise.resolve(done);
    let pending = this.making.get(key);
    if (!pending) {
      pending = this.loadOrMake(title, key).finally(() => this.making.delete(key));
      this.making.set(key, pending);
    }
    return pending;
  }

  /** The init segment of a track. */
  async init(media: TitleMedia, kind: 'video' | 'audio', id: string): Promise<Buffer> {
    return this.read(media, join(trackDir(kind, id), 'init.mp4'));
  }

  /**
   * Segment `k` of the timeline for a track: loop segment k mod n, moved to k's place (its decode
   * time k x segmentTicks plus the encoder's own constant offset, its sequence number k + 1).
   */
  async segment(media: TitleMedia, track: TrackIndex, kind: 'video' | 'audio', k: number): Promise<Buffer> {
    const i = k % track.loopSegments;
    const file = await this.read(media, join(trackDir(kind, track.id), `${i}.m4s`));
    try {
      return retimeFragment(file, (k - (track.baseIndex + i)) * track.segmentTicks, k + 1);
    } catch (err) {
      throw new MediaUnavailableError(`A media file is damaged (${(err as Error).message}).`);
    }
  }

  /** Stops an encode under way (the service is closing). */
  close(): void {
    this.stop.abort();
  }

  private async read(media: TitleMedia, file: string): Promise<Buffer> {
    try {
      return await readFile(join(media.dir, file));
    } catch (err) {
      // Gone from the folder (removed by hand, or by another service's pruning): forget it, so
      // the title's next play makes it again instead of failing for good.
      if (this.loaded.get(media.index.key) === media) this.loaded.delete(media.index.key);
      throw new MediaUnavailableError(`The media files are missing (${(err as NodeJS.ErrnoException).code ?? 'read error'}). Please try again.`);
    }
  }


  private async loadOrMake(title: PictureTitle, key: string): Promise<TitleMedia> {
    const dir = join(this.dir, key);
    let media = await this.load(dir, key);
    if (!media) {
      media = await this.enqueue(() => this.make(title, key, dir));
      // A new folder: keep the cache within its size (in the background).
      this.prune().catch(() => undefined);
    }
    this.loaded.set(key, media);
    // The index's time is the title's last play in this folder (what pruning keeps longest).
    const now = new Date();
    await utimes(join(dir, INDEX_FILE), now, now).catch(() => undefined);
    return media;
  }

  /** A complete folder's index, or undefined (missing, or not what this version writes). */
  private async load(dir: string, key: string): Promise<TitleMedia | undefined> {
    try {
      const index = JSON.parse(await readFile(join(dir, INDEX_FILE), 'utf8')) as MediaIndex;
      if (index.version === GENERATOR_VERSION && index.key === key) return { dir, index };
    } catch {
      // Not made yet (or unreadable): made again.
    }
    return undefined;
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async make(title: PictureTitle, key: string, dir: string): Promise<TitleMedia> {
    // Another request (or service) may have finished it while this one queued.
    const existing = await this.load(dir, key);
    if (existing) return existing;
    if (this.stop.signal.aborted) throw new MediaUnavailableError('The service is shutting down.');
    try {
      await mkdir(this.dir, { recursive: true });
    } catch (err) {
      throw new MediaUnavailableError(`The service cannot write its media folder (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    await this.removeStaleTemps();
    let work: string;
    try {
      work = await mkdtemp(join(this.dir, `${TMP_PREFIX}${key}-`));
    } catch (err) {
      throw new MediaUnavailableError(`The service cannot write its media folder (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    try {
      const s = this.settings;
      const top = s.renditions[s.renditions.length - 1]!;
      const text = lettering(title, top.width, top.height);
      await writeFile(join(work, INPUT_FILES.background), backgroundPpm(title, top.width, top.height));
      await writeFile(join(work, INPUT_FILES.title), text.lines.join('\n'));
      for (const r of s.renditions) await mkdir(join(work, trackDir('video', r.name)), { recursive: true });
      for (const a of AUDIO_TRACKS) await mkdir(join(work, trackDir('audio', a.language)), { recursive: true });
      const started = Date.now();
      try {
        await runFfmpeg(this.ffmpegPath, encodeArgs(s, text, this.fonts), work, { timeoutMs: this.timeoutMs, signal: this.stop.signal });
      } catch (err) {
        if (err instanceof EncoderError) throw new MediaUnavailableError(`The video for this title cannot be made: ${err.message}`);
        throw err;
      }
      const encodeMs = Date.now() - started;
      await unlink(join(work, INPUT_FILES.background));
      const index: MediaIndex = {
        version: GENERATOR_VERSION,
        key,
        titleId: title.id,
        segmentSeconds: s.segmentSeconds,
        loopSegments: s.loopSegments,
        fps: s.fps,
        video: [],
        audio: [],
        encodeMs,
      };
      for (const r of s.renditions) {
        index.video.push({ ...(await this.checkTrack(work, 'video', r.name, 0, s.loopSegments)), width: r.width, height: r.height });
      }
      for (const a of AUDIO_TRACKS) {
        index.audio.push({ ...(await this.checkTrack(work, 'audio', a.language, AUDIO_SERVED_SEGMENT, 1)), language: a.language, name: a.name });
      }
      await writeFile(join(work, INDEX_FILE), JSON.stringify(index));
      try {
        await rename(work, dir);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
        // Another service sharing the folder finished first: use its copy.
        await rm(work, { recursive: true, force: true });
        const theirs = await this.load(dir, key);
        if (!theirs) throw new MediaUnavailableError('The media folder is in an unexpected state. Please try again.');
        return theirs;
      }
      return { dir, index };
    } catch (err) {
      await rm(work, { recursive: true, force: true }).catch(() => undefined);
      if (err instanceof MediaUnavailableError) throw err;
      throw new MediaUnavailableError(`The video for this title cannot be made: ${(err as Error).message}`);
    }
  }

  /**
   * Checks one encoded track and keeps its loop's segments as 0..count-1: each exactly one segment
   * long, each starting where the one before ends (otherwise the timeline could not be exact).
   * `first` is the first of ffmpeg's segments to keep; the others are deleted.
   */
  private async checkTrack(work: string, kind: 'video' | 'audio', id: string, first: number, count: number): Promise<TrackIndex> {
    const s = this.settings;
    const dir = join(work, trackDir(kind, id));
    const { timescale, codec } = readInit(await readFile(join(dir, 'init.mp4')));
    const segmentTicks = Math.round(s.segmentSeconds * timescale);
    if (Math.abs(segmentTicks - s.segmentSeconds * timescale) > 1e-6) throw new Error(`${kind} ${id}: a segment is not a whole number of ticks at ${timescale}/s`);
    const files = (await readdir(dir)).filter((f) => /^\d+\.m4s$/.test(f));
    const segmentBytes: number[] = [];
    let expectStart: number | undefined;
    for (let i = 0; i < count; i++) {
      const name = `${first + i}.m4s`;
      if (!files.includes(name)) throw new Error(`${kind} ${id}: ffmpeg wrote ${files.length} segments, segment ${first + i} is missing`);
      const buf = await readFile(join(dir, name));
      const frag = readFragment(buf);
      if (frag.duration !== segmentTicks) throw new Error(`${kind} ${id}: segment ${first + i} lasts ${frag.duration} ticks, not ${segmentTicks}`);
      if (expectStart !== undefined && frag.decodeTime !== expectStart) throw new Error(`${kind} ${id}: segment ${first + i} does not follow the one before`);
      expectStart = frag.decodeTime + frag.duration;
      segmentBytes.push(buf.length);
    }
    // Keep the loop as 0..n-1 (the files of those names were not kept, so nothing is overwritten).
    const keep = new Set(Array.from({ length: count }, (_, i) => `${first + i}.m4s`));
    for (const f of files) if (!keep.has(f)) await unlink(join(dir, f));
    if (first > 0) for (let i = 0; i < count; i++) await rename(join(dir, `${first + i}.m4s`), join(dir, `${i}.m4s`));
    return { id, codec, timescale, segmentTicks, baseIndex: first, loopSegments: count, segmentBytes };
  }

  /** Removes temporary folders left by runs that died (older than an hour). */
  private async removeStaleTemps(): Promise<void> {
    try {
      for (const name of await readdir(this.dir)) {
        if (!name.startsWith(TMP_PREFIX)) continue;
        const path = join(this.dir, name);
        const info = await stat(path).catch(() => undefined);
        if (info && Date.now() - info.mtimeMs > STALE_TMP_MS) await rm(path, { recursive: true, force: true });
      }
    } catch {
      // Best effort.
    }
  }
}

/** The bytes of the files in a folder and its subfolders (0 for what cannot be read). */
async function folderBytes(dir: string): Promise<number> {
  let sum = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) sum += await folderBytes(path);
    else sum += (await stat(path).catch(() => ({ size: 0 }))).size;
  }
  return sum;
}
