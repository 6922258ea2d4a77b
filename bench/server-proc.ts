/**
 * The bench's server child: the real mock service (in memory) plus a bare `ws` broadcast server as
 * the baseline. Mints device sessions directly in the database (no scrypt), and reports memory,
 * open streams and file descriptors on request. Started by bench/run.ts; never run it by hand.
 */
import { readdirSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { STREAM_CLOSE, type StreamMessage, type TokenSet } from '../shared/api';
import { accountSummary, findAccountByEmail } from '../server/accounts';
import { createAccount, DEMO_ACCOUNT } from '../server/seed';
import { createSession } from '../server/sessions';
import { startService } from '../server/service';
import { now } from './lib/clock';
import { ownCpuS } from './lib/cpu';
import { serveRpc } from './lib/rpc';

/** One minted device, as the parent hands it to a client worker. */
export interface MintedDevice {
  tokens: TokenSet;
  deviceId: string;
}

/**
 * The client's TokenSet for what createSession returned. Accepts the token-family shapes
 * ({tokens: TokenSet} or the TokenSet fields at top level) and the older single-token shape
 * ({token}, which then serves as the access token, valid for a day), so the bench survives that
 * migration of the service.
 */
function toTokenSet(created: unknown): TokenSet {
  const r = created as Record<string, unknown>;
  const later = new Date(Date.now() + 24 * 3600_000).toISOString();
  const family = (r.tokens && typeof r.tokens === 'object' ? r.tokens : r) as Record<string, unknown>;
  if (typeof family.accessToken === 'string' && typeof family.refreshToken === 'string') {
    const expires = typeof family.accessExpiresAt === 'string' ? family.accessExpiresAt : later;
    return { accessToken: family.accessToken, refreshToken: family.refreshToken, accessExpiresAt: expires };
  }
  if (typeof r.token === 'string') return { accessToken: r.token, refreshToken: r.token, accessExpiresAt: later };
  throw new Error(`createSession returned a shape the bench does not know: ${Object.keys(r).join(', ')}`);
}

/** What `mint` answers. */
export interface MintResult {
  devices: MintedDevice[];
  /** An extra session that sends the sign-out-all (not one of the measured devices). */
  revoker: MintedDevice;
  /** The account's password: "Sign out of all devices" asks for it again, as a person at the TV would type it. */
  password: string;
  account: { email: string; plan: string; memberSince: string };
  ms: number;
}

/** What `memory` and `count` answer. */
export interface ServerStats {
  openStreams: number;
  baselineClients: number;
  fds: number | null;
  memory?: NodeJS.MemoryUsage;
  gc: boolean;
}

function openFds(): number | null {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return null;
  }
}

const gc = (globalThis as { gc?: () => void }).gc;

function fullGc(): void {
  if (!gc) return;
  // A few passes so weak/finalizable objects freed by the first one are collected too.
  for (let i = 0; i < 3; i++) gc();
}

/**
 * The baseline: a plain ws server that sends one pre-serialized message to every client on
 * POST /broadcast (and, on POST /broadcast?close=1, also closes each with 4001 right after, as the
 * product's hub does).
 */
function startBaseline(): Promise<{ url: string; wss: WebSocketServer; http: Server }> {
  const message: StreamMessage = { type: 'revoked', reason: 'all-devices' };
  const frame = Buffer.from(JSON.stringify(message));
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 4096 });
  const http = createHttpServer((req, res) => {
    req.resume();
    const close = req.url === '/broadcast?close=1';
    if (req.method === 'POST' && (req.url === '/broadcast' || close)) {
      let sent = 0;
      for (const ws of wss.clients) {
        ws.send(frame, { binary: false });
        // The variant with the product's socket pattern: the message, then a close frame.
        if (close) ws.close(STREAM_CLOSE.revoked, 'revoked');
        sent++;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sent }));
      return;
    }
    res.writeHead(404).end();
  });
  http.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => ws.terminate());
    });
  });
  http.keepAliveTimeout = 5000;
  return new Promise((resolve) => {
    http.listen(0, '127.0.0.1', () => {
      const { port } = http.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, wss, http });
    });
  });
}

const started = await startService({ dataDir: null, control: true });
const { url, server: service } = started;
const baseline = await startBaseline();

serveRpc({
  info: () => ({ url, baselineUrl: baseline.url, pid: process.pid, gc: !!gc }),

  now: () => now(),

  cpu: () => ownCpuS(),

  /** Mints `count` device sessions (plus one for the revoker) for `email` (default: the demo account; created if missing). */
  mint: async ({ count, email }: { count: number; email?: string }): Promise<MintResult> => {
    const started = now();
    const address = email ?? DEMO_ACCOUNT.email;
    const password = email === undefined ? DEMO_ACCOUNT.password : 'bench-warmup-password';
    if (!findAccountByEmail(service.db, address)) await createAccount(service.db, { email: address, password });
    const account = findAccountByEmail(service.db, address);
    if (!account) throw new Error(`the account ${address} is missing (seed did not run?)`);
    const devices: MintedDevice[] = [];
    for (let i = 0; i < count; i++) {
      const s = createSession(service.db, account.id, { name: `Bench TV ${i + 1}`, platform: 'bench', appVersion: '0.0.0-bench' }, 'device');
      devices.push({ tokens: toTokenSet(s), deviceId: s.deviceId });
    }
    const r = createSession(service.db, account.id, { name: 'Bench revoker', platform: 'bench', appVersion: '0.0.0-bench' }, 'device');
    return { devices, revoker: { tokens: toTokenSet(r), deviceId: r.deviceId }, password, account: accountSummary(account), ms: now() - started };
  },

  count: (): ServerStats => ({ openStreams: service.openStreams(), baselineClients: baseline.wss.clients.size, fds: openFds(), gc: !!gc }),

  memory: (): ServerStats => {
    fullGc();
    return {
      openStreams: service.openStreams(),
      baselineClients: baseline.wss.clients.size,
      fds: openFds(),
      memory: process.memoryUsage(),
      gc: !!gc,
    };
  },

  shutdown: async () => {
    for (const ws of baseline.wss.clients) ws.terminate();
    baseline.wss.close();
    baseline.http.closeAllConnections();
    baseline.http.close();
    await started.close();
  },
});
