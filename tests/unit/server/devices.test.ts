import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API, STREAM_CLOSE, type DeviceSummary, type ProfilesResponse } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { createAccount } from '../../../server/seed';
import { bearer, jsonBody, memoryServer, openStream, signIn, waitFor, webSession } from './helpers';

const OTHER = { email: 'neighbour@couchside.test', password: 'neighbour-pass' };
const TV = { name: 'Living room TV', platform: 'linux', appVersion: '0.2.0' };
const LAPTOP = { name: 'Laptop', platform: 'darwin', appVersion: '0.2.1' };

let server: CouchsideServer;
let baseUrl: string;
beforeEach(async () => {
  server = await memoryServer();
  baseUrl = await server.listen(0);
});

/** The neighbouring household, made only by the tests that need it (each account costs a scrypt hash). */
const withOther = () => createAccount(server.db, OTHER);
afterEach(() => server.close());

const devices = async (token: string, remoteAddress?: string): Promise<DeviceSummary[]> => {
  const res = await server.app.inject({ method: 'GET', url: API.devices, headers: bearer(token), remoteAddress });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { devices: DeviceSummary[] }).devices;
};
const rename = (token: string, id: string, name: unknown) =>
  server.app.inject({ method: 'PATCH', url: API.device(id), ...jsonBody({ name }, bearer(token)) });
const remove = (token: string, id: string) => server.app.inject({ method: 'DELETE', url: API.device(id), headers: bearer(token) });
const selectProfile = (token: string, profileId: unknown) =>
  server.app.inject({ method: 'POST', url: API.currentProfile, ...jsonBody({ profileId }, bearer(token)) });
const session = (token: string) => server.app.inject({ method: 'GET', url: API.session, headers: bearer(token) });

describe('GET devices', () => {
  it('lists every live device of the account with its details, newest activity first, this one current', async () => {
    await withOther();
    const tv = await signIn(server, undefined, undefined, TV, '203.0.113.7');
    const laptop = await signIn(server, undefined, undefined, LAPTOP, '192.168.1.5');
    await webSession(server); // a browser on this computer
    await signIn(server, OTHER.email, OTHER.password); // another account: never listed
    const gone = await signIn(server);
    await server.app.inject({ method: 'POST', url: API.signOut, headers: bearer(gone.accessToken) }); // signed out: not listed

    const list = await devices(laptop.accessToken, '192.168.1.5');
    expect(list.map((d) => d.name)).toEqual(['Laptop', 'Web browser', 'Living room TV']);
    expect(list[0]).toEqual({
      id: laptop.deviceId,
      name: 'Laptop',
      platform: 'darwin',
      appVersion: '0.2.1',
      kind: 'device',
      lastProfile: null,
      lastActiveAt: expect.any(String),
      location: 'Home network',
      current: true,
    });
    expect(list[1]).toMatchObject({ kind: 'web', platform: 'web', location: 'This computer', current: false });
    expect(list[2]).toMatchObject({ id: tv.deviceId, location: 'Internet (203.0.113.x)', current: false });
    expect(list.filter((d) => d.current)).toHaveLength(1);

    // Activity moves a device up (past the browser), and updates its location. Listing is activity
    // too, so the caller stays first.
    await server.app.inject({ method: 'GET', url: API.session, headers: bearer(tv.accessToken), remoteAddress: '198.51.100.20' });
    const after = await devices(laptop.accessToken, '192.168.1.5');
    expect(after.map((d) => d.name)).toEqual(['Laptop', 'Living room TV', 'Web browser']);
    expect(after[1]).toMatchObject({ id: tv.deviceId, location: 'Internet (198.51.100.x)', current: false });
  });

  it('shows the profile last reported by each device', async () => {
    const tv = await signIn(server, undefined, undefined, TV);
    const profiles = ((await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(tv.accessToken) })).json() as ProfilesResponse).profiles;
    const res = await selectProfile(tv.accessToken, profiles[1]!.id);
    expect(res.statusCode).toBe(204);
    expect((await devices(tv.accessToken))[0]).toMatchObject({ lastProfile: 'Sam' });
    await selectProfile(tv.accessToken, profiles[3]!.id);
    expect((await devices(tv.accessToken))[0]).toMatchObject({ lastProfile: 'Kids' });
  });

  it('current profile: 404 for another account\'s or an unknown profile, 400 for a bad body', async () => {
    await withOther();
    const tv = await signIn(server);
    const other = await signIn(server, OTHER.email, OTHER.password);
    const theirs = ((await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(other.accessToken) })).json() as ProfilesResponse)
      .profiles[0]!;
    for (const id of [theirs.id, 'nope']) {
      const res = await selectProfile(tv.accessToken, id);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    for (const bad of ['', 42, null]) {
      const res = await selectProfile(tv.accessToken, bad);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
    expect((await server.app.inject({ method: 'POST', url: API.currentProfile, ...jsonBody({ profileId: 'x' }) })).statusCode).toBe(401);
  });

  it('needs a live access token', async () => {
    const a = await signIn(server);
    await server.app.inject({ method: 'POST', url: API.signOut, headers: bearer(a.accessToken) });
    const res = await server.app.inject({ method: 'GET', url: API.devices, headers: bearer(a.accessToken) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'session_revoked', reason: 'user' });
  });
});

describe('devices that have gone quiet', () => {
  it('a browser not used for a week (or a TV for 90 days) ages out of the list; the active ones stay', async () => {
    const tv = await signIn(server, undefined, undefined, TV);
    const oldTv = await signIn(server, undefined, undefined, { ...TV, name: 'Attic TV' });
    await webSession(server);
    await webSession(server);
    const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000).toISOString();
    const webIds = (server.db.prepare("SELECT id FROM sessions WHERE kind = 'web' ORDER BY rowid").all() as { id: string }[]).map((r) => r.id);
    server.db.prepare('UPDATE sessions SET last_used_at = ? WHERE id = ?').run(daysAgo(8), webIds[0]);
    server.db.prepare('UPDATE sessions SET last_used_at = ? WHERE id = ?').run(daysAgo(6), webIds[1]);
    server.db.prepare('UPDATE sessions SET last_used_at = ? WHERE device_id = ?').run(daysAgo(91), oldTv.deviceId);
    expect((await devices(tv.accessToken)).map((d) => d.name).sort()).toEqual(['Living room TV', 'Web browser 2']);
  });

  it('a device signing in under a name another live device has gets a number after it', async () => {
    const a = await signIn(server, undefined, undefined, TV);
    const b = await signIn(server, undefined, undefined, { ...TV, name: 'living room tv' });
    const c = await signIn(server, undefined, undefined, TV);
    const list = await devices(a.accessToken);
    expect(list.find((d) => d.id === b.deviceId)?.name).toBe('living room tv 2');
    expect(list.find((d) => d.id === c.deviceId)?.name).toBe('Living room TV 3');
    // A 40-character name keeps its number inside the limit.
    const long = 'x'.repeat(40);
    await signIn(server, undefined, undefined, { ...TV, name: long });
    const d = await signIn(server, undefined, undefined, { ...TV, name: long });
    expect((await devices(d.accessToken)).find((x) => x.current)?.name).toBe(`${'x'.repeat(38)} 2`);
  });
});

describe('PATCH device (rename)', () => {
  it('renames (trimmed) and tells the account\'s other streams, not the caller\'s', async () => {
    const tv = await signIn(server, undefined, undefined, TV);
    const laptop = await signIn(server, undefined, undefined, LAPTOP);
    const tvStream = await openStream(baseUrl, tv.accessToken);
    const laptopStream = await openStream(baseUrl, laptop.accessToken);

    const res = await rename(laptop.accessToken, tv.deviceId, '  Bedroom TV  ');
    expect(res.statusCode).toBe(204);
    expect((await devices(laptop.accessToken)).find((d) => d.id === tv.deviceId)!.name).toBe('Bedroom TV');
    expect(await tvStream.next('devices-changed')).toEqual({ type: 'devices-changed' });
    // Renaming itself is allowed too.
    expect((await rename(laptop.accessToken, laptop.deviceId, 'My laptop')).statusCode).toBe(204);
    await new Promise((r) => setTimeout(r, 50));
    expect(laptopStream.messages.filter((m) => m.type === 'devices-changed')).toHaveLength(0);
    tvStream.ws.close();
    laptopStream.ws.close();
  });

  it.each([
    ['empty', '', 'Enter a name for the device.'],
    ['blank', '    ', 'Enter a name for the device.'],
    ['41 characters', 'x'.repeat(41), 'Device names can be at most 40 characters (this one has 41).'],
    ['a number', 42, 'Device name has the wrong type.'],
    ['null', null, 'Device name has the wrong type.'],
  ])('400 invalid_request for a name that is %s', async (_what, name, message) => {
    const tv = await signIn(server);
    const res = await rename(tv.accessToken, tv.deviceId, name);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'invalid_request', message, field: 'name' });
  });

  it('accepts exactly 40 characters', async () => {
    const tv = await signIn(server);
    expect((await rename(tv.accessToken, tv.deviceId, 'x'.repeat(40))).statusCode).toBe(204);
  });

  it("404 for another account's device, an unknown id or a signed-out device", async () => {
    await withOther();
    const tv = await signIn(server);
    const theirs = await signIn(server, OTHER.email, OTHER.password);
    const gone = await signIn(server);
    await server.app.inject({ method: 'POST', url: API.signOut, headers: bearer(gone.accessToken) });
    for (const id of [theirs.deviceId, 'nope', gone.deviceId, 'x'.repeat(100)]) {
      const res = await rename(tv.accessToken, id, 'Mine now');
      expect(res.statusCode, id).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    // An id longer than the router allows is a 400 (malformed URL), still JSON.
    const long = await rename(tv.accessToken, 'x'.repeat(500), 'Mine now');
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('invalid_request');
    const list = await devices(theirs.accessToken);
    expect(list[0]!.name).toBe('Living room PC');
  });
});

describe('bad input with a live token', () => {
  it.each([
    ['PATCH', 'text/plain', 'name', 415],
    ['PATCH', 'application/json', '[]', 400],
    ['PATCH', 'application/json', '{"name":{"x":1}}', 400],
    ['PATCH', 'application/json', '', 400],
    ['POST', 'application/json', '{"profileId":["a"]}', 400],
    ['POST', 'application/json', '{"profileId":"' + 'p'.repeat(200) + '"}', 400],
  ] as const)('%s %s %s -> %i', async (method, type, payload, status) => {
    const tv = await signIn(server);
    const url = method === 'PATCH' ? API.device(tv.deviceId) : API.currentProfile;
    const res = await server.app.inject({ method, url, headers: { ...bearer(tv.accessToken), 'content-type': type }, payload });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe('invalid_request');
  });
});

describe('DELETE device (remote sign-out)', () => {
  it('signs out only that device: its stream gets revoked/device-removed, others stay live and hear devices-changed', async () => {
    const tv = await signIn(server, undefined, undefined, TV);
    const laptop = await signIn(server, undefined, undefined, LAPTOP);
    const phone = await signIn(server);
    const tvStream = await openStream(baseUrl, tv.accessToken);
    const laptopStream = await openStream(baseUrl, laptop.accessToken);
    const phoneStream = await openStream(baseUrl, phone.accessToken);

    const res = await remove(laptop.accessToken, tv.deviceId);
    expect(res.statusCode).toBe(204);

    expect(await tvStream.next('revoked')).toEqual({ type: 'revoked', reason: 'device-removed' });
    expect((await tvStream.closed).code).toBe(STREAM_CLOSE.revoked);
    const api = await session(tv.accessToken);
    expect(api.statusCode).toBe(401);
    expect(api.json().error).toEqual({
      code: 'session_revoked',
      message: 'This device was signed out from another device.',
      reason: 'device-removed',
    });
    const viaRefresh = await server.app.inject({ method: 'POST', url: API.refresh, ...jsonBody({ refreshToken: tv.refreshToken }) });
    expect(viaRefresh.json().error.reason).toBe('device-removed');

    expect((await session(laptop.accessToken)).statusCode).toBe(200);
    expect((await session(phone.accessToken)).statusCode).toBe(200);
    expect(await laptopStream.next('devices-changed')).toEqual({ type: 'devices-changed' });
    expect(await phoneStream.next('devices-changed')).toEqual({ type: 'devices-changed' });
    expect(laptopStream.ws.readyState).toBe(laptopStream.ws.OPEN);
    expect((await devices(laptop.accessToken)).map((d) => d.id)).not.toContain(tv.deviceId);

    expect((await remove(laptop.accessToken, tv.deviceId)).statusCode).toBe(404);
    laptopStream.ws.close();
    phoneStream.ws.close();
  });

  it("404 for another account's device and unknown ids; the other account is untouched", async () => {
    await withOther();
    const tv = await signIn(server);
    const theirs = await signIn(server, OTHER.email, OTHER.password);
    for (const id of [theirs.deviceId, 'nope', '%2F..']) {
      const res = await remove(tv.accessToken, id);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await session(theirs.accessToken)).statusCode).toBe(200);
  });

  it("removing the caller's own device is signing out (reason user)", async () => {
    const tv = await signIn(server);
    expect((await remove(tv.accessToken, tv.deviceId)).statusCode).toBe(204);
    expect((await session(tv.accessToken)).json().error).toMatchObject({ code: 'session_revoked', reason: 'user' });
  });

  it('a sign-in elsewhere tells open streams that the devices list changed', async () => {
    const tv = await signIn(server);
    const stream = await openStream(baseUrl, tv.accessToken);
    await signIn(server, undefined, undefined, LAPTOP);
    expect(await stream.next('devices-changed')).toEqual({ type: 'devices-changed' });
    stream.ws.close();
    await waitFor(() => server.openStreams() === 0);
  });
});
