/**
 * A bench client worker: runs many REAL client cores (SessionManager + SessionStore + ApiClient +
 * RevocationWatcher) over in-memory stores, records when each one's stored session is wiped, and
 * (for the baseline) opens raw `ws` clients and records when each receives the broadcast.
 * Started by bench/run.ts; never run it by hand.
 */
import WebSocket from 'ws';
import type { AccountSummary, SignOutReason } from '../shared/types';
import { ApiClient } from '../electron/core/api-client';
import type { Logger } from '../electron/core/log';
import { SessionManager } from '../electron/core/session-manager';
import { plainVault, SessionStore, type KeyValueStore, type LoadedSession, type StoreData } from '../electron/core/store';
import { now, sleep } from './lib/clock';
import { ownCpuS } from './lib/cpu';
import { serveRpc } from './lib/rpc';
import type { MintedDevice } from './server-proc';

/** A Map-backed KeyValueStore that reports when the session key is deleted. */
class MemoryStore implements KeyValueStore<StoreData> {
  readonly path = ':memory:';
  private readonly map = new Map<keyof StoreData, unknown>();

  constructor(private readonly onSessionDeleted: () => void) {}

  get<K extends keyof StoreData>(key: K): StoreData[K] | undefined {
    return this.map.get(key) as StoreData[K] | undefined;
  }

  set<K extends keyof StoreData>(key: K, value: StoreData[K]): void {
    this.map.set(key, value);
  }

  delete<K extends keyof StoreData>(key: K): void {
    if (key === 'session' && this.map.has(key)) this.onSessionDeleted();
    this.map.delete(key);
  }
}

/** Counts what the cores log at warn/error level (the bench's only window into retries), keeping the first few lines. */
const logged: { counts: Record<string, number>; first: string[] } = { counts: {}, first: [] };
const countingLogger: Logger = {
  info() {},
  warn: (msg, extra) => note('warn', msg, extra),
  error: (msg, extra) => note('error', msg, extra),
};
function note(level: string, msg: string, extra?: Record<string, unknown>): void {
  const key = `${level}: ${msg}`;
  logged.counts[key] = (logged.counts[key] ?? 0) + 1;
  if (logged.first.length < 5) logged.first.push(`${key}${extra ? ' ' + JSON.stringify(extra) : ''}`);
}

/**
 * Network-level fetch failures by cause (the core only logs "Could not reach ..."): the bench wraps
 * fetch in this process to see what actually failed (connect timeout, reset, refused, ...).
 */
const fetchFailures: Record<string, number> = {};
const realFetch = globalThis.fetch;
globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
  try {
    return await realFetch(...args);
  } catch (err) {
    const cause = (err as { cause?: { code?: string; name?: string; message?: string } }).cause;
    const key = `${(err as Error).name}: ${cause?.code ?? cause?.name ?? ''} ${cause?.message ?? (err as Error).message}`.trim();
    fetchFailures[key] = (fetchFailures[key] ?? 0) + 1;
    throw err;
  }
};

/** What `collect` and `rawCollect` answer: one entry per device/client, null when nothing happened by the deadline. */
export interface CollectResult {
  times: (number | null)[];
  /** Sign-out reasons the devices ended with (client cores only). */
  reasons?: Record<string, number>;
  /** Devices still signed in at the deadline (client cores only). */
  stillSignedIn?: number;
  /** Sum of SessionManager.clearCount (should equal the number of devices: one wipe each). */
  clears?: number;
  logged?: { counts: Record<string, number>; first: string[] };
}

/** What `restore` answers. */
export interface RestoreResult {
  devices: number;
  signedIn: number;
  notSignedIn: Record<string, number>;
  /** Warn/error lines the cores logged so far (e.g. a verify that hit a network error and retried). */
  logged: { counts: Record<string, number>; first: string[] };
  /** Network-level fetch failures so far, by cause. */
  fetchFailures: Record<string, number>;
  ms: number;
}

/** What `rawConnect` answers. */
export interface RawConnectResult {
  open: number;
  failed: number;
  firstError?: string;
  ms: number;
}

/** One set of client cores (the warm-up round and the measured round are separate groups). */
interface CoreGroup {
  managers: SessionManager[];
  wipedAt: (number | null)[];
  wiped: number;
  endReason: (SignOutReason | null)[];
}

/** One set of raw clients (the bare broadcast's, or raw sockets on the service's device stream). */
interface RawGroup {
  sockets: WebSocket[];
  at: (number | null)[];
  received: number;
  /**
   * Whether a message now counts. Raw clients of the bare server count from the start; raw clients
   * on the service's stream count only once armed (just before the trigger), so its `hello` on
   * connect is not taken for the revocation.
   */
  armed: boolean;
}

const cores = new Map<string, CoreGroup>();
const rawGroups = new Map<string, RawGroup>();

function coreGroup(name: string): CoreGroup {
  const g = cores.get(name);
  if (!g) throw new Error(`no client cores in group '${name}'`);
  return g;
}

function rawGroup(name: string): RawGroup {
  const g = rawGroups.get(name);
  if (!g) throw new Error(`no raw clients in group '${name}'`);
  return g;
}

/** How long a restore lane waits for its device's stream before moving on (the device keeps trying). */
const STREAM_WAIT_MS = 10_000;

/** Whether the device's event stream is open (SessionManager.streamOpen). */
function streamOpen(m: SessionManager): boolean {
  return m.streamOpen;
}

/** Runs `task(i)` for i in [0, count) with at most `lanes` in flight, stopping early at `deadline`. */
async function pool(count: number, lanes: number, deadline: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count && now() < deadline) {
      const i = next++;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, count)) }, lane));
}

/** Waits (polling, bounded by `deadline`) until `done()` is true. */
async function until(done: () => boolean, deadline: number): Promise<void> {
  while (!done() && now() < deadline) await sleep(5);
}

serveRpc({
  now: () => now(),

  cpu: () => ownCpuS(),

  restore: async (args: {
    group: string;
    url: string;
    devices: MintedDevice[];
    account: AccountSummary;
    concurrency: number;
    deadline: number;
  }): Promise<RestoreResult> => {
    const started = now();
    if (cores.has(args.group)) throw new Error(`group '${args.group}' exists already`);
    const api = new ApiClient({ baseUrl: args.url });
    const n = args.devices.length;
    const g: CoreGroup = { managers: [], wipedAt: new Array<number | null>(n).fill(null), wiped: 0, endReason: new Array<SignOutReason | null>(n).fill(null) };
    cores.set(args.group, g);
    g.managers = args.devices.map((d, i) => {
      const kv = new MemoryStore(() => {
        if (g.wipedAt[i] === null) {
          g.wipedAt[i] = now();
          g.wiped++;
        }
      });
      const store = new SessionStore(kv, plainVault, countingLogger);
      // `tokens` is the token-family shape; `token` is the single-token shape the core used before
      // it (SessionStore.save reads whichever it knows), so the bench runs on either side of that change.
      store.save({ tokens: d.tokens, token: d.tokens.accessToken, deviceId: d.deviceId, account: args.account } as LoadedSession);
      const m = new SessionManager({
        api,
        store,
        device: { name: `Bench TV ${d.deviceId.slice(0, 8)}`, platform: 'bench', appVersion: '0.0.0-bench' },
        log: countingLogger,
      });
      m.onChange((st) => {
        if (st.status === 'signed-out') g.endReason[i] = st.notice?.reason ?? null;
      });
      return m;
    });
    // A lane frees up only once its device's stream is open, so the stream upgrades are bounded
    // too (restore() returns as soon as GET /v1/session answered and the watcher STARTED).
    await pool(n, args.concurrency, args.deadline, async (i) => {
      const m = g.managers[i]!;
      await m.restore();
      await until(() => m.getState().status !== 'signed-in' || streamOpen(m) !== false, Math.min(args.deadline, now() + STREAM_WAIT_MS));
    });
    const notSignedIn: Record<string, number> = {};
    let signedIn = 0;
    for (const m of g.managers) {
      const st = m.getState();
      if (st.status === 'signed-in') signedIn++;
      else notSignedIn[st.status] = (notSignedIn[st.status] ?? 0) + 1;
    }
    return { devices: n, signedIn, notSignedIn, logged: structuredClone(logged), fetchFailures: { ...fetchFailures }, ms: now() - started };
  },

  collect: async ({ group, deadline }: { group: string; deadline: number }): Promise<CollectResult> => {
    const g = coreGroup(group);
    await until(() => g.wiped >= g.managers.length, deadline);
    const reasons: Record<string, number> = {};
    for (const r of g.endReason) if (r) reasons[r] = (reasons[r] ?? 0) + 1;
    return {
      times: g.wipedAt,
      reasons,
      stillSignedIn: g.managers.filter((m) => m.getState().status === 'signed-in').length,
      clears: g.managers.reduce((sum, m) => sum + m.clearCount, 0),
      logged,
    };
  },

  dispose: ({ group }: { group: string }) => {
    for (const m of coreGroup(group).managers) m.dispose();
    cores.delete(group);
    return null;
  },

  /**
   * Opens raw clients; with `terminateOnMessage` each drops its socket on the first message, as the
   * client core does. With `tokens`, client i opens the service's device stream (`url` is then the
   * stream's ws URL) with device i's access token, as the client core's watcher does, and only
   * counts messages once armed (`rawArm`).
   */
  rawConnect: async (args: {
    group: string;
    url: string;
    count: number;
    concurrency: number;
    deadline: number;
    terminateOnMessage: boolean;
    tokens?: string[];
  }): Promise<RawConnectResult> => {
    const started = now();
    if (rawGroups.has(args.group)) throw new Error(`group '${args.group}' exists already`);
    const tokens = args.tokens;
    if (tokens && tokens.length !== args.count) throw new Error(`rawConnect: ${tokens.length} tokens for ${args.count} clients`);
    const wsUrl = tokens ? args.url : args.url.replace(/^http/, 'ws') + '/';
    const g: RawGroup = { sockets: [], at: new Array<number | null>(args.count).fill(null), received: 0, armed: !tokens };
    rawGroups.set(args.group, g);
    let failed = 0;
    let firstError: string | undefined;
    await pool(args.count, args.concurrency, args.deadline, (i) =>
      new Promise<void>((resolve) => {
        const ws = new WebSocket(wsUrl, {
          handshakeTimeout: 10_000,
          perMessageDeflate: false,
          ...(tokens ? { headers: { authorization: `Bearer ${tokens[i]}` } } : {}),
        });
        ws.on('message', () => {
          if (!g.armed) return;
          if (g.at[i] === null) {
            g.at[i] = now();
            g.received++;
          }
          if (args.terminateOnMessage) {
            ws.removeAllListeners();
            ws.on('error', () => {});
            ws.terminate();
          }
        });
        ws.once('open', () => {
          g.sockets.push(ws);
          resolve();
        });
        ws.on('error', (err) => {
          if (ws.readyState !== WebSocket.OPEN) {
            failed++;
            firstError ??= err.message;
            resolve();
          }
        });
      }),
    );
    return { open: g.sockets.length, failed, firstError, ms: now() - started };
  },

  /** From now on, a message counts (raw clients on the service's stream: after its `hello`). */
  rawArm: ({ group }: { group: string }) => {
    rawGroup(group).armed = true;
    return null;
  },

  rawCollect: async ({ group, deadline }: { group: string; deadline: number }): Promise<CollectResult> => {
    const g = rawGroup(group);
    await until(() => g.received >= g.at.length, deadline);
    return { times: g.at };
  },

  rawClose: ({ group }: { group: string }) => {
    for (const ws of rawGroup(group).sockets) ws.terminate();
    rawGroups.delete(group);
    return null;
  },

  memory: () => process.memoryUsage(),

  shutdown: () => {
    for (const g of cores.values()) for (const m of g.managers) m.dispose();
    for (const g of rawGroups.values()) for (const ws of g.sockets) ws.terminate();
  },
});
