/** Device event streams: WebSocket upgrades, the registry of open streams, pings, and the pushes. */
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import * as wsModule from 'ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { STREAM_CLOSE, type StreamMessage } from '../shared/api';
import type { ApiErrorBody, SignOutReason } from '../shared/types';
import { errorBody, toApiError, type ApiError } from './errors';
import type { SessionRecord } from './sessions';

/** One open stream, as the control API lists it. */
export interface StreamInfo {
  accountId: string;
  accountEmail: string;
  deviceId: string;
  sessionId: string;
  connectedAt: string;
}

interface Entry extends StreamInfo {
  ws: WebSocket;
  alive: boolean;
}

/** What to do with an upgrade before authenticating it: refuse it, hold it back, or go ahead (undefined). */
export type UpgradeGate = { refuse: ApiError } | { delayMs: number } | undefined;

/** What the hub needs from the rest of the server. */
export interface StreamHubOptions {
  /** The URL path streams connect to. */
  path: string;
  /** The live session for the upgrade request (its Authorization header); throws an ApiError (401) otherwise. */
  authenticate(req: IncomingMessage): SessionRecord;
  /** Heartbeat period; a stream that misses one pong is terminated. */
  pingIntervalMs: number;
  /** Called when a stream opens (e.g. to record activity). */
  onOpen?(session: SessionRecord, req: IncomingMessage): void;
  /** Consulted first on every upgrade (the control API's outage modes). */
  gate?(): UpgradeGate;
  /** Whether the upgrade's Host header names this service (default: any). */
  acceptHost?(host: string | undefined): boolean;
}

/**
 * Streams one session may hold open at once: an app keeps one, and a reconnect may briefly
 * overlap the old one. The newest wins; the oldest is closed with STREAM_CLOSE.replaced.
 */
export const MAX_STREAMS_PER_SESSION = 3;

/** How long a revoked stream may stay open for its client to hang up before the server closes it. */
const REVOKED_CLOSE_AFTER_MS = 1000;

/** Answers an upgrade request with a plain HTTP error carrying the API's JSON error body. */
function rejectUpgrade(socket: Duplex, status: number, body: ApiErrorBody): void {
  const json = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Cache-Control: no-store',
    'Connection: close',
  ];
  if (status === 401) head.push('WWW-Authenticate: Bearer realm="couchside"');
  socket.once('finish', () => socket.destroy());
  socket.end(`${head.join('\r\n')}\r\n\r\n${json}`);
}

/** The registry of open device streams, by session and by account. */
export class StreamHub {
  private readonly wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload: 4096 });
  private readonly all = new Set<Entry>();
  private readonly bySession = new Map<string, Set<Entry>>();
  private readonly byAccount = new Map<string, Set<Entry>>();
  private timer: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(private readonly opts: StreamHubOptions) {}

  /** Starts answering upgrades on `server` and starts the heartbeat. */
  attach(server: Server): void {
    server.on('upgrade', this.onUpgrade);
    this.timer = setInterval(() => this.heartbeat(), this.opts.pingIntervalMs);
    this.timer.unref();
  }

  /** How many streams are open. */
  count(): number {
    return this.all.size;
  }

  /** The open streams, oldest first. */
  list(): StreamInfo[] {
    return [...this.all].map(({ accountId, accountEmail, deviceId, sessionId, connectedAt }) => ({
      accountId,
      accountEmail,
      deviceId,
      sessionId,
      connectedAt,
    }));
  }

  /** How many streams the account has open. */
  countForAccount(accountId: string): number {
    return this.byAccount.get(accountId)?.size ?? 0;
  }

  /**
   * Pushes `revoked` with the reason to every open stream of these sessions and closes each with
   * 4001. Call right after the revocation committed. Returns how many streams were told.
   */
  revokeSessions(sessionIds: Iterable<string>, reason: SignOutReason): number {
    const entries: Entry[] = [];
    for (const id of sessionIds) {
      const set = this.bySession.get(id);
      if (set) entries.push(...set);
    }
    return this.pushRevoked(entries, reason);
  }

  /**
   * Pushes `revoked` with the reason to every open stream of the account (except those of
   * `exceptSessionId`) and closes each with 4001: an account-wide revocation that just committed.
   * Returns how many streams were told.
   */
  revokeAccount(accountId: string, reason: SignOutReason, exceptSessionId?: string): number {
    const set = this.byAccount.get(accountId);
    if (!set) return 0;
    const entries = exceptSessionId === undefined ? [...set] : [...set].filter((e) => e.sessionId !== exceptSessionId);
    return this.pushRevoked(entries, reason);
  }

  /** Pushes `revoked` to every open stream (a data reset) and closes them all with 4001. */
  revokeEverything(reason: SignOutReason): number {
    return this.pushRevoked([...this.all], reason);
  }

  /**
   * Tells the account's open streams (except those of `exceptSessionId`) that its devices list
   * changed. One serialized frame shared by every socket. Returns how many streams were told.
   */
  devicesChanged(accountId: string, exceptSessionId?: string): number {
    return this.tellAccount(accountId, { type: 'devices-changed' }, exceptSessionId);
  }

  /**
   * Tells the account's open streams (except those of `exceptSessionId`) that a profile's Continue
   * Watching or My List changed, so a TV showing that profile's Home reads its rows again.
   */
  libraryChanged(accountId: string, profileId: string, exceptSessionId?: string): number {
    return this.tellAccount(accountId, { type: 'library-changed', profileId }, exceptSessionId);
  }

  private tellAccount(accountId: string, message: StreamMessage, exceptSessionId?: string): number {
    const set = this.byAccount.get(accountId);
    if (!set) return 0;
    const frame = Buffer.from(JSON.stringify(message));
    let sent = 0;
    for (const e of set) {
      if (e.sessionId === exceptSessionId) continue;
      e.ws.send(frame, { binary: false });
      sent++;
    }
    return sent;
  }

  /**
   * Closes every open stream with 1001 (going away: reconnect with backoff, NOT a sign-out) but
   * keeps answering upgrades. Used when the service plays an outage. Returns how many were closed.
   */
  dropAll(reason: string): number {
    const entries = [...this.all];
    for (const e of entries) {
      this.remove(e);
      e.ws.close(STREAM_CLOSE.goingAway, reason);
    }
    return entries.length;
  }

  /** Closes every stream with 1001 (going away), stops answering upgrades, and waits briefly for the closes. */
  async close(server?: Server): Promise<void> {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    server?.off('upgrade', this.onUpgrade);
    const entries = [...this.all];
    const closed = entries.map((e) => new Promise<void>((resolve) => e.ws.once('close', () => resolve())));
    for (const e of entries) e.ws.close(STREAM_CLOSE.goingAway, 'server shutting down');
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    await Promise.race([Promise.all(closed), timeout]);
    for (const e of entries) {
      this.remove(e);
      e.ws.terminate();
    }
    this.wss.close();
  }

  private pushRevoked(entries: Entry[], reason: SignOutReason): number {
    if (entries.length === 0) return 0;
    // Serialized AND framed once per reason: every socket gets the same bytes in one write.
    const message: StreamMessage = { type: 'revoked', reason };
    const wire = prepareTextFrame(JSON.stringify(message));
    // One write per device on the critical path: every `revoked` goes out first, and the
    // bookkeeping (dropping each stream from the registry) after the last one, in the same turn
    // of the loop so nothing sees them in between. Clients hang up when they read it; the close
    // frames for any that did not follow once the push is done.
    for (const e of entries) writePrepared(e.ws, wire);
    for (const e of entries) this.remove(e);
    setTimeout(() => {
      for (const e of entries) if (e.ws.readyState === e.ws.OPEN) e.ws.close(STREAM_CLOSE.revoked, 'revoked');
    }, REVOKED_CLOSE_AFTER_MS).unref();
    return entries.length;
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0];
    if (this.opts.acceptHost && !this.opts.acceptHost(req.headers.host)) {
      return rejectUpgrade(socket, 421, errorBody('misdirected', 'This service does not answer to that host name.'));
    }
    if (path !== this.opts.path) return rejectUpgrade(socket, 404, errorBody('not_found', `Nothing here: ${path}`));
    if (this.closing) return rejectUpgrade(socket, 503, errorBody('unavailable', 'The service is shutting down.'));
    const gate = this.opts.gate?.();
    if (gate && 'refuse' in gate) return rejectUpgrade(socket, gate.refuse.status, gate.refuse.body);
    if (gate && gate.delayMs > 0) {
      // Authenticated after the hold-back, so a revocation meanwhile still wins.
      setTimeout(() => this.authenticateAndAccept(req, socket, head), gate.delayMs).unref();
      return;
    }
    this.authenticateAndAccept(req, socket, head);
  };

  private authenticateAndAccept(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (socket.destroyed) return;
    if (this.closing) return rejectUpgrade(socket, 503, errorBody('unavailable', 'The service is shutting down.'));
    let session: SessionRecord;
    try {
      session = this.opts.authenticate(req);
    } catch (err) {
      const e = toApiError(err);
      return rejectUpgrade(socket, e.status, e.body);
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, session, req));
  }

  private accept(ws: WebSocket, session: SessionRecord, req: IncomingMessage): void {
    const entry: Entry = {
      ws,
      alive: true,
      accountId: session.accountId,
      accountEmail: session.email,
      deviceId: session.deviceId,
      sessionId: session.id,
      connectedAt: new Date().toISOString(),
    };
    ws.on('error', () => ws.terminate());
    ws.on('close', () => this.remove(entry));
    ws.on('pong', () => {
      entry.alive = true;
    });
    if (this.closing) {
      ws.close(STREAM_CLOSE.goingAway, 'server shutting down');
      return;
    }
    // The session was checked in this same tick (handleUpgrade completes synchronously), so no
    // revocation can have slipped in between the check and this registration.
    // At most MAX_STREAMS_PER_SESSION per session: the oldest ones make room (Sets keep insertion order).
    const mine = this.bySession.get(entry.sessionId);
    if (mine && mine.size >= MAX_STREAMS_PER_SESSION) {
      for (const old of [...mine].slice(0, mine.size - MAX_STREAMS_PER_SESSION + 1)) {
        this.remove(old);
        old.ws.close(STREAM_CLOSE.replaced, 'replaced by a newer stream of this session');
      }
    }
    this.all.add(entry);
    addTo(this.bySession, entry.sessionId, entry);
    addTo(this.byAccount, entry.accountId, entry);
    // Every accepted (re)connect starts with hello: a client back from a drop knows at once that
    // its session is still live (a dead one was refused at the upgrade with 401 and the reason).
    const hello: StreamMessage = { type: 'hello', deviceId: session.deviceId, sessionLive: true };
    ws.send(JSON.stringify(hello));
    try {
      this.opts.onOpen?.(session, req);
    } catch {
      // Recording activity is best effort; it must never take the stream (or the process) down.
    }
  }

  private remove(entry: Entry): void {
    if (!this.all.delete(entry)) return;
    removeFrom(this.bySession, entry.sessionId, entry);
    removeFrom(this.byAccount, entry.accountId, entry);
  }

  private heartbeat(): void {
    for (const e of [...this.all]) {
      if (!e.alive) {
        this.remove(e);
        e.ws.terminate();
        continue;
      }
      e.alive = false;
      e.ws.ping();
    }
  }
}

function addTo(map: Map<string, Set<Entry>>, key: string, entry: Entry): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(entry);
}

function removeFrom(map: Map<string, Set<Entry>>, key: string, entry: Entry): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(entry);
  if (set.size === 0) map.delete(key);
}

/** ws's frame encoder (exported as `Sender`, not in its type definitions). */
const Sender = (wsModule as unknown as { Sender: { frame(data: Buffer, o: Record<string, unknown>): Buffer[] } }).Sender;

/**
 * One unmasked, final text frame, header and payload in one buffer: what ws would write for
 * `send(text)` on a server socket without compression (this server turns it off), built once.
 */
export function prepareTextFrame(text: string): Buffer {
  return Buffer.concat(Sender.frame(Buffer.from(text), { fin: true, rsv1: false, opcode: 1, mask: false, readOnly: true }));
}

/**
 * Writes a prepared frame straight to the socket under `ws`: one write, no per-socket framing.
 * Safe here because this server's sockets never compress and never have a send queued (ws queues
 * only while deflating); a socket that is not open gets nothing, as `send` would.
 */
export function writePrepared(ws: WebSocket, wire: Buffer): void {
  if (ws.readyState !== ws.OPEN) return;
  const socket = (ws as unknown as { _socket?: Duplex })._socket;
  if (socket && socket.writable) socket.write(wire);
}
