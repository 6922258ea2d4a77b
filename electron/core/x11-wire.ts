/**
 * The few pieces of the X11 wire protocol that x11.ts needs, as pure functions over buffers:
 * where DISPLAY points, which cookie in ~/.Xauthority opens it, the connection set-up, message
 * framing and RANDR's monitor list. Little-endian throughout: the client picks the byte order
 * ('l' in the set-up request) and the server answers in it.
 */

/** A local X display: its number, the screen on it, and the socket its server listens on. */
export interface DisplayAddress {
  number: string;
  screen: number;
  socketPath: string;
}

/**
 * Reads DISPLAY (":0", ":0.1", "unix:0"); null for anything else (a remote or forwarded display
 * such as "localhost:10.0", or Wayland-only sessions without DISPLAY): a kiosk's screen is local.
 */
export function parseDisplay(display: string | undefined): DisplayAddress | null {
  const m = /^(?:unix)?:(\d+)(?:\.(\d+))?$/.exec((display ?? '').trim());
  if (!m) return null;
  return { number: m[1]!, screen: Number(m[2] ?? 0), socketPath: `/tmp/.X11-unix/X${m[1]}` };
}

/** One entry of an Xauthority file. */
export interface XauthEntry {
  family: number;
  address: string;
  number: string;
  name: string;
  data: Buffer;
}

/** Xauthority families that can name a local display: FamilyLocal (by host name) and FamilyWild. */
const FAMILY_LOCAL = 256;
const FAMILY_WILD = 0xffff;
export const MIT_MAGIC_COOKIE = 'MIT-MAGIC-COOKIE-1';

/** Parses an Xauthority file (big-endian, each field a 16-bit length and its bytes); stops at a cut-off entry. */
export function parseXauthority(buf: Buffer): XauthEntry[] {
  const entries: XauthEntry[] = [];
  let at = 0;
  const field = (): Buffer | null => {
    if (at + 2 > buf.length) return null;
    const len = buf.readUInt16BE(at);
    if (at + 2 + len > buf.length) return null;
    const value = buf.subarray(at + 2, at + 2 + len);
    at += 2 + len;
    return value;
  };
  while (at + 2 <= buf.length) {
    const family = buf.readUInt16BE(at);
    at += 2;
    const [address, number, name, data] = [field(), field(), field(), field()];
    if (!address || !number || !name || !data) break;
    entries.push({ family, address: address.toString('latin1'), number: number.toString('latin1'), name: name.toString('latin1'), data: Buffer.from(data) });
  }
  return entries;
}

/** The first MIT-MAGIC-COOKIE-1 that opens local display `number` on `hostname` (Xlib's rule), or null. */
export function findCookie(entries: XauthEntry[], hostname: string, number: string): Buffer | null {
  const hit = entries.find(
    (e) =>
      e.name === MIT_MAGIC_COOKIE &&
      (e.family === FAMILY_WILD || (e.family === FAMILY_LOCAL && e.address === hostname)) &&
      (e.number === '' || e.number === number),
  );
  return hit?.data ?? null;
}

const pad4 = (n: number) => (4 - (n % 4)) % 4;

/** The connection set-up request: protocol 11.0, little-endian, with a cookie when there is one. */
export function encodeSetupRequest(cookie: Buffer | null): Buffer {
  const name = cookie ? Buffer.from(MIT_MAGIC_COOKIE, 'latin1') : Buffer.alloc(0);
  const data = cookie ?? Buffer.alloc(0);
  const head = Buffer.alloc(12);
  head.write('l', 0, 'latin1');
  head.writeUInt16LE(11, 2);
  head.writeUInt16LE(0, 4);
  head.writeUInt16LE(name.length, 6);
  head.writeUInt16LE(data.length, 8);
  return Buffer.concat([head, name, Buffer.alloc(pad4(name.length)), data, Buffer.alloc(pad4(data.length))]);
}

/** Bytes of the set-up reply once its 8-byte header is in, else null. */
export function setupReplyLength(buf: Buffer): number | null {
  return buf.length < 8 ? null : 8 + buf.readUInt16LE(6) * 4;
}

/** What a client needs from the set-up reply: one screen's root window and its size in pixels. */
export interface ScreenInfo {
  root: number;
  width: number;
  height: number;
}

/** Decodes the set-up reply for `screen`; throws with the server's reason when it refused us. */
export function decodeSetupReply(buf: Buffer, screen: number): ScreenInfo {
  const status = buf.readUInt8(0);
  if (status !== 1) {
    const reason = status === 0 ? buf.toString('latin1', 8, 8 + buf.readUInt8(1)) : 'the server asks for more authentication';
    throw new Error(`the X server refused the connection: ${reason.trim() || 'no reason given'}`);
  }
  const vendorLength = buf.readUInt16LE(24);
  const screens = buf.readUInt8(28);
  const formats = buf.readUInt8(29);
  if (screen >= screens) throw new Error(`the X server has ${screens} screen(s), not screen ${screen}`);
  let at = 40 + vendorLength + pad4(vendorLength) + formats * 8;
  for (let i = 0; ; i++) {
    const root = buf.readUInt32LE(at);
    const width = buf.readUInt16LE(at + 20);
    const height = buf.readUInt16LE(at + 22);
    if (i === screen) return { root, width, height };
    const depths = buf.readUInt8(at + 39);
    at += 40;
    for (let d = 0; d < depths; d++) at += 8 + buf.readUInt16LE(at + 2) * 24;
  }
}

/** Bytes of the first whole message (reply, error or event) in `buf`, or null while it is incomplete. */
export function messageLength(buf: Buffer): number | null {
  if (buf.length < 32) return null;
  const kind = buf.readUInt8(0) & 0x7f;
  // Replies (1) and generic events (35) carry extra 4-byte units; errors (0) and other events are 32 bytes.
  const total = kind === 1 || kind === 35 ? 32 + buf.readUInt32LE(4) * 4 : 32;
  return buf.length < total ? null : total;
}

/** A rectangle in root-window pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A monitor as RANDR 1.5 lists it. */
export interface Monitor extends Rect {
  primary: boolean;
}

/** Decodes an RRGetMonitors reply. */
export function decodeMonitors(reply: Buffer): Monitor[] {
  const count = reply.readUInt32LE(12);
  const monitors: Monitor[] = [];
  let at = 32;
  for (let i = 0; i < count; i++) {
    monitors.push({
      primary: reply.readUInt8(at + 4) !== 0,
      x: reply.readInt16LE(at + 8),
      y: reply.readInt16LE(at + 10),
      width: reply.readUInt16LE(at + 12),
      height: reply.readUInt16LE(at + 14),
    });
    at += 24 + reply.readUInt16LE(at + 6) * 4;
  }
  return monitors;
}

/** The rectangle a kiosk window should cover: the primary monitor, else the first, else the whole screen. */
export function kioskRect(monitors: Monitor[], screen: { width: number; height: number }): Rect {
  const m = monitors.find((x) => x.primary) ?? monitors[0];
  return m ? { x: m.x, y: m.y, width: m.width, height: m.height } : { x: 0, y: 0, width: screen.width, height: screen.height };
}
