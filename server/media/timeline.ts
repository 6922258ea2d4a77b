/**
 * A title's whole timeline as HLS: the master playlist, a media playlist per rendition and track
 * (one EXTINF per segment of the title's runtime, however short the encoded loop), and the
 * WebVTT subtitle segments, written on request with the title position in their text.
 * Every URI is relative, so the playback token in the master playlist's path rides along.
 */
import type { PlaybackRendition, PlaybackTrack } from '../../shared/api';
import type { MediaIndex, TrackIndex } from './library';

/** Two subtitle tracks per title. */
export const SUBTITLE_TRACKS: readonly PlaybackTrack[] = [
  { language: 'en', name: 'English' },
  { language: 'fr', name: 'Français' },
];

/** A title's stream: how many segments, and how long it runs. */
export interface Timeline {
  segmentSeconds: number;
  segments: number;
  /** The runtime rounded up to a whole segment. */
  durationSeconds: number;
}

/** The timeline of a title that runs `runtimeMinutes`. */
export function timelineFor(runtimeMinutes: number, segmentSeconds: number): Timeline {
  const segments = Math.max(1, Math.ceil((runtimeMinutes * 60) / segmentSeconds - 1e-9));
  return { segmentSeconds, segments, durationSeconds: Number((segments * segmentSeconds).toFixed(3)) };
}

/** Bits per second of a track's largest and average segment. */
function rates(track: TrackIndex, segmentSeconds: number): { peak: number; average: number } {
  const bits = track.segmentBytes.map((b) => (b * 8) / segmentSeconds);
  return { peak: Math.ceil(Math.max(...bits)), average: Math.ceil(bits.reduce((a, b) => a + b, 0) / bits.length) };
}

/** The renditions with their BANDWIDTH (video peak plus the largest audio track's peak, as RFC 8216 asks). */
export function renditionsOf(index: MediaIndex): (PlaybackRendition & { averageBandwidth: number; codec: string })[] {
  const audio = index.audio.map((a) => rates(a, index.segmentSeconds));
  const audioPeak = Math.max(0, ...audio.map((a) => a.peak));
  const audioAverage = Math.max(0, ...audio.map((a) => a.average));
  return index.video.map((v) => {
    const r = rates(v, index.segmentSeconds);
    return { name: v.id, width: v.width, height: v.height, bandwidth: r.peak + audioPeak, averageBandwidth: r.average + audioAverage, codec: v.codec };
  });
}

/** The audio tracks as the master playlist labels them. */
export function audioTracksOf(index: MediaIndex): PlaybackTrack[] {
  return index.audio.map((a) => ({ language: a.language, name: a.name }));
}

/** A quoted-string attribute value (RFC 8216 4.2: no double quote, CR or LF inside). */
const quoted = (value: string) => `"${value.replace(/["\r\n]/g, '')}"`;

/** Group ids of the master playlist. */
const AUDIO_GROUP = 'audio';
const SUBTITLE_GROUP = 'subs';

/** The master playlist: the audio and subtitle renditions (EXT-X-MEDIA) and one variant per video rendition. */
export function masterPlaylist(index: MediaIndex): string {
  const audioCodec = index.audio[0]?.codec ?? 'mp4a.40.2';
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  index.audio.forEach((a, i) => {
    lines.push(
      `#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=${quoted(AUDIO_GROUP)},LANGUAGE=${quoted(a.language)},NAME=${quoted(a.name)},` +
        `DEFAULT=${i === 0 ? 'YES' : 'NO'},AUTOSELECT=YES,CHANNELS="2",URI=${quoted(`audio/${a.id}.m3u8`)}`,
    );
  });
  for (const s of SUBTITLE_TRACKS) {
    lines.push(
      `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=${quoted(SUBTITLE_GROUP)},LANGUAGE=${quoted(s.language)},NAME=${quoted(s.name)},` +
        `DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI=${quoted(`subs/${s.language}.m3u8`)}`,
    );
  }
  for (const r of renditionsOf(index)) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${r.bandwidth},AVERAGE-BANDWIDTH=${r.averageBandwidth},CODECS=${quoted(`${r.codec},${audioCodec}`)},` +
        `RESOLUTION=${r.width}x${r.height},FRAME-RATE=${index.fps.toFixed(3)},AUDIO=${quoted(AUDIO_GROUP)},SUBTITLES=${quoted(SUBTITLE_GROUP)}`,
      `video/${r.name}.m3u8`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A media playlist over the whole timeline: `${folder}/0.${ext}` … (relative to the playlist),
 * with `${folder}/init.mp4` as its EXT-X-MAP for fMP4 tracks.
 */
export function mediaPlaylist(timeline: Timeline, folder: string, ext: 'm4s' | 'vtt'): string {
  const extinf = `#EXTINF:${timeline.segmentSeconds.toFixed(3)},`;
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${Math.ceil(timeline.segmentSeconds)}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS',
  ];
  if (ext === 'm4s') lines.push(`#EXT-X-MAP:URI=${quoted(`${folder}/init.mp4`)}`);
  for (let k = 0; k < timeline.segments; k++) lines.push(extinf, `${folder}/${k}.${ext}`);
  lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

/** A WebVTT timestamp: hh:mm:ss.mmm. */
export function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

/** Text safe inside a WebVTT cue (no markup, no "-->"). */
const cueText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Each track's words. */
const SUBTITLE_WORDS: Readonly<Record<string, (title: string, line: number) => string>> = {
  en: (title, line) => `${title} — line ${line}`,
  fr: (title, line) => `${title} — réplique ${line}`,
};

/**
 * Subtitle segment `k`: one cue inside the segment, saying where in the title it is (the title
 * position, which the picture's loop clock cannot show) and which language it is. The
 * X-TIMESTAMP-MAP says cue time 0 is media time 0: the segments' decode times run on from 0 with
 * the timeline (library.ts), so cue times are title positions.
 */
export function webvttSegment(title: string, language: string, k: number, segmentSeconds: number): string {
  const start = k * segmentSeconds + 0.1;
  const end = (k + 1) * segmentSeconds - 0.1;
  const words = SUBTITLE_WORDS[language] ?? SUBTITLE_WORDS.en!;
  const clock = vttTime(k * segmentSeconds).slice(0, 8);
  return [
    'WEBVTT',
    'X-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000',
    '',
    `${vttTime(start)} --> ${vttTime(end)}`,
    cueText(`[${clock}] ${words(title, k + 1)}`),
    '',
  ].join('\n');
}
