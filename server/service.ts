/**
 * The ONE way the mock service is started: the CLI (server/main.ts), `npm start` and the web host
 * (scripts/start.ts), the test kit (tests/kit/harness.ts), the bench and the Electron app's own
 * service process (server/service-process.ts) all call startService. It opens the database in a
 * data folder (or in memory), builds the server, listens on loopback, and can open the account
 * page to phones on the local network on request (setLan).
 */
import { mkdirSync } from 'node:fs';
import { createServer as createNetServer, isIP, type Server as NetServer, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import type { ServiceStatus } from '../shared/service';
import { createServer, type CouchsideServer, type ServerOptions } from './app';

/** How to start the service. Everything but `dataDir` is optional. */
export interface ServiceOptions extends Omit<ServerOptions, 'dbPath'> {
  /** Folder that holds couchside.db (created if missing); null keeps the database in memory. */
  dataDir: string | null;
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** When `port` is taken, take any free port instead of failing (the Electron app's own service). */
  fallbackToFreePort?: boolean;
  /** Open the account page to the local network at once (see setLan). Default false. */
  lan?: boolean;
}

export type { ServiceStatus };

/** A started service. */
export interface RunningService {
  url: string;
  server: CouchsideServer;
  status(): ServiceStatus;
  /** Opens (true) or closes (false) the service to the local network, on the same port. */
  setLan(on: boolean): Promise<ServiceStatus>;
  /** Closes the network listeners, streams, the HTTP server and the database. Safe to call twice. */
  close(): Promise<void>;
}

/** The database file in a data folder. */
export function databasePath(dataDir: string): string {
  return resolve(dataDir, 'couchside.db');
}

/** True for loopback host names and addresses (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** This machine's IPv4 addresses on its local networks (no loopback, no link-local). */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.')) out.push(a.address);
    }
  }
  return out;
}

/** Opens the database, builds the server and listens; throws with the listen error's code on failure. */
export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const { dataDir: givenDir, port = 0, host = '127.0.0.1', fallbackToFreePort = false, lan = false, ...serverOpts } = opts;
  const dataDir = givenDir === null ? null : resolve(givenDir);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const server = await createServer({ ...serverOpts, dbPath: dataDir ? databasePath(dataDir) : ':memory:' });
  let url: string;
  try {
    url = await server.listen(port, host);
  } catch (err) {
    if (!(fallbackToFreePort && port !== 0 && (err as NodeJS.ErrnoException).code === 'EADDRINUSE')) {
      await server.close().catch(() => undefined);
      throw err;
    }
    url = await server.listen(0, host).catch(async (again: unknown) => {
      await server.close().catch(() => undefined);
      throw again;
    });
  }
  const boundPort = Number(new URL(url).port);

  // The local-network listeners hand their connections to the same HTTP server (Node's documented
  // 'connection' injection), so the API, streams and account page are one service on both.
  let lanWanted = false;
  let lanProblem: string | null = null;
  let listeners: Array<{ address: string; server: NetServer }> = [];
  const lanSockets = new Set<Socket>();

  const closeListeners = async () => {
    const open = listeners;
    listeners = [];
    for (const s of lanSockets) s.destroy();
    lanSockets.clear();
    await Promise.all(open.map((l) => new Promise<void>((done) => l.server.close(() => done()))));
  };

  const openListener = (address: string) =>
    new Promise<NetServer>((done, fail) => {
      const net = createNetServer((socket) => {
        lanSockets.add(socket);
        socket.once('close', () => lanSockets.delete(socket));
        server.app.server.emit('connection', socket);
      });
      net.once('error', fail);
      net.listen({ port: boundPort, host: address }, () => {
        net.off('error', fail);
        server.answerTo(address);
        done(net);
      });
    });

  const status = (): ServiceStatus => ({
    url,
    dataDir,
    lan: { enabled: lanWanted, urls: listeners.map((l) => `http://${l.address}:${boundPort}`), problem: lanProblem },
  });

  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  const setLan = (on: boolean): Promise<ServiceStatus> => {
    // One change at a time: a quick on-off-on settles in order.
    const next = queue.then(async () => {
      if (closed) return status();
      lanWanted = on;
      lanProblem = null;
      await closeListeners();
      if (!on) return status();
      if (!isLoopbackHost(host)) {
        lanProblem = `The service already listens on ${host}.`;
        return status();
      }
      const addresses = lanAddresses();
      if (addresses.length === 0) {
        lanProblem = 'This computer is not connected to a local network.';
        return status();
      }
      const failures: string[] = [];
      for (const address of addresses) {
        try {
          listeners.push({ address, server: await openListener(address) });
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          failures.push(code === 'EADDRINUSE' ? `port ${boundPort} is in use on ${address}` : `${address}: ${(err as Error).message}`);
        }
      }
      if (listeners.length === 0) lanProblem = `Could not open the service to the network (${failures.join('; ')}).`;
      return status();
    });
    queue = next.catch(() => undefined);
    return next;
  };

  let closing: Promise<void> | undefined;
  const running: RunningService = {
    url,
    server,
    status,
    setLan,
    close() {
      closing ??= (async () => {
        closed = true;
        await queue;
        await closeListeners();
        await server.close();
      })();
      return closing;
    },
  };
  if (lan) await setLan(true);
  return running;
}
