/**
 * The web host's bridge: the same `CouchsideBridge` the Electron preload exposes, spoken over one
 * WebSocket to the Node process that serves this renderer to a browser. Pure wire logic with the
 * socket and timers injected, so it is unit-testable without a browser.
 */
import * as v from 'valibot';
import { backoffDelay as sharedBackoff } from '../../shared/backoff';
import { bridgeEvent, sessionState } from '../../shared/bridge-schemas';
import {
  BRIDGE_METHODS,
  BRIDGE_SUBSCRIPTIONS,
  VERBS,
  WEB_BRIDGE_PATH,
  eventArgs,
  type BridgeError,
  type BridgeEvent,
  type BridgeEventName,
  type BridgeMethodName,
  type BridgeMethods,
  type BridgeSubscriptions,
  type CouchsideBridge,
  type Result,
  type SessionState,
  type WebBridgeMessage,
  type WebBridgeRequest,
} from '../../shared/bridge';
import { isKioskState } from './kiosk';

/** The slice of the browser WebSocket API the client uses (a real WebSocket satisfies it). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface WebBridgeOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** The reconnect delays' jitter (tests pin it). */
  random?: () => number;
}

/** The answer every Result-returning call gets while the host cannot be reached. */
export const HOST_UNREACHABLE: BridgeError = {
  code: 'server_unreachable',
  message: 'Lost contact with the Couchside host. Reconnecting…',
};

/**
 * Verbs that answer with a `Result<T>` (or, like checkSession, are pointless to queue) fail fast
 * while the host is away; the verb table marks the others `queued` (reads of the host's own state,
 * the fire-and-forget code cancel and error report), which wait and are sent once it is back.
 */
const RESULT_METHODS: ReadonlySet<BridgeMethodName> = new Set(BRIDGE_METHODS.filter((m) => !VERBS[m].queued));

/** Reconnect delays: 0.5 s doubling up to 5 s. */
export const BACKOFF_INITIAL_MS = 500;
export const BACKOFF_MAX_MS = 5000;

/** The arguments up to the last one given: JSON would turn a left-out trailing argument into null. */
function withoutTrailingUndefined(args: unknown[]): unknown[] {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  return n === args.length ? args : args.slice(0, n);
}

/** The delay before reconnect attempt `attempt` (0-based): the one backoff (shared/backoff.ts), 0.5 s doubling up to 5 s, jittered. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  return sharedBackoff(attempt + 1, { baseMs: BACKOFF_INITIAL_MS, capMs: BACKOFF_MAX_MS, random });
}

/** The bridge socket URL on the page's own host (the host's cookie authenticates it). */
export function bridgeUrl(loc: { protocol: string; host: string }): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}${WEB_BRIDGE_PATH}`;
}

/** Parses one text frame into a `WebBridgeMessage` (an event checked against the contract, or an answer), or null if it is not one. */
export function parseMessage(data: unknown): WebBridgeMessage | null {
  if (typeof data !== 'string') return null;
  let msg: unknown;
  try {
    msg = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof msg !== 'object' || msg === null) return null;
  const m = msg as Record<string, unknown>;
  if ('event' in m) {
    const event = v.safeParse(bridgeEvent, m);
    return event.success ? event.output : null;
  }
  if (typeof m.id === 'number' && 'result' in m) return { id: m.id, result: m.result };
  return null;
}

interface Pending {
  req: WebBridgeRequest;
  resolve: (value: unknown) => void;
  /** Result verbs fail fast while disconnected; plain reads wait and are re-sent. */
  failFast: boolean;
}

type Phase = 'connecting' | 'open' | 'down' | 'closed';

/** One WebSocket, requests matched to answers by id, events fanned out to subscribers. */
export class WebBridgeClient {
  private socket: SocketLike | null = null;
  private phase: Phase = 'connecting';
  /** True once a socket has been open: the first connect queues calls, a reconnect fails them. */
  private everOpened = false;
  private attempt = 0;
  private timer: unknown = null;
  private nextId = 1;
  /** Requests not yet sent (waiting for the socket to open). */
  private queue: Pending[] = [];
  /** Requests sent and awaiting an answer, by id. */
  private inFlight = new Map<number, Pending>();
  /** Subscribers by event (built from BRIDGE_SUBSCRIPTIONS). */
  private listeners = new Map<BridgeEventName, Set<(...payload: unknown[]) => void>>();
  private lastState: SessionState | null = null;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly opts: WebBridgeOptions) {
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer =
      opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.connect();
  }

  /** The `CouchsideBridge` view of this client. */
  bridge(): CouchsideBridge {
    // Every verb of the contract, sent as it is called. A trailing argument left out
    // (`signOutAllDevices()`, `enableKiosk(pin)`) is not sent, so the host sees it absent, not null.
    const methods = Object.fromEntries(
      BRIDGE_METHODS.map((method) => [method, (...args: unknown[]) => this.call(method, withoutTrailingUndefined(args))]),
    ) as unknown as BridgeMethods;
    const subscriptions = Object.fromEntries(
      Object.entries(BRIDGE_SUBSCRIPTIONS).map(([method, name]) => [
        method,
        (cb: (...payload: unknown[]) => void) => {
          let set = this.listeners.get(name);
          if (!set) this.listeners.set(name, (set = new Set()));
          set.add(cb);
          return () => {
            set.delete(cb);
          };
        },
      ]),
    ) as unknown as BridgeSubscriptions;
    return { ...methods, ...subscriptions };
  }

  /** Sends (or queues) one request; resolves with the host's answer. */
  call(method: BridgeMethodName, args: unknown[]): Promise<unknown> {
    const failFast = RESULT_METHODS.has(method);
    if (this.phase === 'closed') {
      return Promise.resolve(failFast ? unreachable() : new Promise(() => {}));
    }
    if (failFast && this.phase !== 'open' && (this.everOpened || this.phase === 'down')) {
      return Promise.resolve(unreachable());
    }
    return new Promise((resolve) => {
      const p: Pending = { req: { id: this.nextId++, method, args }, resolve, failFast };
      if (this.phase === 'open') this.send(p);
      else this.queue.push(p);
    });
  }

  /** Stops reconnecting and closes the socket (tests, page unload). */
  dispose(): void {
    this.phase = 'closed';
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onopen = s.onmessage = s.onclose = s.onerror = null;
      s.close();
    }
    this.failPending();
  }

  private connect(): void {
    this.timer = null;
    if (this.phase === 'closed') return;
    this.phase = 'connecting';
    let socket: SocketLike;
    try {
      socket = this.opts.createSocket(this.opts.url);
    } catch {
      this.onDown();
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.onOpen();
    socket.onmessage = (ev) => this.onMessage(ev.data);
    socket.onclose = () => {
      if (this.socket === socket) this.onDown();
    };
    socket.onerror = () => {
      /* onclose follows and handles it */
    };
  }

  private onOpen(): void {
    const reconnected = this.everOpened;
    this.phase = 'open';
    this.everOpened = true;
    this.attempt = 0;
    const queued = this.queue;
    this.queue = [];
    for (const p of queued) this.send(p);
    if (reconnected) {
      // We may have missed events while away: ask for the session and kiosk state and tell
      // every subscriber; a devices list on screen refetches too.
      void this.call('getState', []).then((state) => this.emit({ event: 'session-changed', state: state as SessionState }));
      void this.call('getKiosk', []).then((state) => {
        if (isKioskState(state)) this.emit({ event: 'kiosk-changed', state });
      });
      this.emit({ event: 'devices-changed' });
    }
  }

  private onMessage(data: unknown): void {
    const msg = parseMessage(data);
    if (!msg) return;
    if ('event' in msg) {
      this.emit(msg);
      return;
    }
    const p = this.inFlight.get(msg.id);
    if (!p) return;
    this.inFlight.delete(msg.id);
    if (p.req.method === 'getState') {
      const state = v.safeParse(sessionState, msg.result);
      if (state.success) this.lastState = state.output;
    }
    p.resolve(msg.result);
  }

  private onDown(): void {
    if (this.phase === 'closed') return;
    this.socket = null;
    this.phase = 'down';
    this.failPending();
    const delay = backoffDelay(this.attempt++, this.opts.random);
    this.timer = this.setTimer(() => this.connect(), delay);
    this.emitOffline(Math.ceil(delay / 1000));
  }

  /**
   * While the host is away the renderer cannot know the session; it keeps what it showed and
   * says it is offline (a signed-in user keeps their place, a splash says it is retrying).
   */
  private emitOffline(retryInSeconds: number): void {
    const last = this.lastState;
    if (last === null || last.status === 'restoring') {
      this.emit({ event: 'session-changed', state: { status: 'restoring', offline: true, retryInSeconds } }, false);
    } else if (last.status === 'signed-in' && !last.offline) {
      this.emit({ event: 'session-changed', state: { ...last, offline: true } }, false);
    }
  }

  /** Result verbs answer "unreachable" now; plain reads go back to the queue to be re-sent. */
  private failPending(): void {
    const all = [...this.inFlight.values(), ...this.queue];
    this.inFlight.clear();
    this.queue = [];
    for (const p of all) {
      if (p.failFast) p.resolve(unreachable());
      else if (this.phase !== 'closed') this.queue.push(p);
    }
    this.queue.sort((a, b) => a.req.id - b.req.id);
  }

  private send(p: Pending): void {
    const socket = this.socket;
    if (!socket) {
      this.queue.push(p);
      return;
    }
    this.inFlight.set(p.req.id, p);
    try {
      socket.send(JSON.stringify(p.req));
    } catch {
      // The close event follows and settles it.
    }
  }

  /** Tells an event's subscribers; a session state is remembered (for offline) unless `remember` is false. */
  private emit(event: BridgeEvent, remember = true): void {
    if (event.event === 'session-changed' && remember) this.lastState = event.state;
    const set = this.listeners.get(event.event);
    if (set) tell(set, eventArgs(event), event.event);
  }
}

/** Calls every listener with the payload; one that throws is logged and does not stop the others. */
function tell(listeners: ReadonlySet<(...payload: unknown[]) => void>, payload: unknown[], what: string): void {
  for (const cb of [...listeners]) {
    try {
      cb(...payload);
    } catch (err) {
      console.error(`couchside: ${what} listener failed`, err);
    }
  }
}

function unreachable(): Result<never> {
  return { ok: false, error: { ...HOST_UNREACHABLE } };
}
