/**
 * The client's time limit per request: a service that never answers, or starts an answer and
 * stalls, is a NetworkError after the limit: never a hang, never an empty "success".
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, NetworkError } from '../../../../electron/core/api-client';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A local HTTP server answering every request with `handle`; resolves to its base URL. */
function serve(handle: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handle);
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`)));
}

describe('the API client time limit', () => {
  it('a service that never answers is a NetworkError after the limit', async () => {
    const url = await serve(() => {
      /* never answers */
    });
    const api = new ApiClient({ baseUrl: url, timeoutMs: 150 });
    const t = Date.now();
    const err = await api.session('token').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(Date.now() - t).toBeLessThan(5000); // the limit, not the socket's own timeout
  });

  it('an answer whose body stalls is a NetworkError too, not an empty success', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"account":'); // ...and nothing more
    });
    const api = new ApiClient({ baseUrl: url, timeoutMs: 150 });
    const err = await api.session('token').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(/cut off/);
  });
});
