/**
 * The one ffmpeg run that makes a title's media: a short loop of its picture (poster colours,
 * name, a running loop timecode, the rendition's name in the corner) in every rendition, and two
 * audio tracks (tones of different pitch, beeping), as HLS CMAF (fMP4) segments.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { Lettering } from './picture';

/** One video rendition. */
export interface Rendition {
  /** e.g. "540p": its folder and playlist name, and the label drawn in the picture. */
  name: string;
  width: number;
  height: number;
  /** Constant bit rate of the encode (x264 CBR with filler), kbit/s. */
  kbps: number;
}

/** One generated audio track. */
export interface AudioTrack {
  /** BCP 47 tag: the master playlist's LANGUAGE, and its folder name. */
  language: string;
  /** The master playlist's NAME. */
  name: string;
  /** The tone's pitch, Hz. */
  frequency: number;
  /** The beep is this many times the tone's pitch. */
  beep: number;
}

/** What the service encodes for every title. */
export interface MediaSettings {
  /**
   * Length of every segment. 3.2 s is a whole number of AAC frames at 48 kHz (150 x 1024 samples)
   * and of video frames at 25 fps (80), so audio and video segments line up exactly, loop after
   * loop, with no drift.
   */
  segmentSeconds: number;
  /** Segments in the encoded loop (the loop lasts segmentSeconds x loopSegments). */
  loopSegments: number;
  fps: number;
  /** Smallest first. */
  renditions: Rendition[];
  audioKbps: number;
}

/** Seconds between an audio track's beeps (a segment holds a whole number of them). */
export const BEEP_PERIOD = 0.8;

/** Which of the three encoded audio segments is served (the first holds the encoder's start-up). */
export const AUDIO_SERVED_SEGMENT = 1;

/** The audio sample rate (AAC frames are 1024 samples). */
export const AUDIO_RATE = 48_000;
const AAC_FRAME = 1024;

/** Two audio tracks per title: English and French "voices", told apart by their pitch. */
export const AUDIO_TRACKS: readonly AudioTrack[] = [
  { language: 'en', name: 'English', frequency: 440, beep: 2 },
  { language: 'fr', name: 'Français', frequency: 330, beep: 3 },
];

/** The default ladder: three H.264 renditions, 32 s loop. */
export const DEFAULT_MEDIA_SETTINGS: MediaSettings = {
  segmentSeconds: 3.2,
  loopSegments: 10,
  fps: 25,
  renditions: [
    { name: '240p', width: 426, height: 240, kbps: 300 },
    { name: '360p', width: 640, height: 360, kbps: 700 },
    { name: '540p', width: 960, height: 540, kbps: 1400 },
  ],
  audioKbps: 96,
};

/** Why settings cannot work (segments that do not hold whole audio and video frames, odd sizes), or null. */
export function settingsProblem(s: MediaSettings): string | null {
  const frames = s.segmentSeconds * s.fps;
  const samples = s.segmentSeconds * AUDIO_RATE;
  if (!(s.segmentSeconds > 0) || Math.abs(frames - Math.round(frames)) > 1e-9) return 'a segment must hold a whole number of video frames';
  if (Math.abs(samples / AAC_FRAME - Math.round(samples / AAC_FRAME)) > 1e-9) return 'a segment must hold a whole number of AAC frames (1024 samples at 48 kHz)';
  if (!Number.isInteger(s.loopSegments) || s.loopSegments < 1) return 'the loop needs at least one segment';
  const periodic = (hz: number, seconds: number) => Math.abs(hz * seconds - Math.round(hz * seconds)) < 1e-9;
  if (!periodic(1 / BEEP_PERIOD, s.segmentSeconds) || AUDIO_TRACKS.some((a) => !periodic(a.frequency, s.segmentSeconds) || !periodic(a.frequency * a.beep, BEEP_PERIOD))) {
    return 'the audio must repeat exactly every segment';
  }
  if (s.renditions.length === 0) return 'at least one rendition';
  for (const r of s.renditions) {
    if (r.width % 2 || r.height % 2 || r.width < 16 || r.height < 16) return `rendition ${r.name}: width and height must be even, 16 or more`;
    if (!/^[a-z0-9]+$/.test(r.name)) return `rendition ${r.name}: name must be lower-case letters and digits`;
  }
  return null;
}

/** Font files ffmpeg's drawtext uses (Debian's fonts-dejavu-core), or fontconfig names when absent. */
export interface Fonts {
  sans: string;
  serif: string;
  mono: string;
}

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';

/** DejaVu's files where installed; otherwise drawtext asks fontconfig for the family. */
export function findFonts(): Fonts {
  const pick = (file: string, family: string) => (existsSync(`${FONT_DIR}/${file}`) ? `fontfile=${filterValue(`${FONT_DIR}/${file}`)}` : `font=${filterValue(family)}`);
  return { sans: pick('DejaVuSans-Bold.ttf', 'Sans'), serif: pick('DejaVuSerif-Bold.ttf', 'Serif'), mono: pick('DejaVuSansMono-Bold.ttf', 'Monospace') };
}

/** A value for a filter option, quoted for ffmpeg's filter graph (both escaping levels). */
function filterValue(value: string): string {
  // Inside '…' nothing is special but the quote itself, which closes, is escaped, and reopens.
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/** Files the run reads from its working folder. */
export const INPUT_FILES = { background: 'background.ppm', title: 'title.txt' } as const;

/** The folder of a track's files inside a title's media folder: video/240p, audio/en. */
export const trackDir = (kind: 'video' | 'audio', id: string) => `${kind}/${id}`;

/**
 * An audio track's source: a soft tone with a beep (twice its pitch) every BEEP_PERIOD seconds.
 * The sound repeats exactly every segment (the tone and beep complete whole cycles in one), so
 * one steady-state segment, served again and again, plays as one continuous sound. Three
 * segments are made: the first holds the encoder's start-up, the second is the one served.
 */
function audioSource(a: AudioTrack, segmentSeconds: number): string {
  const tone = `0.1*sin(2*PI*${a.frequency}*t)`;
  const beep = `0.15*lt(mod(t,${BEEP_PERIOD}),0.12)*sin(2*PI*${a.frequency * a.beep}*t)`;
  return `aevalsrc=exprs='${tone}+${beep}':sample_rate=${AUDIO_RATE}:duration=${3 * segmentSeconds}`;
}

/**
 * How far down the picture's own labels (the loop clock, the rendition) sit: a fifth of the
 * height, below the player's top bar (Back, the title, "Subtitles & audio"), so the two never
 * overlap while the controls show.
 */
const labelY = (height: number) => Math.round(height / 5);

/** ffmpeg's arguments for a title (run in a folder holding INPUT_FILES; writes video/* and audio/*). */
export function encodeArgs(s: MediaSettings, text: Lettering, fonts: Fonts): string[] {
  const loop = s.segmentSeconds * s.loopSegments;
  const top = s.renditions[s.renditions.length - 1]!;
  const gop = Math.round(s.segmentSeconds * s.fps);
  const frames = gop * s.loopSegments;
  const clock = Math.max(10, Math.round(top.height / 16));
  const bar = Math.max(2, Math.round(top.height / 90));
  const hls = (dir: string) => [
    '-f', 'hls',
    '-hls_time', String(s.segmentSeconds),
    '-hls_playlist_type', 'vod',
    '-hls_segment_type', 'fmp4',
    '-hls_fmp4_init_filename', 'init.mp4',
    '-hls_segment_filename', `${dir}/%d.m4s`,
    `${dir}/index.m3u8`,
  ];

  const graph: string[] = [];
  // The still background (poster colours) with the name set as on the poster, drawn once and
  // repeated for every frame of the loop; on top of each frame the loop's clock and a bar that
  // fills along the bottom as the loop runs (so every frame moves).
  graph.push(
    `[0:v]format=yuv420p,drawtext=${text.serif ? fonts.serif : fonts.sans}:textfile=${INPUT_FILES.title}:fontsize=${text.fontSize}:fontcolor=white` +
      `:line_spacing=${Math.round(text.fontSize * 0.1)}:x=${text.x}:y=${text.bottom}-th:shadowcolor=black@0.5:shadowx=2:shadowy=2,` +
      `loop=loop=${frames - 1}:size=1,setpts=N/${s.fps}/TB,` +
      `drawtext=${fonts.mono}:text='loop %{pts\\:hms}':fontsize=${clock}:fontcolor=white:x=${text.x}:y=${labelY(top.height)}` +
      `:box=1:boxcolor=black@0.45:boxborderw=${Math.round(clock / 3)}[titled]`,
    `color=c=white@0.85:s=${top.width}x${bar}:r=${s.fps}[bar]`,
    `[titled][bar]overlay=x='-w+W*t/${loop}':y=H-h:shortest=1,split=${s.renditions.length}${s.renditions.map((_, i) => `[p${i}]`).join('')}`,
  );
  s.renditions.forEach((r, i) => {
    const label = Math.max(8, Math.round(r.height / 14));
    graph.push(
      `[p${i}]scale=${r.width}:${r.height},drawtext=${fonts.sans}:text='${r.name}':fontsize=${label}:fontcolor=white` +
        `:x=w-tw-${label}:y=${labelY(r.height)}:box=1:boxcolor=black@0.45:boxborderw=${Math.round(label / 3)}[v${i}]`,
    );
  });

  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    '-framerate', String(s.fps), '-i', INPUT_FILES.background,
    ...AUDIO_TRACKS.flatMap((a) => ['-f', 'lavfi', '-i', audioSource(a, s.segmentSeconds)]),
    '-filter_complex', graph.join(';'),
  ];
  s.renditions.forEach((r, i) => {
    args.push(
      '-map', `[v${i}]`, '-an',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0',
      // Constant bit rate with filler, so each rendition really costs its bandwidth (a cap then
      // makes the player step down, as on a real network).
      '-b:v', `${r.kbps}k`, '-minrate', `${r.kbps}k`, '-maxrate', `${r.kbps}k`, '-bufsize', `${r.kbps}k`, '-x264-params', 'nal-hrd=cbr:force-cfr=1',
      ...hls(trackDir('video', r.name)),
    );
  });
  AUDIO_TRACKS.forEach((a, i) => {
    args.push('-map', `${i + 1}:a`, '-vn', '-c:a', 'aac', '-b:a', `${s.audioKbps}k`, '-ac', '2', '-ar', String(AUDIO_RATE), ...hls(trackDir('audio', a.language)));
  });
  return args;
}

/** ffmpeg could not run or failed: the service answers 503 with this message. */
export class EncoderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncoderError';
  }
}

/** Runs ffmpeg in `cwd`; rejects with an EncoderError saying why (not installed, failed, too slow, stopped). */
export function runFfmpeg(ffmpegPath: string, args: readonly string[], cwd: string, opts: { timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    let timedOut = false;
    const child = spawn(ffmpegPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], signal: opts.signal, killSignal: 'SIGKILL' });
    // Encoding is background work: the service's answers come first on a busy machine.
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, 10);
      } catch {
        // Not allowed here: it runs at normal priority.
      }
    }
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ENOENT') reject(new EncoderError(`ffmpeg was not found (${ffmpegPath}); install it (apt-get install ffmpeg; npm install brings a bundled one where @ffmpeg-installer has a build for this platform) or set COUCHSIDE_FFMPEG.`));
      else if (err.name === 'AbortError') reject(new EncoderError('the service is shutting down.'));
      else reject(new EncoderError(`ffmpeg could not start: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      if (timedOut) return reject(new EncoderError(`ffmpeg took longer than ${Math.round(opts.timeoutMs / 1000)} s.`));
      const last = stderr.trim().split('\n').at(-1)?.slice(0, 300) ?? '';
      reject(new EncoderError(`ffmpeg failed (${signal ?? `exit ${code}`})${last ? `: ${last}` : '.'}`));
    });
  });
}
