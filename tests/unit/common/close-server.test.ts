import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { closeWhenDrained } from '../../../common/close-server';

/** A server whose answers wait until the test lets them go. */
async function slowServer() {
  const waiting: ServerResponse<IncomingMessage>[] = [];
  const server = createServer((_req, res) => void waiting.push(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const closed = () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  return { server, port, waiting, closed };
}

/** GET / on a keep-alive connection: its status, or the error that cut it. */
function get(port: number, agent: Agent): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ port, host: '127.0.0.1', path: '/', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    req.end();
  });
}

it('lets a request under way finish, then closes its keep-alive connection (plain close would wait for good)', async () => {
  const { server, port, waiting, closed } = await slowServer();
  const agent = new Agent({ keepAlive: true });
  try {
    const answer = get(port, agent);
    await expect.poll(() => waiting.length).toBe(1);
    const closing = closeWhenDrained(server, closed, 60_000);
    waiting[0]!.end('ok');
    expect(await answer).toBe(200);
    await closing; // hangs here (the test times out) if the idle keep-alive connection is kept
    expect(server.listening).toBe(false);
  } finally {
    agent.destroy();
  }
});

it('cuts what is still under way after the grace period', async () => {
  const { server, port, waiting, closed } = await slowServer();
  const agent = new Agent({ keepAlive: true });
  try {
    const answer = get(port, agent);
    await expect.poll(() => waiting.length).toBe(1);
    await closeWhenDrained(server, closed, 50);
    expect(await answer).toBe('ECONNRESET');
  } finally {
    agent.destroy();
  }
});
