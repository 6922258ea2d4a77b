/**
 * The revocation fan-out scenario for one N: a server child, W client workers holding N real client
 * cores, one sign-out-all, and the time until each device's stored session is wiped; then the same
 * N raw `ws` clients receiving one bare broadcast, as the baseline.
 */
import { API } from '../shared/api';
import { confirmSignOutAll, openSignOutAll, type AccountPageSession } from './lib/account-page';
import type { CollectResult, RawConnectResult, RestoreResult } from './client-worker';
import { now, sleep } from './lib/clock';
import { machineCpu, ownCpuS, type MachineCpu } from './lib/cpu';
import { Child } from './lib/rpc';
import { round, summarize, type LatencySummary } from './lib/stats';
import type { MintResult, ServerStats } from './server-proc';

export type FanoutVia = 'page' | 'tv';

export interface FanoutOptions {
  workers: number;
  /** Restores (and raw connects) in flight at once, over all workers. */
  concurrency: number;
  /** How long after t0 a device may take to clear before it counts as not cleared. */
  clearTimeoutMs: number;
  /** How long restoring all devices and opening all streams may take. */
  connectTimeoutMs: number;
  /** Devices in the warm-up round (a separate account) before the measured round; 0 = none. */
  warmup: number;
  /** Write V8 CPU profiles of the server child (and workers) into this folder (diagnostics). */
  cpuProfileDir?: string;
  /**
   * Which "Sign out of all devices" is pressed: 'page' the account web page's (signed in there
   * beforehand, as on a phone), 'tv' the TV's Settings (the API call, with the account password
   * checked inside the window).
   */
  via: FanoutVia;
  log(line: string): void;
}

export interface MemoryPoint {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface BroadcastFigures {
  /** Latencies (ms from t0) of the devices/clients that got there. */
  latencyMs: LatencySummary;
  expected: number;
  received: number;
  missed: number;
  /** Time from t0 until the HTTP response of the trigger request arrived. */
  httpResponseMs: number;
  httpStatus: number;
  t0: number;
  /** Per worker: [first, last] latency, to see whether one worker lagged. */
  perWorker: { count: number; firstMs: number; lastMs: number }[];
  /** CPU use from just before t0 until the last receipt was collected. */
  cpu?: CpuWindow;
}

export type BaselineFigures = BroadcastFigures & { connectMs: number; connectFailures: number; firstConnectError?: string };

/** The service's fan-out to raw sockets holding real device sessions (see socketRound). */
export type ReachFigures = BaselineFigures & { via: FanoutVia; passwordCheckMs: number };

export interface FanoutResult {
  n: number;
  workers: number;
  concurrency: number;
  warmupDevices: number;
  startedAt: string;
  /** Largest estimated clock offset between this process and any child (ms, ± half the IPC round trip). */
  clockSkewMs: { maxAbsOffset: number; maxRtt: number };
  mintMs: number;
  restore: { ms: number; perWorker: RestoreResult[]; openStreams: number; cpu: CpuWindow };
  revocation: BroadcastFigures & {
    /** Which "Sign out of all devices" was pressed. */
    via: FanoutVia;
    /** The password check alone (POST /v1/account/password-check), timed just before: what the TV's path adds. */
    passwordCheckMs: number;
    /** Sign-out reasons the devices' notices carried (all should be 'all-devices'). */
    reasons: Record<string, number>;
    /** Up to 20 devices that did not clear within the timeout. */
    notClearedDeviceIds: string[];
    stillSignedIn: number;
    /** Sum of SessionManager.clearCount: one wipe per device expected. */
    clears: number;
    openStreamsAfter: number;
  };
  /**
   * The same sign-out-all on another account whose N devices are raw sockets on the service's
   * stream: the time until each socket has the `revoked` frame. Same clients as the baseline's.
   */
  reach: ReachFigures;
  baseline: BaselineFigures;
  /**
   * Diagnostic, not a target: the bare server doing the product's socket pattern (message, then a
   * 4001 close frame per socket) to raw clients that drop the socket on receipt, as the client core does.
   */
  baselineWithClose: BaselineFigures;
  /** The wipe p99 (real client cores) divided by the baseline p99. */
  p99Ratio: number;
  /** The reach p99 (the service's frame at each device's socket) divided by the baseline p99. */
  reachP99Ratio: number;
  memory: {
    gcExposed: boolean;
    /** Right after minting, before the warm-up round. */
    beforeWarmup: MemoryPoint;
    /** After minting and the warm-up round (its clients gone, gc run), before any measured client connects. */
    beforeClients: MemoryPoint;
    withStreams: MemoryPoint;
    /** (withStreams - beforeClients) / N, in KiB. */
    perDeviceKiB: { rss: number; heapUsed: number; external: number };
    baselineBefore: MemoryPoint;
    baselineWithClients: MemoryPoint;
    /** Same for the bare ws server (its "before" is after the product phase, so rss is a lower bound). */
    baselinePerClientKiB: { rss: number; heapUsed: number; external: number };
    serverFds: { beforeClients: number | null; withStreams: number | null; beforeBaseline: number | null; withBaseline: number | null };
  };
}

function pick(m: NodeJS.MemoryUsage | undefined): MemoryPoint {
  if (!m) throw new Error('server did not report memory');
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
}

function perItemKiB(after: MemoryPoint, before: MemoryPoint, n: number) {
  const k = (a: number, b: number) => round((a - b) / n / 1024, 2);
  return { rss: k(after.rss, before.rss), heapUsed: k(after.heapUsed, before.heapUsed), external: k(after.external, before.external) };
}

/**
 * Deals `items` round-robin into `parts` hands. Round-robin, not contiguous: the server pushes in
 * session order, so contiguous chunks would make each worker take its whole share in one burst
 * while the others idle; dealt out, every worker gets a steady share, as independent devices would.
 */
export function split<T>(items: readonly T[], parts: number): T[][] {
  const out: T[][] = Array.from({ length: parts }, () => []);
  items.forEach((item, i) => out[i % parts]!.push(item));
  return out;
}

/** Estimates each child's clock offset against ours (best of 5 IPC round trips). */
async function clockSkew(children: Child[]): Promise<{ maxAbsOffset: number; maxRtt: number }> {
  let maxAbsOffset = 0;
  let maxRtt = 0;
  for (const c of children) {
    let best = { rtt: Infinity, offset: 0 };
    for (let i = 0; i < 5; i++) {
      const a = now();
      const theirs = await c.call<number>('now', undefined, 10_000);
      const b = now();
      if (b - a < best.rtt) best = { rtt: b - a, offset: theirs - (a + b) / 2 };
    }
    maxAbsOffset = Math.max(maxAbsOffset, Math.abs(best.offset));
    maxRtt = Math.max(maxRtt, best.rtt);
  }
  return { maxAbsOffset: round(maxAbsOffset, 3), maxRtt: round(maxRtt, 3) };
}

/** Polls `probe` until `done` holds or `deadline`; returns the last stats seen. */
async function pollServer(server: Child, done: (s: ServerStats) => boolean, deadline: number): Promise<ServerStats> {
  let s = await server.call<ServerStats>('count', undefined, 10_000);
  while (!done(s) && now() < deadline) {
    await sleep(50);
    s = await server.call<ServerStats>('count', undefined, 10_000);
  }
  return s;
}

/** CPU use over a window: the whole machine, the bench's own processes, and the rest (other work). */
export interface CpuWindow {
  seconds: number;
  /** Busy cores on average over the window, whole machine (null when /proc/stat is missing). */
  machineBusyCores: number | null;
  /** Cores used by this bench (parent, server child, workers). */
  benchCores: number;
  /** Of those, the server child alone. */
  serverCores: number;
  /** CPU time the server child used in the window (ms): its work for this fan-out, whatever the contention. */
  serverCpuMs: number;
  /** Of those, the client workers together. */
  workerCores: number;
  /** Busy cores not explained by the bench: other work on this shared machine. */
  otherCores: number | null;
}

interface CpuPoint {
  at: number;
  machine: MachineCpu | null;
  bench: number;
  server: number;
  workers: number;
}

async function cpuPoint(c: Ctx): Promise<CpuPoint> {
  const [server, ...workers] = await Promise.all([c.server, ...c.workers].map((ch) => ch.call<number>('cpu', undefined, 10_000)));
  const w = workers.reduce((sum, x) => sum + x, 0);
  return { at: now(), machine: machineCpu(), bench: ownCpuS() + server! + w, server: server!, workers: w };
}

function cpuWindow(a: CpuPoint, b: CpuPoint): CpuWindow {
  const seconds = (b.at - a.at) / 1000;
  const machineBusyCores = a.machine && b.machine ? (b.machine.busyS - a.machine.busyS) / seconds : null;
  const benchCores = (b.bench - a.bench) / seconds;
  return {
    seconds: round(seconds, 3),
    machineBusyCores: machineBusyCores === null ? null : round(machineBusyCores, 2),
    benchCores: round(benchCores, 2),
    serverCores: round((b.server - a.server) / seconds, 2),
    serverCpuMs: round((b.server - a.server) * 1000, 1),
    workerCores: round((b.workers - a.workers) / seconds, 2),
    otherCores: machineBusyCores === null ? null : round(Math.max(0, machineBusyCores - benchCores), 2),
  };
}

function figures(collected: CollectResult[], t0: number, httpResponseMs: number, httpStatus: number): BroadcastFigures {
  const latencies: number[] = [];
  let expected = 0;
  const perWorker = collected.map((c) => {
    expected += c.times.length;
    const mine = c.times.filter((t): t is number => t !== null).map((t) => t - t0);
    latencies.push(...mine);
    return {
      count: mine.length,
      firstMs: round(mine.length ? Math.min(...mine) : Number.NaN),
      lastMs: round(mine.length ? Math.max(...mine) : Number.NaN),
    };
  });
  const s = summarize(latencies);
  return {
    latencyMs: {
      count: s.count,
      min: round(s.min),
      p50: round(s.p50),
      p90: round(s.p90),
      p99: round(s.p99),
      max: round(s.max),
      mean: round(s.mean),
    },
    expected,
    received: latencies.length,
    missed: expected - latencies.length,
    httpResponseMs: round(httpResponseMs),
    httpStatus,
    t0,
    perWorker,
  };
}

interface Ctx {
  server: Child;
  workers: Child[];
  url: string;
  baselineUrl: string;
  /** Restores/connects in flight per worker. */
  lanes: number;
  o: FanoutOptions;
}

/**
 * Presses "Sign out of all devices" for `minted`'s account: the account page's (when `page` is
 * open) or the TV's. The TV's request carries the account password (the service checks it before
 * anything is revoked, as for a person at the TV). That check alone, measured just before, is
 * reported beside the fan-out either way: it is what the TV's path adds to the account page's.
 */
async function pressSignOutAll(c: Ctx, group: string, minted: MintResult, page: AccountPageSession | null) {
  const headers = { authorization: `Bearer ${minted.revoker.tokens.accessToken}`, 'content-type': 'application/json' };
  const body = JSON.stringify({ password: minted.password });
  const tCheck = now();
  const check = await fetch(c.url + API.passwordCheck, { method: 'POST', headers, body });
  const passwordCheckMs = now() - tCheck;
  if (check.status !== 204) throw new Error(`${group}: the password check answered HTTP ${check.status}`);
  const cpuBefore = await cpuPoint(c);
  const t0 = now();
  const res = page ? await confirmSignOutAll(c.url, page) : await fetch(c.url + API.signOutAll, { method: 'POST', headers, body });
  const tResp = now();
  const answer = await res.text();
  const expected = page ? 200 : 204;
  if (res.status !== expected || (page && !answer.includes('Signed out of all devices'))) {
    throw new Error(`${group}: sign-out-all (${c.o.via}) answered HTTP ${res.status}${page ? `: ${answer.slice(0, 200)}` : ''}`);
  }
  return { t0, tResp, res, passwordCheckMs, cpuBefore };
}

/** One round on our path: restore the devices in the workers, wait for their streams, sign out all, collect the wipes. */
async function coreRound(c: Ctx, group: string, minted: MintResult, beforeTrigger?: () => Promise<void>) {
  const n = minted.devices.length;
  const chunks = split(minted.devices, c.workers.length);
  // On the phone: signed in to the account page and on "Sign out of all devices" before the TVs
  // connect (the sign-in tells the account's streams that its devices changed).
  const page = c.o.via === 'page' ? await openSignOutAll(c.url, minted.account.email, minted.password) : null;
  const cpuStart = await cpuPoint(c);
  const tc = now();
  const deadline = tc + c.o.connectTimeoutMs;
  const perWorker = await Promise.all(
    c.workers.map((w, i) =>
      w.call<RestoreResult>(
        'restore',
        { group, url: c.url, devices: chunks[i], account: minted.account, concurrency: c.lanes, deadline },
        c.o.connectTimeoutMs + 30_000,
      ),
    ),
  );
  const signedIn = perWorker.reduce((sum, r) => sum + r.signedIn, 0);
  const signedOut = perWorker.reduce((sum, r) => sum + (r.notSignedIn['signed-out'] ?? 0), 0);
  if (signedOut > 0) {
    // A device that restores to signed-out will never open a stream: the setup is wrong, stop now.
    const logged = perWorker.flatMap((r) => r.logged.first).slice(0, 3);
    throw new Error(`${group}: ${signedOut} of ${n} devices restored to signed-out (their minted session was refused)${logged.length ? `; core logged: ${logged.join(' | ')}` : ''}`);
  }
  const ready = await pollServer(c.server, (s) => s.openStreams >= n, deadline);
  const restoreMs = now() - tc;
  const restoreCpu = cpuWindow(cpuStart, await cpuPoint(c));
  if (ready.openStreams < n) {
    throw new Error(
      `${group}: only ${ready.openStreams} of ${n} device streams opened within ${c.o.connectTimeoutMs} ms ` +
        `(signed in: ${signedIn}; server fds: ${ready.fds ?? '?'}; per worker: ${JSON.stringify(perWorker.map((r) => r.notSignedIn))})`,
    );
  }
  await beforeTrigger?.();

  const { t0, tResp, res, passwordCheckMs, cpuBefore } = await pressSignOutAll(c, group, minted, page);
  const collected = await Promise.all(
    c.workers.map((w) => w.call<CollectResult>('collect', { group, deadline: t0 + c.o.clearTimeoutMs }, c.o.clearTimeoutMs + 30_000)),
  );
  const cpu = cpuWindow(cpuBefore, await cpuPoint(c));
  const after = await c.server.call<ServerStats>('count', undefined, 10_000);
  await Promise.all(c.workers.map((w) => w.call('dispose', { group }, 30_000)));
  const reasons: Record<string, number> = {};
  for (const col of collected) for (const [k, v] of Object.entries(col.reasons ?? {})) reasons[k] = (reasons[k] ?? 0) + v;
  return {
    restoreMs,
    restoreCpu,
    perWorker,
    ready,
    figures: {
      ...figures(collected, t0, tResp - t0, res.status),
      passwordCheckMs,
      via: c.o.via,
      cpu,
      reasons,
      notClearedDeviceIds: collected.flatMap((col, i) => col.times.flatMap((t, j) => (t === null ? [chunks[i]![j]!.deviceId] : []))).slice(0, 20),
      stillSignedIn: collected.reduce((sum, col) => sum + (col.stillSignedIn ?? 0), 0),
      clears: collected.reduce((sum, col) => sum + (col.clears ?? 0), 0),
      openStreamsAfter: after.openStreams,
    },
  };
}

/**
 * Opens raw clients in every worker (`args(i)`: worker i's rawConnect arguments, less the shared
 * ones), waits until the server counts `n` of them (`counted`), and says how it went; throws when
 * fewer than `n` connected in time. Shared by the service-alone and the bare rounds.
 */
async function connectRaw(
  c: Ctx,
  group: string,
  n: number,
  args: (i: number) => { url: string; count: number; terminateOnMessage: boolean; tokens?: string[] },
  counted: (s: ServerStats) => number,
  what: string,
) {
  const tb = now();
  const deadline = tb + c.o.connectTimeoutMs;
  const raw = await Promise.all(
    c.workers.map((w, i) =>
      w.call<RawConnectResult>('rawConnect', { group, concurrency: c.lanes, deadline, ...args(i) }, c.o.connectTimeoutMs + 30_000),
    ),
  );
  const ready = await pollServer(c.server, (s) => counted(s) >= n, deadline);
  const connectMs = now() - tb;
  const connectFailures = raw.reduce((sum, r) => sum + r.failed, 0);
  const firstConnectError = raw.find((r) => r.firstError)?.firstError;
  if (counted(ready) < n) {
    throw new Error(`${group}: only ${counted(ready)} of ${n} ${what} (${connectFailures} failed: ${firstConnectError ?? '?'})`);
  }
  return { connectMs: round(connectMs), connectFailures, firstConnectError };
}

/**
 * One round of the service's fan-out alone: N raw `ws` clients, each on the service's device
 * stream with its own device session (as the client core's watcher connects), over the same
 * workers as the bare broadcast's clients and doing the same work on receipt (note the time).
 * Against the bare broadcast this compares the two servers and nothing else; the core round adds
 * what 10,000 real client cores cost on the same cores.
 */
async function socketRound(c: Ctx, group: string, minted: MintResult, beforeTrigger?: () => Promise<void>) {
  const n = minted.devices.length;
  const chunks = split(minted.devices, c.workers.length);
  const page = c.o.via === 'page' ? await openSignOutAll(c.url, minted.account.email, minted.password) : null;
  const streamUrl = c.url.replace(/^http/, 'ws') + API.stream;
  const connected = await connectRaw(
    c,
    group,
    n,
    (i) => ({ url: streamUrl, count: chunks[i]!.length, tokens: chunks[i]!.map((d) => d.tokens.accessToken), terminateOnMessage: false }),
    (s) => s.openStreams,
    'device streams opened',
  );
  await beforeTrigger?.();
  // Their `hello` came on connect; from here a message is the revocation.
  await Promise.all(c.workers.map((w) => w.call('rawArm', { group }, 10_000)));
  const { t0, tResp, res, passwordCheckMs, cpuBefore } = await pressSignOutAll(c, group, minted, page);
  const collected = await Promise.all(
    c.workers.map((w) => w.call<CollectResult>('rawCollect', { group, deadline: t0 + c.o.clearTimeoutMs }, c.o.clearTimeoutMs + 30_000)),
  );
  const cpu = cpuWindow(cpuBefore, await cpuPoint(c));
  await Promise.all(c.workers.map((w) => w.call('rawClose', { group }, 30_000)));
  await pollServer(c.server, (s) => s.openStreams === 0 && (s.fds === null || s.fds < 1000), now() + 15_000);
  return { ...figures(collected, t0, tResp - t0, res.status), cpu, passwordCheckMs, via: c.o.via, ...connected };
}

/** One baseline round: N raw ws clients over the workers, one POST /broadcast, collect the receipts. */
async function rawRound(c: Ctx, group: string, n: number, variant: 'plain' | 'close', beforeTrigger?: () => Promise<void>) {
  const counts = split(Array.from({ length: n }), c.workers.length).map((chunk) => chunk.length);
  const connected = await connectRaw(
    c,
    group,
    n,
    (i) => ({ url: c.baselineUrl, count: counts[i]!, terminateOnMessage: variant === 'close' }),
    (s) => s.baselineClients,
    'baseline clients connected',
  );
  await beforeTrigger?.();

  const cpuBefore = await cpuPoint(c);
  const b0 = now();
  const res = await fetch(c.baselineUrl + (variant === 'close' ? '/broadcast?close=1' : '/broadcast'), { method: 'POST' });
  const bResp = now();
  await res.arrayBuffer();
  const collected = await Promise.all(
    c.workers.map((w) => w.call<CollectResult>('rawCollect', { group, deadline: b0 + c.o.clearTimeoutMs }, c.o.clearTimeoutMs + 30_000)),
  );
  const cpu = cpuWindow(cpuBefore, await cpuPoint(c));
  await Promise.all(c.workers.map((w) => w.call('rawClose', { group }, 30_000)));
  await pollServer(c.server, (s) => s.baselineClients === 0 && (s.fds === null || s.fds < 1000), now() + 15_000);
  return { ...figures(collected, b0, bResp - b0, res.status), cpu, ...connected };
}

/** Runs the whole scenario for `n` devices and tears every child down, whatever happens. */
export async function runFanout(n: number, o: FanoutOptions): Promise<FanoutResult> {
  const startedAt = new Date().toISOString();
  const server = new Child('bench/server-proc.ts', `server child (N=${n})`, { exposeGc: true, cpuProfileDir: o.cpuProfileDir });
  const workerCount = Math.max(1, Math.min(o.workers, n));
  const workers = Array.from(
    { length: workerCount },
    (_, i) => new Child('bench/client-worker.ts', `client worker ${i + 1}/${workerCount} (N=${n})`, { cpuProfileDir: o.cpuProfileDir }),
  );
  const lanes = Math.max(1, Math.ceil(o.concurrency / workerCount));
  try {
    const info = await server.call<{ url: string; baselineUrl: string; gc: boolean }>('info', undefined, 60_000);
    // Children compile their TS on start; make sure every worker is up before anything is timed.
    const skew = await clockSkew([server, ...workers]);
    o.log(`  server ${info.url}, baseline ${info.baselineUrl}, ${workerCount} workers up; clock skew <= ${skew.maxAbsOffset} ms`);
    const c: Ctx = { server, workers, url: info.url, baselineUrl: info.baselineUrl, lanes, o };

    const minted = await server.call<MintResult>('mint', { count: n }, 300_000);
    o.log(`  minted ${n} + 1 device sessions in ${Math.round(minted.ms)} ms`);
    // A second account for the service-alone round (the first one's sessions are gone by then).
    const mintedRaw = await server.call<MintResult>('mint', { count: n, email: 'bench-sockets@couchside.test' }, 300_000);

    // Memory right after minting, before any client at all (kept in the JSON for reference).
    const beforeWarmup = await server.call<ServerStats>('memory', undefined, 60_000);

    // Warm-up: the same path end to end on a separate account, so the measured round runs warm
    // code (a long-running service is warm) rather than timing first-call JIT and lazy setup.
    if (o.warmup > 0) {
      const warm = await server.call<MintResult>('mint', { count: o.warmup, email: 'bench-warmup@couchside.test' }, 60_000);
      const w = await coreRound(c, 'warmup', warm);
      const warmRaw = await server.call<MintResult>('mint', { count: o.warmup, email: 'bench-warmup-sockets@couchside.test' }, 60_000);
      await socketRound(c, 'warmup-sockets', warmRaw);
      const b = await rawRound(c, 'warmup', o.warmup, 'plain');
      await rawRound(c, 'warmup-close', o.warmup, 'close');
      o.log(`  warm-up (${o.warmup} devices, other account): ours p99 ${w.figures.latencyMs.p99} ms, bare p99 ${b.latencyMs.p99} ms`);
      await pollServer(server, (s) => s.openStreams === 0, now() + 10_000);
    }

    // ---- Our path: N real client cores, restored in bounded concurrency.
    // Memory "before": minted, no client connected (the warm-up's are gone and collected), so
    // one-time costs (compiled code, lazily built state) are not charged to the devices.
    const before = await server.call<ServerStats>('memory', undefined, 60_000);
    let withStreams: ServerStats | undefined;
    const ours = await coreRound(c, 'measured', minted, async () => {
      withStreams = await server.call<ServerStats>('memory', undefined, 60_000);
      await sleep(300);
    });
    const revocation = ours.figures;
    o.log(
      `  restored ${ours.perWorker.reduce((sum, r) => sum + r.signedIn, 0)}/${n} devices, ${ours.ready.openStreams} streams open in ` +
        `${Math.round(ours.restoreMs)} ms (server fds ${ours.ready.fds ?? '?'})`,
    );
    o.log(`  sign-out-all: ${revocation.received}/${n} cleared, p50 ${revocation.latencyMs.p50} ms, p99 ${revocation.latencyMs.p99} ms, max ${revocation.latencyMs.max} ms (the password check alone: ${Math.round(revocation.passwordCheckMs)} ms)`);

    // Let the product's sockets drain first so the server never holds both sets (fd limit).
    const drained = await pollServer(server, (s) => s.fds === null || s.fds < 1000, now() + 15_000);

    // ---- The service alone: the same sign-out-all, N raw sockets on the device stream.
    // Like the other two measured rounds: a full collection in the server child, then a pause.
    const reach = await socketRound(c, 'measured-sockets', mintedRaw, async () => {
      await server.call<ServerStats>('memory', undefined, 60_000);
      await sleep(300);
    });
    o.log(`  sign-out-all to ${n} raw device sockets: ${reach.received}/${n} received, p50 ${reach.latencyMs.p50} ms, p99 ${reach.latencyMs.p99} ms, max ${reach.latencyMs.max} ms`);

    // ---- Baseline: N raw ws clients and one bare broadcast, same split over the same workers.
    const baselineBefore = await server.call<ServerStats>('memory', undefined, 60_000);
    let baselineWith: ServerStats | undefined;
    const baseline = await rawRound(c, 'measured', n, 'plain', async () => {
      baselineWith = await server.call<ServerStats>('memory', undefined, 60_000);
      await sleep(300);
    });
    o.log(`  baseline: ${n} raw clients connected in ${Math.round(baseline.connectMs)} ms`);
    o.log(`  bare broadcast: ${baseline.received}/${n} received, p50 ${baseline.latencyMs.p50} ms, p99 ${baseline.latencyMs.p99} ms, max ${baseline.latencyMs.max} ms`);
    const withClose = await rawRound(c, 'measured-close', n, 'close', () => sleep(300));
    o.log(
      `  bare broadcast + close(4001), clients drop on receipt: ${withClose.received}/${n} received, ` +
        `p50 ${withClose.latencyMs.p50} ms, p99 ${withClose.latencyMs.p99} ms, max ${withClose.latencyMs.max} ms`,
    );

    const m0 = pick(before.memory);
    const m1 = pick(withStreams?.memory);
    const b0m = pick(baselineBefore.memory);
    const b1m = pick(baselineWith?.memory);
    return {
      n,
      workers: workerCount,
      concurrency: lanes * workerCount,
      warmupDevices: o.warmup,
      startedAt,
      clockSkewMs: skew,
      mintMs: round(minted.ms),
      restore: { ms: round(ours.restoreMs), perWorker: ours.perWorker, openStreams: ours.ready.openStreams, cpu: ours.restoreCpu },
      revocation,
      reach,
      baseline,
      baselineWithClose: withClose,
      p99Ratio: round(revocation.latencyMs.p99 / baseline.latencyMs.p99, 2),
      reachP99Ratio: round(reach.latencyMs.p99 / baseline.latencyMs.p99, 2),
      memory: {
        gcExposed: before.gc,
        beforeWarmup: pick(beforeWarmup.memory),
        beforeClients: m0,
        withStreams: m1,
        perDeviceKiB: perItemKiB(m1, m0, n),
        baselineBefore: b0m,
        baselineWithClients: b1m,
        baselinePerClientKiB: perItemKiB(b1m, b0m, n),
        serverFds: { beforeClients: before.fds, withStreams: withStreams?.fds ?? null, beforeBaseline: drained.fds, withBaseline: baselineWith?.fds ?? null },
      },
    };
  } finally {
    await Promise.all([server.stop(), ...workers.map((w) => w.stop())]);
  }
}
