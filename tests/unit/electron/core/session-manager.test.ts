import { describe, expect, it, vi } from 'vitest';
import { API, CONTROL_HEADERS } from '../../../../shared/api';
import { createServer, type CouchsideServer } from '../../../../server/app';
import { DEMO, makeDevice, type Device, useTestService } from './helpers';

let server: CouchsideServer;
let url: string;
const devices: Device[] = [];
const device = (opts?: Parameters<typeof makeDevice>[1]) => {
  const d = makeDevice(url, opts);
  devices.push(d);
  return d;
};

useTestService((s, u) => {
  server = s;
  url = u;
}, devices);

async function revokeAll(email = DEMO.email): Promise<void> {
  const res = await fetch(`${url}/control/revoke-all`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...CONTROL_HEADERS },
    body: JSON.stringify({ email }),
  });
  expect(res.ok).toBe(true);
}

describe('SessionManager', () => {
  it('starts signed out with no notice when nothing is stored', async () => {
    const d = device();
    await d.session.restore();
    expect(d.session.getState()).toEqual({ status: 'signed-out', notice: null });
  });

  it('signs in, keeps the session in the store, and never puts the token in the state', async () => {
    const d = device();
    await d.session.restore();
    const r = await d.session.signIn(DEMO.email, DEMO.password);
    expect(r).toMatchObject({ ok: true, value: { email: DEMO.email } });
    expect(d.session.getState()).toMatchObject({ status: 'signed-in', account: { email: DEMO.email } });
    const stored = JSON.parse(d.kv.get('session')!.tokens) as { accessToken: string; refreshToken: string };
    expect(stored.accessToken).toMatch(/.{20,}/);
    expect(JSON.stringify(d.states)).not.toContain(stored.accessToken);
    expect(JSON.stringify(d.states)).not.toContain(stored.refreshToken);
    const profiles = await d.session.listProfiles();
    expect(profiles.ok && profiles.value.map((p) => p.name)).toEqual(expect.arrayContaining(['Alex', 'Kids']));
  });

  it('reports a wrong password and an unknown email with their own messages', async () => {
    const d = device();
    await d.session.restore();
    const wrong = await d.session.signIn(DEMO.email, 'nope-nope');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
    const unknown = await d.session.signIn('nobody@couchside.test', 'whatever');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_email' } });
    expect(d.session.getState().status).toBe('signed-out');
    expect(d.kv.get('session')).toBeUndefined();
  });

  it('says the server is unreachable when it is down', async () => {
    await server.close();
    const d = device();
    await d.session.restore();
    const r = await d.session.signIn(DEMO.email, DEMO.password);
    expect(r).toMatchObject({ ok: false, error: { code: 'server_unreachable' } });
    server = await createServer({ dbPath: ':memory:' });
  });

  it('restores a stored session only after the server confirms it', async () => {
    const first = device();
    await first.session.restore();
    await first.session.signIn(DEMO.email, DEMO.password);
    first.session.dispose();

    const again = device({ dir: first.dir });
    const restoring = again.session.restore();
    expect(again.session.getState().status).toBe('restoring');
    await restoring;
    expect(again.session.getState()).toMatchObject({ status: 'signed-in', account: { email: DEMO.email } });
    // It starts in 'restoring' and the only state it ever announces is the confirmed one.
    expect(again.states.map((s) => s.status)).toEqual(['signed-in']);
  });

  it('clears every device on the pushed "revoked" event, once each, and wipes their stores', async () => {
    const tv = device();
    const laptop = device();
    for (const d of [tv, laptop]) {
      await d.session.restore();
      await d.session.signIn(DEMO.email, DEMO.password);
      d.states.length = 0;
    }
    await vi.waitFor(async () => {
      const res = await fetch(`${url}/control/streams`, { headers: CONTROL_HEADERS });
      expect(((await res.json()) as { streams: unknown[] }).streams).toHaveLength(2);
    });

    await revokeAll();

    for (const d of [tv, laptop]) {
      await vi.waitFor(() => expect(d.session.getState().status).toBe('signed-out'));
      expect(d.session.getState()).toMatchObject({ notice: { reason: 'all-devices', message: 'You were signed out of all devices.' } });
      expect(d.kv.get('session')).toBeUndefined();
      expect(d.session.clearCount).toBe(1);
      expect(d.states.filter((s) => s.status === 'signed-out')).toHaveLength(1);
    }
  });

  it('clears on a 401 from any call when the push never arrived', async () => {
    const d = device({ stream: false });
    await d.session.restore();
    await d.session.signIn(DEMO.email, DEMO.password);
    await revokeAll();
    expect(d.session.getState().status).toBe('signed-in');

    const r = await d.session.getHome('any');
    expect(r).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(d.session.getState()).toMatchObject({ status: 'signed-out', notice: { reason: 'all-devices' } });
    expect(d.kv.get('session')).toBeUndefined();
  });

  it('a device that was off during the revocation learns it before showing anything', async () => {
    const d = device();
    await d.session.restore();
    await d.session.signIn(DEMO.email, DEMO.password);
    d.session.dispose();
    await revokeAll();

    const back = device({ dir: d.dir });
    await back.session.restore();
    expect(back.states.map((s) => s.status)).toEqual(['signed-out']);
    expect(back.session.getState()).toMatchObject({ notice: { reason: 'all-devices' } });
    expect(back.kv.get('session')).toBeUndefined();
  });

  it('never signs out because the network is down: it keeps the session and retries', async () => {
    const d = device();
    await d.session.restore();
    await d.session.signIn(DEMO.email, DEMO.password);
    d.session.dispose();
    await server.close();

    const back = device({ dir: d.dir });
    await back.session.restore();
    expect(back.session.getState()).toMatchObject({ status: 'restoring', offline: true });
    expect(back.kv.get('session')).toBeDefined();
    server = await createServer({ dbPath: ':memory:' });
  });

  it('marks itself offline (not signed out) when the stream drops, and back online when it returns', async () => {
    const { port } = new URL(url);
    const dbDir = (await import('./helpers')).tempDir();
    await server.close();
    server = await createServer({ dbPath: `${dbDir}/couchside.db` });
    url = await server.listen(Number(port), '127.0.0.1');
    const d = device();
    await d.session.restore();
    await d.session.signIn(DEMO.email, DEMO.password);
    await vi.waitFor(() => expect(server.openStreams()).toBe(1));

    await server.close();
    await vi.waitFor(() => expect(d.session.getState()).toMatchObject({ status: 'signed-in', offline: true }));
    expect(d.kv.get('session')).toBeDefined();

    server = await createServer({ dbPath: `${dbDir}/couchside.db` });
    url = await server.listen(Number(port), '127.0.0.1');
    await vi.waitFor(() => expect(d.session.getState()).toMatchObject({ status: 'signed-in', offline: false }), { timeout: 5000 });
  });

  it('"Sign out" clears this device only; "Sign out of all devices" clears the others too', async () => {
    const tv = device();
    const other = device();
    for (const d of [tv, other]) {
      await d.session.restore();
      await d.session.signIn(DEMO.email, DEMO.password);
    }
    await tv.session.signOut();
    expect(tv.session.getState()).toMatchObject({ status: 'signed-out', notice: { reason: 'user' } });
    expect(tv.kv.get('session')).toBeUndefined();
    expect(other.session.getState().status).toBe('signed-in');
    expect((await other.session.listProfiles()).ok).toBe(true);

    // The service asks for the account password; nothing changes without it.
    expect(await other.session.signOutAllDevices()).toMatchObject({ ok: false, error: { code: 'password_required' } });
    expect(other.session.getState().status).toBe('signed-in');
    const r = await other.session.signOutAllDevices(DEMO.password);
    expect(r.ok).toBe(true);
    expect(other.session.getState()).toMatchObject({ status: 'signed-out', notice: { reason: 'all-devices' } });
  });

  it('refuses authenticated calls while signed out without touching the network', async () => {
    const d = device();
    await d.session.restore();
    expect(await d.session.listProfiles()).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(API.profiles).toBe('/v1/profiles');
  });
});
