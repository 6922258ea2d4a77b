import { describe, expect, it } from 'vitest';
import {
  decodeMonitors,
  decodeSetupReply,
  encodeSetupRequest,
  findCookie,
  kioskRect,
  messageLength,
  parseDisplay,
  parseXauthority,
  setupReplyLength,
  type XauthEntry,
} from '../../../../electron/core/x11-wire';

/** An Xauthority entry as the file stores it (big-endian lengths). */
function xauth(e: Omit<XauthEntry, 'data'> & { data: number[] }): Buffer {
  const field = (b: Buffer) => Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  return Buffer.concat([
    Buffer.from([e.family >> 8, e.family & 0xff]),
    field(Buffer.from(e.address, 'latin1')),
    field(Buffer.from(e.number, 'latin1')),
    field(Buffer.from(e.name, 'latin1')),
    field(Buffer.from(e.data)),
  ]);
}

/** A set-up reply with the given screens (each with one depth of `visuals` visuals) after a vendor string and two pixmap formats. */
function setupReply(screens: Array<{ root: number; width: number; height: number; visuals: number }>): Buffer {
  const vendor = Buffer.from('The X.Org Foundation'); // 20 bytes: no padding
  const head = Buffer.alloc(40);
  head.writeUInt8(1, 0);
  head.writeUInt16LE(11, 2);
  head.writeUInt16LE(vendor.length, 24);
  head.writeUInt8(screens.length, 28);
  head.writeUInt8(2, 29);
  const parts = [head, vendor, Buffer.alloc(16)];
  for (const s of screens) {
    const screen = Buffer.alloc(40);
    screen.writeUInt32LE(s.root, 0);
    screen.writeUInt16LE(s.width, 20);
    screen.writeUInt16LE(s.height, 22);
    screen.writeUInt8(1, 39);
    const depth = Buffer.alloc(8);
    depth.writeUInt8(24, 0);
    depth.writeUInt16LE(s.visuals, 2);
    parts.push(screen, depth, Buffer.alloc(24 * s.visuals));
  }
  const all = Buffer.concat(parts);
  all.writeUInt16LE((all.length - 8) / 4, 6);
  return all;
}

/** An RRGetMonitors reply. */
function monitorsReply(monitors: Array<{ primary: boolean; x: number; y: number; width: number; height: number; outputs: number }>): Buffer {
  const head = Buffer.alloc(32);
  head.writeUInt8(1, 0);
  head.writeUInt32LE(monitors.length, 12);
  const infos = monitors.map((m) => {
    const b = Buffer.alloc(24 + 4 * m.outputs);
    b.writeUInt8(m.primary ? 1 : 0, 4);
    b.writeUInt16LE(m.outputs, 6);
    b.writeInt16LE(m.x, 8);
    b.writeInt16LE(m.y, 10);
    b.writeUInt16LE(m.width, 12);
    b.writeUInt16LE(m.height, 14);
    return b;
  });
  const all = Buffer.concat([head, ...infos]);
  all.writeUInt32LE((all.length - 32) / 4, 4);
  return all;
}

describe('parseDisplay', () => {
  it.each([
    [':0', { number: '0', screen: 0, socketPath: '/tmp/.X11-unix/X0' }],
    [':12.1', { number: '12', screen: 1, socketPath: '/tmp/.X11-unix/X12' }],
    ['unix:3', { number: '3', screen: 0, socketPath: '/tmp/.X11-unix/X3' }],
  ])('reads %s as a local display', (display, want) => expect(parseDisplay(display)).toEqual(want));

  it.each([undefined, '', 'localhost:10.0', 'wayland-0', ':x'])('refuses %s (not a local X display)', (display) => expect(parseDisplay(display)).toBeNull());
});

describe('Xauthority', () => {
  const cookie = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
  const file = Buffer.concat([
    xauth({ family: 256, address: 'other-host', number: '0', name: 'MIT-MAGIC-COOKIE-1', data: [9, 9] }),
    xauth({ family: 256, address: 'kiosk', number: '1', name: 'MIT-MAGIC-COOKIE-1', data: [7, 7] }),
    xauth({ family: 256, address: 'kiosk', number: '0', name: 'XDM-AUTHORIZATION-1', data: [5, 5] }),
    xauth({ family: 256, address: 'kiosk', number: '0', name: 'MIT-MAGIC-COOKIE-1', data: cookie }),
  ]);

  it('reads every entry', () => {
    const entries = parseXauthority(file);
    expect(entries.map((e) => [e.family, e.address, e.number, e.name])).toEqual([
      [256, 'other-host', '0', 'MIT-MAGIC-COOKIE-1'],
      [256, 'kiosk', '1', 'MIT-MAGIC-COOKIE-1'],
      [256, 'kiosk', '0', 'XDM-AUTHORIZATION-1'],
      [256, 'kiosk', '0', 'MIT-MAGIC-COOKIE-1'],
    ]);
  });

  it('picks the magic cookie for this host and display number', () => {
    expect([...findCookie(parseXauthority(file), 'kiosk', '0')!]).toEqual(cookie);
    expect([...findCookie(parseXauthority(file), 'kiosk', '1')!]).toEqual([7, 7]);
    expect(findCookie(parseXauthority(file), 'kiosk', '2')).toBeNull();
  });

  it('takes a wildcard entry, or one without a display number, for any display', () => {
    const wild = parseXauthority(xauth({ family: 0xffff, address: '', number: '', name: 'MIT-MAGIC-COOKIE-1', data: [4] }));
    expect([...findCookie(wild, 'kiosk', '5')!]).toEqual([4]);
  });

  it('stops at an entry that is cut short', () => {
    expect(parseXauthority(file.subarray(0, file.length - 3))).toHaveLength(3);
  });
});

describe('connection set-up', () => {
  it('asks for protocol 11.0 little-endian, with the cookie padded to 4 bytes', () => {
    const req = encodeSetupRequest(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]));
    expect(req.toString('latin1', 0, 1)).toBe('l');
    expect([req.readUInt16LE(2), req.readUInt16LE(4), req.readUInt16LE(6), req.readUInt16LE(8)]).toEqual([11, 0, 18, 16]);
    expect(req.toString('latin1', 12, 30)).toBe('MIT-MAGIC-COOKIE-1');
    expect(req.length).toBe(12 + 20 + 16);
    expect(encodeSetupRequest(null)).toHaveLength(12);
  });

  it('finds the root window and size of the screen asked for', () => {
    const reply = setupReply([
      { root: 0x100, width: 1920, height: 1080, visuals: 3 },
      { root: 0x200, width: 1280, height: 800, visuals: 1 },
    ]);
    expect(setupReplyLength(reply)).toBe(reply.length);
    expect(decodeSetupReply(reply, 0)).toEqual({ root: 0x100, width: 1920, height: 1080 });
    expect(decodeSetupReply(reply, 1)).toEqual({ root: 0x200, width: 1280, height: 800 });
    expect(() => decodeSetupReply(reply, 2)).toThrow(/2 screen\(s\), not screen 2/);
  });

  it('says why the server refused', () => {
    const reason = 'Authorization required, but no authorization protocol specified';
    const reply = Buffer.concat([Buffer.alloc(8), Buffer.from(reason), Buffer.alloc(2)]);
    reply.writeUInt8(0, 0);
    reply.writeUInt8(reason.length, 1);
    reply.writeUInt16LE((reply.length - 8) / 4, 6);
    expect(() => decodeSetupReply(reply, 0)).toThrow(`the X server refused the connection: ${reason}`);
  });

  it('waits for the whole header before telling the length', () => {
    expect(setupReplyLength(Buffer.alloc(7))).toBeNull();
  });
});

describe('messageLength', () => {
  it('is 32 bytes for errors and events, 32 plus the extra length for replies and generic events', () => {
    const reply = Buffer.alloc(40);
    reply.writeUInt8(1, 0);
    reply.writeUInt32LE(2, 4);
    expect(messageLength(reply)).toBe(40);
    expect(messageLength(reply.subarray(0, 39))).toBeNull();
    const event = Buffer.alloc(64);
    event.writeUInt8(22 | 0x80, 0);
    event.writeUInt32LE(5, 4);
    expect(messageLength(event)).toBe(32);
    expect(messageLength(Buffer.alloc(31))).toBeNull();
  });
});

describe('monitors', () => {
  const reply = monitorsReply([
    { primary: false, x: 0, y: 0, width: 1920, height: 1080, outputs: 2 },
    { primary: true, x: 1920, y: 0, width: 1280, height: 800, outputs: 1 },
  ]);

  it('decodes RANDR 1.5 monitors, outputs skipped', () => {
    expect(decodeMonitors(reply)).toEqual([
      { primary: false, x: 0, y: 0, width: 1920, height: 1080 },
      { primary: true, x: 1920, y: 0, width: 1280, height: 800 },
    ]);
  });

  it('fits a kiosk to the primary monitor, else the first, else the whole screen', () => {
    const screen = { width: 3200, height: 1080 };
    const monitors = decodeMonitors(reply);
    expect(kioskRect(monitors, screen)).toEqual({ x: 1920, y: 0, width: 1280, height: 800 });
    expect(kioskRect([{ ...monitors[0]!, primary: false }], screen)).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    expect(kioskRect([], screen)).toEqual({ x: 0, y: 0, width: 3200, height: 1080 });
  });
});
