import { describe, expect, it } from 'vitest';
import { Fmp4Error, childBoxes, readFragment, readInit, retimeFragment } from '../../../../server/media/fmp4';

// Boxes built by hand, laid out as ISO/IEC 14496-12 and ffmpeg's HLS fMP4 muxer write them.
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};
const box = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
};
const full = (type: string, version: number, flags: number, ...parts: Buffer[]) =>
  box(type, Buffer.from([version, (flags >> 16) & 0xff, (flags >> 8) & 0xff, flags & 0xff]), ...parts);

/** A media segment: styp, sidx, moof (mfhd, traf: tfhd with a default duration, tfdt, trun), mdat. */
function segment(opts: { decodeTime: number; version?: 0 | 1; samples?: number; perSampleDurations?: number[] }): Buffer {
  const version = opts.version ?? 1;
  const samples = opts.perSampleDurations?.length ?? opts.samples ?? 80;
  const time = (n: number) => (version === 1 ? u64(n) : u32(n));
  const trun = opts.perSampleDurations
    ? full('trun', 0, 0x000301, u32(samples), u32(0), ...opts.perSampleDurations.flatMap((d) => [u32(d), u32(10)]))
    : full('trun', 0, 0x000201, u32(samples), u32(0), ...Array.from({ length: samples }, () => u32(10)));
  return Buffer.concat([
    box('styp', Buffer.from('msdh'), u32(0)),
    full('sidx', version, 0, u32(1), u32(12800), time(opts.decodeTime), time(0), u32(1), u32(100), u32(40960), u32(0x90000000)),
    box('moof', full('mfhd', 0, 0, u32(3)), box('traf', full('tfhd', 0, 0x020008, u32(1), u32(512)), full('tfdt', version, 0, time(opts.decodeTime)), trun)),
    box('mdat', Buffer.alloc(samples * 10, 7)),
  ]);
}

/** An init segment with one H.264 (or AAC) track. */
function init(kind: 'avc1' | 'mp4a', timescale: number): Buffer {
  const entry = kind === 'avc1' ? box('avc1', Buffer.alloc(78), box('avcC', Buffer.from([1, 0x42, 0xc0, 0x1e, 0xff]))) : box('mp4a', Buffer.alloc(28), box('esds', u32(0)));
  const mdhd = full('mdhd', 0, 0, u32(0), u32(0), u32(timescale), u32(0), u32(0));
  const stsd = full('stsd', 0, 0, u32(1), entry);
  return Buffer.concat([box('ftyp', Buffer.from('iso6')), box('moov', box('trak', box('mdia', mdhd, box('minf', box('stbl', stsd)))))]);
}

describe('fMP4 boxes', () => {
  it("reads an init segment's timescale and codec string", () => {
    expect(readInit(init('avc1', 12800))).toEqual({ timescale: 12800, codec: 'avc1.42c01e' });
    expect(readInit(init('mp4a', 48000))).toEqual({ timescale: 48000, codec: 'mp4a.40.2' });
  });

  it("reads a segment's decode time and duration (default or per-sample durations)", () => {
    expect(readFragment(segment({ decodeTime: 40960 }))).toEqual({ sequence: 3, decodeTime: 40960, duration: 80 * 512, samples: 80 });
    expect(readFragment(segment({ decodeTime: 5, version: 0, perSampleDurations: [100, 200, 300] }))).toMatchObject({ decodeTime: 5, duration: 600, samples: 3 });
  });

  it('moves a segment along the timeline: tfdt and sidx shifted, sequence set, every other byte the same', () => {
    const original = segment({ decodeTime: 40960 });
    const shift = 3 * 60 * 60 * 12800; // three hours on
    const moved = retimeFragment(original, shift, 2701);
    expect(readFragment(moved)).toEqual({ sequence: 2701, decodeTime: 40960 + shift, duration: 40960, samples: 80 });
    const sidx = childBoxes(moved).find((b) => b.type === 'sidx')!;
    expect(Number(moved.readBigUInt64BE(sidx.body + 12))).toBe(40960 + shift);
    // Only the three fields changed; the original is untouched.
    const differing = [...moved].filter((byte, i) => byte !== original[i]).length;
    expect(differing).toBeGreaterThan(0);
    expect(differing).toBeLessThanOrEqual(8 + 8 + 4);
    expect(moved.length).toBe(original.length);
    expect(readFragment(original).decodeTime).toBe(40960);
  });

  it('refuses what it cannot represent or parse', () => {
    expect(() => retimeFragment(segment({ decodeTime: 0, version: 0 }), 2 ** 32, 1)).toThrow(Fmp4Error);
    const truncated = segment({ decodeTime: 0 }).subarray(0, 60);
    expect(() => readFragment(truncated)).toThrow(Fmp4Error);
    expect(() => readFragment(box('mdat', Buffer.alloc(4)))).toThrow(/no moof/);
    expect(() => readInit(box('ftyp', Buffer.alloc(4)))).toThrow(Fmp4Error);
  });
});
