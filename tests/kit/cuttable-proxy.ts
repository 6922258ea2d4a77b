/**
 * A loopback TCP proxy whose "cable" a test can pull: cut() drops every connection and refuses
 * new ones (a client that lost its network while still running), restore() plugs it back in.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface CuttableProxy {
  /** Base URL to give the client instead of the service's. */
  url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port in front of `targetUrl` (http://127.0.0.1:PORT). */
export async function startCuttableProxy(targetUrl: string): Promise<CuttableProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let connected = true;
  const server = createServer((client) => {
    if (!connected) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const dropAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      connected = false;
      dropAll();
    },
    restore() {
      connected = true;
    },
    close() {
      dropAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
