/** startService, the one start-up of the mock service: ports, the local-network setting, the loopback-only control API. */
import { createServer as createNetServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTROL, CONTROL_HEADERS } from '../../../shared/api';
import { lanAddresses, startService, type RunningService } from '../../../server/service';

const running: RunningService[] = [];
const blockers: Server[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
  for (const b of blockers.splice(0)) await new Promise((done) => b.close(done));
});

async function start(opts: Parameters<typeof startService>[0]): Promise<RunningService> {
  const s = await startService(opts);
  running.push(s);
  return s;
}

/** A port held by something else. */
async function takenPort(): Promise<number> {
  const b = createNetServer();
  blockers.push(b);
  await new Promise<void>((done) => b.listen(0, '127.0.0.1', done));
  return (b.address() as { port: number }).port;
}

describe('startService', () => {
  it('refuses a port in use, or takes a free one when asked to (the app’s own service)', async () => {
    const port = await takenPort();
    await expect(startService({ dataDir: null, port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    const s = await start({ dataDir: null, port, fallbackToFreePort: true });
    expect(new URL(s.url).port).not.toBe(String(port));
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  const lan = lanAddresses();
  it.skipIf(lan.length === 0)('keeps the control API to this computer while it is open to the local network', async () => {
    const s = await start({ dataDir: null, control: true, lan: true });
    const status = s.status();
    expect(status.lan.enabled).toBe(true);
    const [lanUrl] = status.lan.urls;
    const reset = (base: string) => fetch(`${base}${CONTROL.reset}`, { method: 'POST', headers: { ...CONTROL_HEADERS, 'content-type': 'application/json' }, body: '{}' });
    expect((await reset(lanUrl!)).status).toBe(404);
    expect((await reset(s.url)).status).toBe(200);
    // The account page and the API answer on the network.
    expect((await fetch(`${lanUrl}/account/login`)).status).toBe(200);
    expect((await fetch(`${lanUrl}/healthz`)).status).toBe(200);
  });

  it.skipIf(lan.length === 0)('settles quick on-off-on changes in order, and says why when the port is taken on the network', async () => {
    const s = await start({ dataDir: null });
    const results = await Promise.all([s.setLan(true), s.setLan(false), s.setLan(true)]);
    expect(results.map((r) => r.lan.enabled)).toEqual([true, false, true]);
    expect(s.status().lan.urls).toHaveLength(lan.length);
    await s.setLan(false);

    // Something else holds the same port on the network address.
    const port = Number(new URL(s.url).port);
    const b = createNetServer();
    blockers.push(b);
    await new Promise<void>((done) => b.listen(port, lan[0], done));
    const blocked = await s.setLan(true);
    if (lan.length === 1) {
      expect(blocked.lan).toMatchObject({ enabled: true, urls: [] });
      expect(blocked.lan.problem).toBe(`Could not open the service to the network (port ${port} is in use on ${lan[0]}).`);
    }
  });

  it('refuses to open a service that already listens on a network address a second time', async () => {
    const s = await start({ dataDir: null, host: '0.0.0.0' });
    const r = await s.setLan(true);
    expect(r.lan).toEqual({ enabled: true, urls: [], problem: 'The service already listens on 0.0.0.0.' });
  });
});
