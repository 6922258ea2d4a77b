/**
 * The revocation fan-out scenario for one N: a server child, W client workers holding N real client
 * cores, one sign-out-all, and the time until each device's stored session is wiped; then the same
 * N raw `ws` clients receiving one bare broadcast, as the baseline.
 */
import { API } from '../shared/api';
import type { CollectResult, RawConnectResult, RestoreResult } from './client-worker';
import { now, sleep } from './lib/clock';
import { Child } from './lib/rpc';
import { round, summarize, type LatencySummary } from './lib/stats';
import type { MintResult, ServerStats } from './server-proc';

export interface FanoutOptions {
  workers: number;
  /** Restores (and raw connects) in flight at once, over all workers. */
  concurrency: number;
  /** How long after t0 a device may take to clear before it counts as not cleared. */
  clearTimeoutMs: number;
  /** How long restoring all devices and opening all streams may take. */
  connectTimeoutMs: number;
  /** Write V8 CPU profiles of the server child (and workers) into this folder (diagnostics). */
  cpuProfileDir?: string;
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
}

export interface FanoutResult {
  n: number;
  workers: number;
  concurrency: number;
  startedAt: string;
  /** Largest estimated clock offset between this process and any child (ms, ± half the IPC round trip). */
  clockSkewMs: { maxAbsOffset: number; maxRtt: number };
  mintMs: number;
  restore: { ms: number; perWorker: RestoreResult[]; openStreams: number };
  revocation: BroadcastFigures & { reasons: Record<string, number>; stillSignedIn: number; clears: number; openStreamsAfter: number };
  baseline: BroadcastFigures & { connectMs: number; connectFailures: number; firstConnectError?: string };
  /** Our p99 divided by the baseline p99. */
  p99Ratio: number;
  memory: {
    gcExposed: boolean;
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

/** Splits `items` into `parts` contiguous chunks of near-equal size. */
export function split<T>(items: readonly T[], parts: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const size = Math.floor(items.length / parts) + (i < items.length % parts ? 1 : 0);
    out.push(items.slice(start, start + size));
    start += size;
  }
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

/** Runs the whole scenario for `n` devices and tears every child down, whatever happens. */
export async function runFanout(n: number, o: FanoutOptions): Promise<FanoutResult> {
  const startedAt = new Date().toISOString();
  const server = new Child('bench/server-proc.ts', `server child (N=${n})`, { exposeGc: true, cpuProfileDir: o.cpuProfileDir });
  const workers = Array.from({ length: o.workers }, (_, i) =>
    new Child('bench/client-worker.ts', `client worker ${i + 1}/${o.workers} (N=${n})`, { cpuProfileDir: o.cpuProfileDir }),
  );
  const lanes = Math.max(1, Math.ceil(o.concurrency / o.workers));
  try {
    const info = await server.call<{ url: string; baselineUrl: string; gc: boolean }>('info', undefined, 60_000);
    // Children compile their TS on start; make sure every worker is up before anything is timed.
    const skew = await clockSkew([server, ...workers]);
    o.log(`  server ${info.url}, baseline ${info.baselineUrl}, ${o.workers} workers up; clock skew <= ${skew.maxAbsOffset} ms`);

    const minted = await server.call<MintResult>('mint', { count: n }, 300_000);
    o.log(`  minted ${n} + 1 device sessions in ${Math.round(minted.ms)} ms`);
    const before = await server.call<ServerStats>('memory', undefined, 60_000);
    const chunks = split(minted.devices, o.workers);

    // ---- Our path: N real client cores, restored in bounded concurrency.
    const tc = now();
    const connectDeadline = tc + o.connectTimeoutMs;
    const perWorker = await Promise.all(
      workers.map((w, i) =>
        w.call<RestoreResult>(
          'restore',
          { url: info.url, devices: chunks[i], account: minted.account, concurrency: lanes, deadline: connectDeadline },
          o.connectTimeoutMs + 30_000,
        ),
      ),
    );
    const ready = await pollServer(server, (s) => s.openStreams >= n, connectDeadline);
    const restoreMs = now() - tc;
    const signedIn = perWorker.reduce((s, r) => s + r.signedIn, 0);
    o.log(`  restored ${signedIn}/${n} devices, ${ready.openStreams} streams open in ${Math.round(restoreMs)} ms (server fds ${ready.fds ?? '?'})`);
    if (ready.openStreams < n) {
      throw new Error(
        `only ${ready.openStreams} of ${n} device streams opened within ${o.connectTimeoutMs} ms ` +
          `(signed in: ${signedIn}; server fds: ${ready.fds ?? '?'}; per worker: ${JSON.stringify(perWorker.map((r) => r.notSignedIn))})`,
      );
    }
    const withStreams = await server.call<ServerStats>('memory', undefined, 60_000);
    await sleep(300);

    const t0 = now();
    const res = await fetch(info.url + API.signOutAll, { method: 'POST', headers: { authorization: `Bearer ${minted.revoker.token}` } });
    const tResp = now();
    await res.arrayBuffer();
    if (res.status !== 204) throw new Error(`sign-out-all answered HTTP ${res.status}`);
    const collected = await Promise.all(
      workers.map((w) => w.call<CollectResult>('collect', { deadline: t0 + o.clearTimeoutMs }, o.clearTimeoutMs + 30_000)),
    );
    const after = await server.call<ServerStats>('count', undefined, 10_000);
    const reasons: Record<string, number> = {};
    for (const c of collected) for (const [k, v] of Object.entries(c.reasons ?? {})) reasons[k] = (reasons[k] ?? 0) + v;
    const revocation = {
      ...figures(collected, t0, tResp - t0, res.status),
      reasons,
      stillSignedIn: collected.reduce((s, c) => s + (c.stillSignedIn ?? 0), 0),
      clears: collected.reduce((s, c) => s + (c.clears ?? 0), 0),
      openStreamsAfter: after.openStreams,
    };
    o.log(`  sign-out-all: ${revocation.received}/${n} cleared, p50 ${revocation.latencyMs.p50} ms, p99 ${revocation.latencyMs.p99} ms, max ${revocation.latencyMs.max} ms`);
    await Promise.all(workers.map((w) => w.call('dispose', undefined, 30_000)));

    // ---- Baseline: N raw ws clients and one bare broadcast, same split over the same workers.
    // Let the product's sockets drain first so the server never holds both sets (fd limit).
    const drained = await pollServer(server, (s) => s.fds === null || s.fds < 1000, now() + 15_000);
    const baselineBefore = await server.call<ServerStats>('memory', undefined, 60_000);
    const tb = now();
    const bDeadline = tb + o.connectTimeoutMs;
    const raw = await Promise.all(
      workers.map((w, i) =>
        w.call<RawConnectResult>(
          'rawConnect',
          { url: info.baselineUrl, count: chunks[i]!.length, concurrency: lanes, deadline: bDeadline },
          o.connectTimeoutMs + 30_000,
        ),
      ),
    );
    const bReady = await pollServer(server, (s) => s.baselineClients >= n, bDeadline);
    const connectMs = now() - tb;
    const connectFailures = raw.reduce((s, r) => s + r.failed, 0);
    const firstConnectError = raw.find((r) => r.firstError)?.firstError;
    o.log(`  baseline: ${bReady.baselineClients}/${n} raw clients connected in ${Math.round(connectMs)} ms`);
    if (bReady.baselineClients < n) {
      throw new Error(`only ${bReady.baselineClients} of ${n} baseline clients connected (${connectFailures} failed: ${firstConnectError ?? '?'})`);
    }
    const baselineWith = await server.call<ServerStats>('memory', undefined, 60_000);
    await sleep(300);

    const b0 = now();
    const bRes = await fetch(info.baselineUrl + '/broadcast', { method: 'POST' });
    const bResp = now();
    await bRes.arrayBuffer();
    const bCollected = await Promise.all(
      workers.map((w) => w.call<CollectResult>('rawCollect', { deadline: b0 + o.clearTimeoutMs }, o.clearTimeoutMs + 30_000)),
    );
    const baseline = { ...figures(bCollected, b0, bResp - b0, bRes.status), connectMs: round(connectMs), connectFailures, firstConnectError };
    o.log(`  baseline broadcast: ${baseline.received}/${n} received, p50 ${baseline.latencyMs.p50} ms, p99 ${baseline.latencyMs.p99} ms, max ${baseline.latencyMs.max} ms`);
    await Promise.all(workers.map((w) => w.call('rawClose', undefined, 30_000)));

    const m0 = pick(before.memory);
    const m1 = pick(withStreams.memory);
    const b0m = pick(baselineBefore.memory);
    const b1m = pick(baselineWith.memory);
    return {
      n,
      workers: o.workers,
      concurrency: lanes * o.workers,
      startedAt,
      clockSkewMs: skew,
      mintMs: round(minted.ms),
      restore: { ms: round(restoreMs), perWorker, openStreams: ready.openStreams },
      revocation,
      baseline,
      p99Ratio: round(revocation.latencyMs.p99 / baseline.latencyMs.p99, 2),
      memory: {
        gcExposed: before.gc,
        beforeClients: m0,
        withStreams: m1,
        perDeviceKiB: perItemKiB(m1, m0, n),
        baselineBefore: b0m,
        baselineWithClients: b1m,
        baselinePerClientKiB: perItemKiB(b1m, b0m, n),
        serverFds: { beforeClients: before.fds, withStreams: withStreams.fds, beforeBaseline: drained.fds, withBaseline: baselineWith.fds },
      },
    };
  } finally {
    await Promise.all([server.stop(), ...workers.map((w) => w.stop())]);
  }
}
