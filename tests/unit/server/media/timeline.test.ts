import { describe, expect, it } from 'vitest';
import type { MediaIndex } from '../../../../server/media/library';
import { masterPlaylist, mediaPlaylist, renditionsOf, timelineFor, vttTime, webvttSegment } from '../../../../server/media/timeline';

const track = (id: string, codec: string, bytes: number[]) => ({ id, codec, timescale: 12800, segmentTicks: 40960, baseIndex: 0, loopSegments: bytes.length, segmentBytes: bytes });

/** What the library records for a title with three renditions and two audio tracks. */
const INDEX: MediaIndex = {
  version: 1,
  key: 'k',
  titleId: 'glass-harbor',
  segmentSeconds: 3.2,
  loopSegments: 2,
  fps: 25,
  video: [
    { ...track('240p', 'avc1.42c015', [120_000, 100_000]), width: 426, height: 240 },
    { ...track('360p', 'avc1.42c01e', [280_000, 260_000]), width: 640, height: 360 },
    { ...track('540p', 'avc1.42c01f', [560_000, 540_000]), width: 960, height: 540 },
  ],
  audio: [
    { ...track('en', 'mp4a.40.2', [38_400]), language: 'en', name: 'English' },
    { ...track('fr', 'mp4a.40.2', [38_000]), language: 'fr', name: 'Français' },
  ],
  encodeMs: 1,
};

/** The attributes of an EXT-X tag line. */
function attributes(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of line.slice(line.indexOf(':') + 1).matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) out[m[1]!] = m[2]!.replace(/^"|"$/g, '');
  return out;
}

describe('HLS playlists', () => {
  it('rounds a runtime up to whole segments', () => {
    expect(timelineFor(112, 3.2)).toEqual({ segmentSeconds: 3.2, segments: 2100, durationSeconds: 6720 });
    expect(timelineFor(113, 3.2)).toEqual({ segmentSeconds: 3.2, segments: 2119, durationSeconds: 6780.8 });
  });

  it('master: three renditions, one audio group of two labelled tracks, two subtitle tracks', () => {
    const lines = masterPlaylist(INDEX).trim().split('\n');
    expect(lines[0]).toBe('#EXTM3U');
    expect(lines).toContain('#EXT-X-VERSION:7');
    const media = lines.filter((l) => l.startsWith('#EXT-X-MEDIA:')).map(attributes);
    const audio = media.filter((m) => m.TYPE === 'AUDIO');
    expect(audio.map((a) => [a.LANGUAGE, a.NAME, a.DEFAULT, a['GROUP-ID'], a.URI])).toEqual([
      ['en', 'English', 'YES', 'audio', 'audio/en.m3u8'],
      ['fr', 'Français', 'NO', 'audio', 'audio/fr.m3u8'],
    ]);
    const subs = media.filter((m) => m.TYPE === 'SUBTITLES');
    expect(subs.map((s) => [s.LANGUAGE, s.NAME, s['GROUP-ID'], s.URI])).toEqual([
      ['en', 'English', 'subs', 'subs/en.m3u8'],
      ['fr', 'Français', 'subs', 'subs/fr.m3u8'],
    ]);
    const variants = lines.flatMap((l, i): Record<string, string>[] => (l.startsWith('#EXT-X-STREAM-INF:') ? [{ ...attributes(l), uri: lines[i + 1]! }] : []));
    expect(variants.map((v) => [v.RESOLUTION, v.uri, v.AUDIO, v.SUBTITLES, v.CODECS])).toEqual([
      ['426x240', 'video/240p.m3u8', 'audio', 'subs', 'avc1.42c015,mp4a.40.2'],
      ['640x360', 'video/360p.m3u8', 'audio', 'subs', 'avc1.42c01e,mp4a.40.2'],
      ['960x540', 'video/540p.m3u8', 'audio', 'subs', 'avc1.42c01f,mp4a.40.2'],
    ]);
    // BANDWIDTH: the rendition's largest segment plus the largest audio segment, in bits per second.
    expect(Number(variants[0]!.BANDWIDTH)).toBe(Math.ceil((120_000 * 8) / 3.2) + Math.ceil((38_400 * 8) / 3.2));
    expect(Number(variants[0]!['AVERAGE-BANDWIDTH'])).toBeLessThan(Number(variants[0]!.BANDWIDTH));
    expect(renditionsOf(INDEX).map((r) => r.bandwidth)).toEqual(variants.map((v) => Number(v.BANDWIDTH)));
  });

  it('media playlists cover the whole runtime, with an init segment for fMP4 and none for WebVTT', () => {
    const timeline = timelineFor(112, 3.2);
    const video = mediaPlaylist(timeline, '540p', 'm4s').trim().split('\n');
    expect(video).toContain('#EXT-X-MAP:URI="540p/init.mp4"');
    expect(video).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(video).toContain('#EXT-X-TARGETDURATION:4');
    expect(video.filter((l) => l === '#EXTINF:3.200,')).toHaveLength(2100);
    expect(video.filter((l) => /^540p\/\d+\.m4s$/.test(l)).at(-1)).toBe('540p/2099.m4s');
    expect(video.at(-1)).toBe('#EXT-X-ENDLIST');
    const subs = mediaPlaylist(timeline, 'fr', 'vtt');
    expect(subs).not.toContain('EXT-X-MAP');
    expect(subs).toContain('\nfr/2099.vtt\n');
  });

  it('subtitle segments: one cue in the segment, saying the title position, escaped', () => {
    expect(vttTime(3723.5)).toBe('01:02:03.500');
    const vtt = webvttSegment('Salt, Smoke <and> Fire & Co', 'fr', 1350, 3.2);
    expect(vtt.split('\n')).toEqual([
      'WEBVTT',
      'X-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000',
      '',
      '01:12:00.100 --> 01:12:03.100',
      '[01:12:00] Salt, Smoke &lt;and&gt; Fire &amp; Co — réplique 1351',
      '',
    ]);
    expect(webvttSegment('Tessellate', 'en', 0, 3.2)).toContain('00:00:00.100 --> 00:00:03.100\n[00:00:00] Tessellate — line 1');
  });
});
