/** Closing an HTTP server (Fastify's) without waiting for good on keep-alive connections. */
import type { Server } from 'node:http';

/**
 * Runs `close` (Fastify's, which stops listening and waits for the server to close) while
 * closing each connection as soon as it is idle. Node's server.close() closes only the
 * connections idle at that moment: a keep-alive connection whose request was still in flight (a
 * first play waiting for its encode, a segment on its way through the host's proxy) becomes idle
 * afterwards and would hold the close open for good. Requests under way finish; after `graceMs`
 * whatever is left is cut.
 */
export async function closeWhenDrained(server: Server, close: () => Promise<void>, graceMs = 5000): Promise<void> {
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await close();
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}
