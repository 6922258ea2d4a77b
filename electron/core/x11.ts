/**
 * A minimal X11 client over the display's local socket: just the requests a kiosk needs to keep a
 * window covering its screen (list, inspect and move windows; hear about new windows and RANDR
 * screen changes). Plain Node, no native module and no npm package, so both the web host and
 * Electron's main process can use it. Wire formats live in x11-wire.ts.
 */
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import {
  decodeMonitors,
  decodeSetupReply,
  encodeSetupRequest,
  findCookie,
  messageLength,
  parseDisplay,
  parseXauthority,
  setupReplyLength,
  type Monitor,
  type Rect,
} from './x11-wire';

/** Core protocol opcodes, event codes and masks used here. */
const OP = { changeWindowAttributes: 2, getWindowAttributes: 3, configureWindow: 12, getGeometry: 14, queryTree: 15, internAtom: 16, getProperty: 20, queryExtension: 98 };
export const X_EVENT = { mapNotify: 19, configureNotify: 22 };
export const EVENT_MASK = { structureNotify: 1 << 17, substructureNotify: 1 << 19 };
/** RANDR minor opcodes and the RRSelectInput mask bits: screen size changes and CRTC (monitor) changes. */
const RANDR = { queryVersion: 0, selectInput: 4, getMonitors: 42, screenChangeMask: 1, crtcChangeMask: 2 };
export const ATOM_CARDINAL = 6;
export const ATOM_WINDOW = 33;

/** An error the X server answered a request with (BadWindow when the window is already gone, ...). */
export class X11Error extends Error {
  constructor(
    readonly code: number,
    readonly majorOpcode: number,
  ) {
    super(`X11 error ${code} for request ${majorOpcode}`);
  }
}

/** An event from the server: its code (without the "sent by a client" bit) and its 32 bytes. */
export interface X11Event {
  code: number;
  data: Buffer;
}

/** RANDR, when the server has it (version 1.5 or later lists monitors). */
export interface RandrInfo {
  majorOpcode: number;
  firstEvent: number;
  monitors: boolean;
}

/** A request that could not be answered because the connection is closed (or closed while it waited). */
export class X11ClosedError extends Error {
  constructor() {
    super('the X connection is closed');
  }
}

type Pending = { resolve: (reply: Buffer) => void; reject: (err: Error) => void };

/**
 * One open connection. Emits 'event' (X11Event) for every event and 'close' once when the
 * connection ends (the server stopped, or close() was called).
 */
export class X11Connection extends EventEmitter {
  private sequence = 0;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  private constructor(
    private readonly socket: Socket,
    /** The screen's root window. */
    readonly root: number,
    /** The screen's size in pixels when we connected. */
    readonly screenSize: { width: number; height: number },
    leftover: Buffer,
  ) {
    super();
    let buf = leftover;
    socket.on('data', (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (let len = messageLength(buf); len !== null; len = messageLength(buf)) {
        this.dispatch(buf.subarray(0, len));
        buf = buf.subarray(len);
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => this.end());
    socket.resume();
  }

  /** Opens `display` (a DISPLAY value) with the cookie from $XAUTHORITY or ~/.Xauthority when there is one. */
  static async open(display: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 5000): Promise<X11Connection> {
    const address = parseDisplay(display);
    if (!address) throw new Error(`DISPLAY ${JSON.stringify(display)} is not a local X display`);
    const cookie = readCookie(env, address.number);
    // Linux X servers listen on a socket file and on the same name in the abstract namespace.
    const path = existsSync(address.socketPath) ? address.socketPath : `\0${address.socketPath}`;
    const socket = connect({ path });
    try {
      const reply = await readSetupReply(socket, encodeSetupRequest(cookie), timeoutMs);
      const length = setupReplyLength(reply)!;
      const info = decodeSetupReply(reply.subarray(0, length), address.screen);
      return new X11Connection(socket, info.root, { width: info.width, height: info.height }, reply.subarray(length));
    } catch (err) {
      socket.destroy();
      const code = (err as NodeJS.ErrnoException).code;
      throw code ? new Error(`no X server answers on ${address.socketPath} (${code})`) : err;
    }
  }

  /** Ends the connection (idempotent). */
  close(): void {
    this.socket.destroy();
    this.end();
  }

  /** The atom for `name`, created if it does not exist yet. */
  async internAtom(name: string): Promise<number> {
    const bytes = Buffer.from(name, 'latin1');
    const body = Buffer.alloc(4 + bytes.length + ((4 - (bytes.length % 4)) % 4));
    body.writeUInt16LE(bytes.length, 0);
    bytes.copy(body, 4);
    return (await this.request(OP.internAtom, 0, body)).readUInt32LE(8);
  }

  /** A window property's value (up to 4 KiB), or null when the window has no such property. */
  async getProperty(window: number, property: number, type = 0): Promise<{ type: number; format: number; value: Buffer } | null> {
    const reply = await this.request(OP.getProperty, 0, u32(window, property, type, 0, 1024));
    const format = reply.readUInt8(1);
    const actualType = reply.readUInt32LE(8);
    if (actualType === 0) return null;
    const bytes = reply.readUInt32LE(16) * (format / 8);
    return { type: actualType, format, value: reply.subarray(32, 32 + bytes) };
  }

  /** The window's children, bottom to top. */
  async children(window: number): Promise<number[]> {
    const reply = await this.request(OP.queryTree, 0, u32(window));
    const count = reply.readUInt16LE(16);
    return Array.from({ length: count }, (_, i) => reply.readUInt32LE(32 + i * 4));
  }

  /** Whether the window is shown (mapped and viewable) and whether it bypasses window managers (menus, tooltips). */
  async attributes(window: number): Promise<{ viewable: boolean; overrideRedirect: boolean }> {
    const reply = await this.request(OP.getWindowAttributes, 0, u32(window));
    return { viewable: reply.readUInt8(26) === 2, overrideRedirect: reply.readUInt8(27) !== 0 };
  }

  /** The window's position (relative to its parent) and size, borders excluded. */
  async geometry(window: number): Promise<Rect & { border: number }> {
    const reply = await this.request(OP.getGeometry, 0, u32(window));
    return { x: reply.readInt16LE(12), y: reply.readInt16LE(14), width: reply.readUInt16LE(16), height: reply.readUInt16LE(18), border: reply.readUInt16LE(20) };
  }

  /** Moves and resizes a window, with no border (a request without reply: errors are dropped). */
  configure(window: number, rect: Rect): void {
    // Value mask x | y | width | height | border-width; 16-bit signed positions go as 32-bit values.
    const body = Buffer.alloc(8 + 5 * 4);
    body.writeUInt32LE(window, 0);
    body.writeUInt16LE(0x1f, 4);
    body.writeInt32LE(rect.x, 8);
    body.writeInt32LE(rect.y, 12);
    body.writeUInt32LE(rect.width, 16);
    body.writeUInt32LE(rect.height, 20);
    body.writeUInt32LE(0, 24);
    this.send(OP.configureWindow, 0, body);
  }

  /** Asks for `mask`'s events on `window` (for this connection only; other clients keep theirs). */
  selectInput(window: number, mask: number): void {
    this.send(OP.changeWindowAttributes, 0, u32(window, 0x800, mask));
  }

  /** RANDR's opcode, first event code and whether it lists monitors; null when the server lacks it. */
  async randr(): Promise<RandrInfo | null> {
    const name = Buffer.from('RANDR', 'latin1');
    const body = Buffer.alloc(12);
    body.writeUInt16LE(name.length, 0);
    name.copy(body, 4);
    const ext = await this.request(OP.queryExtension, 0, body);
    if (!ext.readUInt8(8)) return null;
    const majorOpcode = ext.readUInt8(9);
    const version = await this.request(majorOpcode, RANDR.queryVersion, u32(1, 5));
    const [major, minor] = [version.readUInt32LE(8), version.readUInt32LE(12)];
    return { majorOpcode, firstEvent: ext.readUInt8(10), monitors: major > 1 || (major === 1 && minor >= 5) };
  }

  /** Asks RANDR to tell this connection about screen size and monitor changes on `root`. */
  selectRandrInput(randr: RandrInfo): void {
    const body = Buffer.alloc(8);
    body.writeUInt32LE(this.root, 0);
    body.writeUInt16LE(RANDR.screenChangeMask | RANDR.crtcChangeMask, 4);
    this.send(randr.majorOpcode, RANDR.selectInput, body);
  }

  /** The active monitors (RANDR 1.5). */
  async monitors(randr: RandrInfo): Promise<Monitor[]> {
    return decodeMonitors(await this.request(randr.majorOpcode, RANDR.getMonitors, u32(this.root, 1)));
  }

  /** Sends a request that has a reply and waits for it. */
  private request(opcode: number, data: number, body: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new X11ClosedError());
      this.pending.set(this.send(opcode, data, body), { resolve, reject });
    });
  }

  /** Writes one request (4-byte header: opcode, data byte, length in 4-byte units) and returns its sequence number. */
  private send(opcode: number, data: number, body: Buffer): number {
    const head = Buffer.alloc(4);
    head.writeUInt8(opcode, 0);
    head.writeUInt8(data, 1);
    head.writeUInt16LE((4 + body.length) / 4, 2);
    this.sequence = (this.sequence + 1) & 0xffff;
    if (!this.closed) this.socket.write(Buffer.concat([head, body]));
    return this.sequence;
  }

  /** Routes one message: replies and errors to their request, events to listeners. */
  private dispatch(msg: Buffer): void {
    const kind = msg.readUInt8(0);
    if (kind === 0 || kind === 1) {
      const seq = msg.readUInt16LE(2);
      const waiter = this.pending.get(seq);
      this.pending.delete(seq);
      if (kind === 1) waiter?.resolve(msg);
      else waiter?.reject(new X11Error(msg.readUInt8(1), msg.readUInt8(10)));
      return;
    }
    this.emit('event', { code: kind & 0x7f, data: msg } satisfies X11Event);
  }

  private end(): void {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.pending.values()) waiter.reject(new X11ClosedError());
    this.pending.clear();
    this.emit('close');
  }
}

/** The cookie for local display `number` from $XAUTHORITY (else ~/.Xauthority); null when there is none. */
function readCookie(env: NodeJS.ProcessEnv, number: string): Buffer | null {
  const file = env.XAUTHORITY || join(env.HOME || homedir(), '.Xauthority');
  try {
    return findCookie(parseXauthority(readFileSync(file)), hostname(), number);
  } catch {
    return null;
  }
}

/** Sends the set-up request and resolves with everything read until the whole set-up reply is in. */
function readSetupReply(socket: Socket, request: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const done = (err: Error | null) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', done);
      socket.off('close', onClose);
      // Held until the connection object listens (what follows the set-up reply is its first messages).
      socket.pause();
      if (err) reject(err);
      else resolve(buf);
    };
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const length = setupReplyLength(buf);
      if (length !== null && buf.length >= length) done(null);
    };
    const onClose = () => done(new Error('the X server closed the connection during set-up'));
    const timer = setTimeout(() => done(new Error(`the X server did not answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', onData);
    socket.once('error', done);
    socket.once('close', onClose);
    socket.write(request);
  });
}

/** Little-endian 32-bit words. */
function u32(...words: number[]): Buffer {
  const buf = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => buf.writeUInt32LE(w >>> 0, i * 4));
  return buf;
}
