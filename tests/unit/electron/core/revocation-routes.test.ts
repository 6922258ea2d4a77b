/**
 * Every route by which a device can learn that its session ended — push, 401 on a call, a failed
 * refresh, a refused reconnect, a check on resume — ends in the same single clear(), with the
 * reason the user reads. And no route signs anyone out because of a network problem alone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API, type TokenSet } from '../../../../shared/api';
import { createServer, type CouchsideServer, type ServerOptions } from '../../../../server/app';
import { ControlClient } from '../../../kit/control-client';
import { cleanupDirs, DEMO, makeDevice, type Device } from './helpers';

let server: CouchsideServer | null = null;
let url = '';
let control: ControlClient;
const devices: Device[] = [];

/** (Re)starts the service with these options. */
async function start(opts: Partial<ServerOptions> = {}): Promise<void> {
  await server?.close();
  server = await createServer({ dbPath: ':memory:', control: true, ...opts });
  url = await server.listen(0, '127.0.0.1');
  control = new ControlClient(url);
}

async function signedIn(opts: Parameters<typeof makeDevice>[1] = {}): Promise<Device> {
  const d = makeDevice(url, opts);
  devices.push(d);
  await d.session.restore();
  const r = await d.session.signIn(DEMO.email, DEMO.password);
  expect(r.ok).toBe(true);
  return d;
}

const storedTokens = (d: Device): TokenSet => JSON.parse(d.kv.get('session')!.tokens) as TokenSet;
const streams = async () => (await control.streams()).length;

afterEach(async () => {
  for (const d of devices.splice(0)) d.session.dispose();
  await server?.close();
  server = null;
  cleanupDirs();
});

describe('access and refresh tokens', () => {
  it('refreshes an expired access token before a call, and keeps the rotated pair', async () => {
    await start({ accessTtlMs: 200 });
    const d = await signedIn({ refreshMarginMs: 0 });
    const before = storedTokens(d);
    await new Promise((r) => setTimeout(r, 300));

    const r = await d.session.listProfiles();
    expect(r.ok).toBe(true);
    const after = storedTokens(d);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(d.session.getState().status).toBe('signed-in');
  });

  it('signs out with "session expired" when an old refresh token is replayed (reuse detection)', async () => {
    await start({ accessTtlMs: 200 });
    const d = await signedIn({ refreshMarginMs: 0 });
    const stolen = storedTokens(d).refreshToken;
    await new Promise((r) => setTimeout(r, 300));
    expect((await d.session.listProfiles()).ok).toBe(true); // rotates: `stolen` is now used

    const replay = await fetch(url + API.refresh, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: stolen }),
    });
    expect(replay.status).toBe(401);

    await vi.waitFor(() => expect(d.session.getState()).toMatchObject({ status: 'signed-out', notice: { reason: 'expired', message: 'Your session expired. Please sign in again.' } }));
    expect(d.kv.get('session')).toBeUndefined();
    expect(d.session.clearCount).toBe(1);
  });

  it('reconnects its stream after the access token expired, by refreshing (not signing out)', async () => {
    await start({ accessTtlMs: 300 });
    const d = await signedIn({ refreshMarginMs: 0 });
    await vi.waitFor(async () => expect(await streams()).toBe(1));
    await control.outage('down', { forMs: 60_000 });
    await vi.waitFor(() => expect(d.session.getState()).toMatchObject({ status: 'signed-in', offline: true }));
    await new Promise((r) => setTimeout(r, 400));
    await control.outage('normal');
    await vi.waitFor(() => expect(d.session.getState()).toMatchObject({ status: 'signed-in', offline: false }), { timeout: 5000 });
    expect(d.kv.get('session')).toBeDefined();
  });
});

describe("revocation routes", () => {
  beforeEach(() => start());
  it('"this device was signed out from another device": remote single-device sign-out', async () => {
    const livingRoom = await signedIn();
    const bedroom = await signedIn();
    await vi.waitFor(async () => expect(await streams()).toBe(2));
    const seen = vi.fn();
    livingRoom.session.onDevicesChanged(seen);

    const list = await livingRoom.session.listDevices();
    expect(list.ok).toBe(true);
    const devicesList = list.ok ? list.value : [];
    const other = devicesList.find((x) => !x.current && x.kind === 'device');
    expect(other).toBeDefined();
    expect(devicesList.filter((x) => x.current)).toHaveLength(1);

    expect(await livingRoom.session.signOutDevice(other!.id)).toEqual({ ok: true, value: null });
    await vi.waitFor(() =>
      expect(bedroom.session.getState()).toMatchObject({ status: 'signed-out', notice: { reason: 'device-removed', message: 'This device was signed out from another device.' } }),
    );
    expect(bedroom.kv.get('session')).toBeUndefined();
    expect(livingRoom.session.getState().status).toBe('signed-in');
    await vi.waitFor(() => expect(seen).toHaveBeenCalled());
  });

  it('renames a device, and other devices hear that the list changed', async () => {
    const a = await signedIn();
    const b = await signedIn();
    await vi.waitFor(async () => expect(await streams()).toBe(2));
    const seen = vi.fn();
    a.session.onDevicesChanged(seen);
    const mine = (await b.session.listDevices()) as { ok: true; value: Array<{ id: string; current: boolean }> };
    const me = mine.value.find((x) => x.current)!;
    expect(await b.session.renameDevice(me.id, 'Bedroom TV')).toEqual({ ok: true, value: null });
    await vi.waitFor(() => expect(seen).toHaveBeenCalled());
    const list = (await a.session.listDevices()) as { ok: true; value: Array<{ id: string; name: string }> };
    expect(list.value.find((x) => x.id === me.id)?.name).toBe('Bedroom TV');
  });

  it("a profile's progress saved or removed on one TV reaches the other TVs as library-changed", async () => {
    const a = await signedIn();
    const b = await signedIn();
    await vi.waitFor(async () => expect(await streams()).toBe(2));
    const seenA = vi.fn();
    const seenB = vi.fn();
    a.session.onLibraryChanged(seenA);
    b.session.onLibraryChanged(seenB);
    const profiles = await b.session.listProfiles();
    const alex = profiles.ok ? profiles.value[0]! : null;
    const home = await b.session.getHome(alex!.id);
    const titleId = home.ok ? home.value.rows[0]!.items[0]!.id : '';
    expect((await b.session.saveProgress(alex!.id, titleId, 600)).ok).toBe(true);
    await vi.waitFor(() => expect(seenA).toHaveBeenCalledWith(alex!.id));
    expect((await b.session.removeFromContinueWatching(alex!.id, titleId)).ok).toBe(true);
    await vi.waitFor(() => expect(seenA).toHaveBeenCalledTimes(2));
    // The TV that made the change is not told of it.
    expect(seenB).not.toHaveBeenCalled();
  });

  it('a check on resume finds a revocation that no push delivered', async () => {
    await start();
    const d = await signedIn({ stream: false });
    await control.revokeAll(DEMO.email);
    expect(d.session.getState().status).toBe('signed-in');
    await d.session.verify();
    expect(d.session.getState()).toMatchObject({ status: 'signed-out', notice: { reason: 'all-devices' } });
  });

  it('a window regaining focus after a long idle re-checks the session; a quick refocus does not', async () => {
    let clock = Date.now();
    const d = await signedIn({ stream: false, now: () => clock, staleAfterMs: 5 * 60_000 });
    await control.revokeAll(DEMO.email);

    clock += 60_000;
    await d.session.checkIfStale();
    expect(d.session.getState().status).toBe('signed-in');

    clock += 5 * 60_000;
    await d.session.checkIfStale();
    expect(d.session.getState()).toMatchObject({ status: 'signed-out', notice: { reason: 'all-devices' } });
  });

  it('an outage never signs anyone out: offline banner, store kept, back online after', async () => {
    await start();
    const d = await signedIn();
    await vi.waitFor(async () => expect(await streams()).toBe(1));
    await control.outage('down', { forMs: 60_000 });
    await vi.waitFor(() => expect(d.session.getState()).toMatchObject({ status: 'signed-in', offline: true }));
    const r = await d.session.listProfiles();
    expect(r).toMatchObject({ ok: false, error: { code: 'server_unreachable' } });
    expect(d.session.getState().status).toBe('signed-in');
    expect(d.kv.get('session')).toBeDefined();

    await control.outage('normal');
    await vi.waitFor(() => expect(d.session.getState()).toMatchObject({ status: 'signed-in', offline: false }), { timeout: 5000 });
    expect((await d.session.listProfiles()).ok).toBe(true);
  });

  it('with a push delay, a call is still refused at once and clears the session', async () => {
    await start({ pushDelayMs: 60_000 });
    const d = await signedIn();
    await vi.waitFor(async () => expect(await streams()).toBe(1));
    await control.revokeAll(DEMO.email);
    expect(d.session.getState().status).toBe('signed-in'); // the push is held back
    await d.session.listProfiles();
    expect(d.session.getState()).toMatchObject({ status: 'signed-out', notice: { reason: 'all-devices' } });
  });
});
