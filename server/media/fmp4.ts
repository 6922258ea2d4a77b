/**
 * Just enough of the ISO base media file format (ISO/IEC 14496-12) to serve a short encoded loop
 * as a long timeline: read an init segment's timescale and codec, read a media segment's decode
 * time and duration, and rewrite that decode time in a copy of the segment.
 *
 * Layout relied on (what ffmpeg's HLS muxer writes with -hls_segment_type fmp4, one track per file):
 *   init:    ftyp, moov > trak > mdia > (mdhd: timescale; minf > stbl > stsd > avc1 > avcC | mp4a)
 *   segment: styp, sidx (earliest_presentation_time), moof > (mfhd: sequence_number;
 *            traf > (tfhd: default_sample_duration; tfdt: baseMediaDecodeTime; trun: samples)), mdat
 * tfdt, mfhd and sidx are full boxes (1 byte version, 3 bytes flags); version 1 carries 64-bit times.
 */

/** One box: its type and where it lies in the buffer. */
export interface Box {
  type: string;
  /** Offset of the box's first byte (its size field). */
  start: number;
  /** Offset just past the box's header (size, type, and largesize when present). */
  body: number;
  /** Offset just past the box. */
  end: number;
}

/** A file that is not the fMP4 this module understands. */
export class Fmp4Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Fmp4Error';
  }
}

/** The boxes directly inside [start, end). */
export function childBoxes(buf: Buffer, start = 0, end = buf.length): Box[] {
  const out: Box[] = [];
  let p = start;
  while (p < end) {
    if (p + 8 > end) throw new Fmp4Error(`truncated box header at ${p}`);
    let size = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    let header = 8;
    if (size === 1) {
      if (p + 16 > end) throw new Fmp4Error(`truncated large box header at ${p}`);
      size = Number(buf.readBigUInt64BE(p + 8));
      header = 16;
    } else if (size === 0) {
      size = end - p;
    }
    if (size < header || p + size > end) throw new Fmp4Error(`box ${type} at ${p} has a bad size ${size}`);
    out.push({ type, start: p, body: p + header, end: p + size });
    p += size;
  }
  return out;
}

/** The first box found by following `path` (box types) from the top level; undefined when missing. */
export function findBox(buf: Buffer, path: readonly string[], within: Box | null = null): Box | undefined {
  let scope: Box | null = within;
  for (const type of path) {
    // stsd is a full box with an entry count before its children; sample entries have fixed fields first.
    const skip = scope?.type === 'stsd' ? 8 : scope?.type === 'avc1' ? 78 : 0;
    const found: Box | undefined = childBoxes(buf, scope ? scope.body + skip : 0, scope ? scope.end : buf.length).find((b) => b.type === type);
    if (!found) return undefined;
    scope = found;
  }
  return scope ?? undefined;
}

function need(box: Box | undefined, what: string): Box {
  if (!box) throw new Fmp4Error(`no ${what} box`);
  return box;
}

/** What a player needs from an init segment. */
export interface InitInfo {
  /** Ticks per second of the track's media timeline (mdhd). */
  timescale: number;
  /** The RFC 6381 codec string for the master playlist's CODECS (e.g. avc1.42c01e, mp4a.40.2). */
  codec: string;
}

/** Reads the timescale and codec of an init segment's (only) track. */
export function readInit(buf: Buffer): InitInfo {
  const mdia = need(findBox(buf, ['moov', 'trak', 'mdia']), 'moov/trak/mdia');
  const mdhd = need(findBox(buf, ['mdhd'], mdia), 'mdhd');
  const version = buf[mdhd.body]!;
  // mdhd: version+flags, creation and modification times (4 or 8 bytes each), then timescale.
  const timescale = buf.readUInt32BE(mdhd.body + 4 + (version === 1 ? 16 : 8));
  const stsd = need(findBox(buf, ['minf', 'stbl', 'stsd'], mdia), 'stsd');
  const avcC = findBox(buf, ['avc1', 'avcC'], stsd);
  let codec: string;
  if (avcC) {
    // AVCDecoderConfigurationRecord: version, profile_idc, constraint flags, level_idc.
    const hex = (i: number) => buf[avcC.body + i]!.toString(16).padStart(2, '0');
    codec = `avc1.${hex(1)}${hex(2)}${hex(3)}`;
  } else if (findBox(buf, ['mp4a'], stsd)) {
    // The service encodes AAC-LC (object type 2).
    codec = 'mp4a.40.2';
  } else {
    throw new Fmp4Error('the init segment holds neither H.264 (avc1) nor AAC (mp4a)');
  }
  if (!(timescale > 0)) throw new Fmp4Error('the track has no timescale');
  return { timescale, codec };
}

/** What the service needs to know of one media segment. */
export interface FragmentInfo {
  /** mfhd sequence_number. */
  sequence: number;
  /** tfdt baseMediaDecodeTime, in the track's timescale. */
  decodeTime: number;
  /** Sum of the samples' durations, in the track's timescale. */
  duration: number;
  /** How many samples the fragment carries. */
  samples: number;
}

/** The decode time and duration of a media segment (one moof with one traf, as ffmpeg writes). */
export function readFragment(buf: Buffer): FragmentInfo {
  const moof = need(findBox(buf, ['moof']), 'moof');
  const mfhd = need(findBox(buf, ['mfhd'], moof), 'mfhd');
  const traf = need(findBox(buf, ['traf'], moof), 'traf');
  const tfhd = need(findBox(buf, ['tfhd'], traf), 'tfhd');
  const tfdt = need(findBox(buf, ['tfdt'], traf), 'tfdt');
  const trun = need(findBox(buf, ['trun'], traf), 'trun');

  const tfhdFlags = buf.readUIntBE(tfhd.body + 1, 3);
  // tfhd: version+flags, track_ID, then optional fields in this order.
  let q = tfhd.body + 8;
  if (tfhdFlags & 0x01) q += 8; // base_data_offset
  if (tfhdFlags & 0x02) q += 4; // sample_description_index
  const defaultDuration = tfhdFlags & 0x08 ? buf.readUInt32BE(q) : undefined;

  const trunFlags = buf.readUIntBE(trun.body + 1, 3);
  const samples = buf.readUInt32BE(trun.body + 4);
  let p = trun.body + 8;
  if (trunFlags & 0x01) p += 4; // data_offset
  if (trunFlags & 0x04) p += 4; // first_sample_flags
  let duration = 0;
  if (trunFlags & 0x100) {
    for (let i = 0; i < samples; i++) {
      duration += buf.readUInt32BE(p);
      p += 4 * (1 + Number(Boolean(trunFlags & 0x200)) + Number(Boolean(trunFlags & 0x400)) + Number(Boolean(trunFlags & 0x800)));
    }
  } else {
    if (defaultDuration === undefined) throw new Fmp4Error('the fragment gives no sample durations');
    duration = samples * defaultDuration;
  }
  return { sequence: buf.readUInt32BE(mfhd.body + 4), decodeTime: readTime(buf, tfdt.body, 4), duration, samples };
}

/** A full box's time field at `offset` past its version+flags: 32 bits in version 0, 64 bits in version 1. */
function readTime(buf: Buffer, body: number, offset: number): number {
  return buf[body] === 1 ? Number(buf.readBigUInt64BE(body + offset)) : buf.readUInt32BE(body + offset);
}

function writeTime(buf: Buffer, body: number, offset: number, value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Fmp4Error(`${what} ${value} is out of range`);
  if (buf[body] === 1) buf.writeBigUInt64BE(BigInt(value), body + offset);
  else if (value <= 0xffffffff) buf.writeUInt32BE(value, body + offset);
  else throw new Fmp4Error(`${what} ${value} does not fit a version 0 box`);
}

/**
 * A copy of a media segment moved along the timeline: its tfdt baseMediaDecodeTime (and the sidx
 * earliest_presentation_time, when there is one) shifted by `shift` ticks, and its mfhd
 * sequence_number set to `sequence`. Sample data, sizes and offsets are untouched, so the copy
 * decodes exactly as the original, `shift` later.
 */
export function retimeFragment(buf: Buffer, shift: number, sequence: number): Buffer {
  const out = Buffer.from(buf);
  const moof = need(findBox(out, ['moof']), 'moof');
  const mfhd = need(findBox(out, ['mfhd'], moof), 'mfhd');
  out.writeUInt32BE(sequence >>> 0, mfhd.body + 4);
  for (const traf of childBoxes(out, moof.body, moof.end).filter((b) => b.type === 'traf')) {
    const tfdt = need(findBox(out, ['tfdt'], traf), 'tfdt');
    writeTime(out, tfdt.body, 4, readTime(out, tfdt.body, 4) + shift, 'baseMediaDecodeTime');
  }
  for (const sidx of childBoxes(out).filter((b) => b.type === 'sidx')) {
    // sidx: version+flags, reference_ID, timescale, then earliest_presentation_time.
    writeTime(out, sidx.body, 12, readTime(out, sidx.body, 12) + shift, 'earliest_presentation_time');
  }
  return out;
}
