import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { API, CONTROL, STREAM_CLOSE, CONTROL_HEADERS } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { ControlClient } from '../../kit/control-client';
import { bearer, DEMO_ACCOUNT, memoryServer, openStream, signIn, CONTROL_JSON } from './helpers';

let server: CouchsideServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const json = (payload: unknown) => ({ headers: { 'content-type': 'application/json', ...CONTROL_HEADERS }, payload: JSON.stringify(payload) });

describe('control API', () => {
  it('is 404 (JSON) on every path when disabled', async () => {
    server = await memoryServer();
    for (const [method, url] of [
      ['POST', CONTROL.reset],
      ['POST', CONTROL.revokeAll],
      ['GET', CONTROL.streams],
      ['POST', CONTROL.accounts],
      ['POST', CONTROL.revokeDevice],
      ['POST', CONTROL.outage],
      ['POST', CONTROL.seed],
    ] as const) {
      const res = await server.app.inject({ method, url, ...json({ email: DEMO_ACCOUNT.email }) });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
  });

  it('lists open streams and revokes all sessions of an account by email', async () => {
    server = await memoryServer({ control: true });
    const baseUrl = await server.listen(0);
    const a = await signIn(server);
    const s = await openStream(baseUrl, a.accessToken);

    const list = await server.app.inject({ method: 'GET', url: CONTROL.streams, headers: CONTROL_HEADERS });
    expect(list.json()).toEqual({
      streams: [
        {
          accountEmail: DEMO_ACCOUNT.email,
          deviceId: a.deviceId,
          sessionId: expect.any(String),
          connectedAt: expect.any(String),
          deviceName: 'Living room PC',
          lastProfile: null,
        },
      ],
    });

    const res = await server.app.inject({ method: 'POST', url: CONTROL.revokeAll, ...json({ email: 'DEMO@couchside.test' }) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ revoked: 1, streamsClosed: 1 });
    expect(await s.next('revoked')).toEqual({ type: 'revoked', reason: 'all-devices' });
    expect((await s.closed).code).toBe(STREAM_CLOSE.revoked);
    const session = await server.app.inject({ method: 'GET', url: API.session, headers: bearer(a.accessToken) });
    expect(session.json().error.reason).toBe('all-devices');
    expect((await server.app.inject({ method: 'GET', url: CONTROL.streams, headers: CONTROL_HEADERS })).json()).toEqual({ streams: [] });
  });

  it('revoke-all: 404 for an unknown email, 400 for a bad body', async () => {
    server = await memoryServer({ control: true });
    const unknown = await server.app.inject({ method: 'POST', url: CONTROL.revokeAll, ...json({ email: 'who@couchside.test' }) });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    const bad = await server.app.inject({ method: 'POST', url: CONTROL.revokeAll, ...json({}) });
    expect(bad.statusCode).toBe(400);
  });

  it('creates accounts with default profiles, 409 when the email exists', async () => {
    server = await memoryServer({ control: true });
    const res = await server.app.inject({
      method: 'POST',
      url: CONTROL.accounts,
      ...json({ email: 'Pat@Couchside.test', password: 'pat-password', plan: 'Basic' }),
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.account).toEqual({ email: 'pat@couchside.test', plan: 'Basic', memberSince: expect.any(String) });
    expect(body.profiles.map((p: { name: string; maturity: string; kids: boolean }) => [p.name, p.maturity, p.kids])).toEqual([
      ['Pat', 'all', false],
      ['Kids', 'kids', true],
    ]);
    await signIn(server, 'pat@couchside.test', 'pat-password');

    const again = await server.app.inject({ method: 'POST', url: CONTROL.accounts, ...json({ email: 'pat@couchside.test', password: 'x' }) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });

  it('creates accounts whose profiles have maturity ratings; an unknown one is a 400 naming the field', async () => {
    server = await memoryServer({ control: true });
    const profiles = [{ name: 'Lee', maturity: 'teens' }, { name: 'Mo', maturity: 'older-kids' }, { name: 'Tot', kids: true }, { name: 'Max' }];
    const res = await server.app.inject({ method: 'POST', url: CONTROL.accounts, ...json({ email: 'lee@couchside.test', password: 'lee-password', profiles }) });
    expect(res.statusCode).toBe(201);
    expect(res.json().profiles.map((p: { maturity: string }) => p.maturity)).toEqual(['teens', 'older-kids', 'kids', 'all']);
    const bad = await server.app.inject({
      method: 'POST',
      url: CONTROL.accounts,
      ...json({ email: 'bad@couchside.test', password: 'bad-password', profiles: [{ name: 'X', maturity: 'grown-up' }] }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_request', field: 'maturity' });
  });

  it('reset wipes everything, reseeds the demo, and ends open streams with revoked/expired', async () => {
    server = await memoryServer({ control: true });
    const baseUrl = await server.listen(0);
    await server.app.inject({ method: 'POST', url: CONTROL.accounts, ...json({ email: 'pat@couchside.test', password: 'pat-password' }) });
    const a = await signIn(server);
    const s = await openStream(baseUrl, a.accessToken);

    const res = await server.app.inject({ method: 'POST', url: CONTROL.reset, headers: CONTROL_JSON });
    expect(res.statusCode).toBe(200);
    expect(await s.next('revoked')).toEqual({ type: 'revoked', reason: 'expired' });
    expect((await s.closed).code).toBe(STREAM_CLOSE.revoked);
    expect(server.openStreams()).toBe(0);

    expect((await server.app.inject({ method: 'GET', url: API.session, headers: bearer(a.accessToken) })).statusCode).toBe(401);
    const pat = await server.app.inject({
      method: 'POST',
      url: API.signIn,
      ...json({ email: 'pat@couchside.test', password: 'pat-password', device: { name: 'x', platform: 'x', appVersion: '1' } }),
    });
    expect(pat.json().error.code).toBe('unknown_email');
    await signIn(server); // the demo account is back
  });

  it('seed creates the missing accounts and leaves existing ones untouched', async () => {
    server = await memoryServer({ control: true });
    const res = await server.app.inject({
      method: 'POST',
      url: CONTROL.seed,
      ...json({
        accounts: [
          { email: DEMO_ACCOUNT.email, password: 'would-change-it' },
          { email: 'Riley@Couchside.test', password: 'riley-password', plan: 'Basic', profiles: [{ name: 'Riley', avatar: 'cat' }] },
          { email: 'sky@couchside.test', password: 'sky-password' },
        ],
      }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: ['riley@couchside.test', 'sky@couchside.test'], existing: [DEMO_ACCOUNT.email] });
    await signIn(server); // the demo password did not change
    const riley = await signIn(server, 'riley@couchside.test', 'riley-password');
    expect(riley.account.plan).toBe('Basic');
    const profiles = await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(riley.accessToken) });
    expect(profiles.json().profiles.map((p: { name: string }) => p.name)).toEqual(['Riley']);

    const again = await server.app.inject({ method: 'POST', url: CONTROL.seed, ...json({ accounts: [{ email: 'sky@couchside.test', password: 'x' }] }) });
    expect(again.json()).toEqual({ created: [], existing: ['sky@couchside.test'] });
  });

  it('seed can lock a profile with a PIN from the start', async () => {
    server = await memoryServer({ control: true });
    const res = await server.app.inject({
      method: 'POST',
      url: CONTROL.seed,
      ...json({ accounts: [{ email: 'lee@couchside.test', password: 'lee-password', profiles: [{ name: 'Lee' }, { name: 'Mo', pin: '2580' }] }] }),
    });
    expect(res.statusCode).toBe(200);
    const lee = await signIn(server, 'lee@couchside.test', 'lee-password');
    const profiles = (await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(lee.accessToken) })).json().profiles;
    expect(profiles.map((p: { name: string; locked: boolean }) => [p.name, p.locked])).toEqual([['Lee', false], ['Mo', true]]);
    const mo = profiles[1].id as string;
    const unlock = (pin: string) =>
      server!.app.inject({
        method: 'POST',
        url: API.profileUnlock(mo),
        headers: { ...bearer(lee.accessToken), 'content-type': 'application/json' },
        payload: JSON.stringify({ pin }),
      });
    expect((await unlock('0000')).json().error.code).toBe('wrong_pin');
    expect((await unlock('2580')).statusCode).toBe(204);
  });

  it.each([
    [{}],
    [{ accounts: [] }],
    [{ accounts: [{ email: 'nope', password: 'x' }] }],
    [{ accounts: [{ email: 'a@b.test' }] }],
    [{ accounts: 'x' }],
    [{ accounts: [{ email: 'a@b.test', password: 'x', profiles: [{ name: 'A', pin: '12345' }] }] }],
  ])(
    'seed: 400 invalid_request for %o',
    async (body) => {
      server = await memoryServer({ control: true });
      const res = await server.app.inject({ method: 'POST', url: CONTROL.seed, ...json(body) });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    },
  );

  it('revoke-device by id or by email and name signs out just that device, with device-removed', async () => {
    server = await memoryServer({ control: true });
    const baseUrl = await server.listen(0);
    const tv = await signIn(server, undefined, undefined, { name: 'Living room TV', platform: 'linux', appVersion: '1' });
    const laptop = await signIn(server, undefined, undefined, { name: 'Laptop', platform: 'linux', appVersion: '1' });
    const phone = await signIn(server, undefined, undefined, { name: 'Phone', platform: 'android', appVersion: '1' });
    const tvStream = await openStream(baseUrl, tv.accessToken);

    const byId = await server.app.inject({ method: 'POST', url: CONTROL.revokeDevice, ...json({ deviceId: tv.deviceId }) });
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toEqual({ revoked: 1, deviceIds: [tv.deviceId] });
    expect(await tvStream.next('revoked')).toEqual({ type: 'revoked', reason: 'device-removed' });

    const byName = await server.app.inject({
      method: 'POST',
      url: CONTROL.revokeDevice,
      ...json({ email: 'DEMO@couchside.test', deviceName: 'laptop' }),
    });
    expect(byName.json()).toEqual({ revoked: 1, deviceIds: [laptop.deviceId] });
    const api = await server.app.inject({ method: 'GET', url: API.session, headers: bearer(laptop.accessToken) });
    expect(api.json().error.reason).toBe('device-removed');
    expect((await server.app.inject({ method: 'GET', url: API.session, headers: bearer(phone.accessToken) })).statusCode).toBe(200);

    for (const body of [{ deviceId: tv.deviceId }, { deviceId: 'nope' }, { email: DEMO_ACCOUNT.email, deviceName: 'Toaster' }, { email: 'who@couchside.test', deviceName: 'Phone' }]) {
      const res = await server.app.inject({ method: 'POST', url: CONTROL.revokeDevice, ...json(body) });
      expect(res.statusCode, JSON.stringify(body)).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    for (const body of [{}, { email: DEMO_ACCOUNT.email }, { deviceName: 'Phone' }, { deviceId: 7 }, { deviceId: '' }]) {
      const res = await server.app.inject({ method: 'POST', url: CONTROL.revokeDevice, ...json(body) });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
  });

  it('the kit ControlClient drives seed, streams, revokeDevice and outage', async () => {
    server = await memoryServer({ control: true });
    const baseUrl = await server.listen(0);
    const control = new ControlClient(baseUrl);
    expect(await control.seed([{ email: 'kit@couchside.test', password: 'kit-password' }])).toEqual({ created: ['kit@couchside.test'], existing: [] });
    const kit = await signIn(server, 'kit@couchside.test', 'kit-password', { name: 'Kit TV', platform: 'linux', appVersion: '1' });
    const profiles = await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(kit.accessToken) });
    await server.app.inject({ method: 'POST', url: API.currentProfile, headers: bearer(kit.accessToken), payload: { profileId: profiles.json().profiles[0].id } });
    const s = await openStream(baseUrl, kit.accessToken);
    expect(await control.streams()).toEqual([expect.objectContaining({ accountEmail: 'kit@couchside.test', deviceName: 'Kit TV', lastProfile: 'Kit' })]);
    expect(await control.outage('slow', { delayMs: 10, forMs: 1000 })).toMatchObject({ mode: 'slow', delayMs: 10 });
    expect(await control.outage('normal')).toMatchObject({ mode: 'normal' });
    expect(await control.revokeDevice({ email: 'kit@couchside.test', deviceName: 'Kit TV' })).toBe(1);
    expect(await s.next('revoked')).toEqual({ type: 'revoked', reason: 'device-removed' });
    await expect(control.revokeDevice({ deviceId: kit.deviceId })).rejects.toThrow(/404/);
  });

  it('the kit ControlClient caps a device\'s media network, lists it, and lifts it', async () => {
    server = await memoryServer({ control: true });
    const baseUrl = await server.listen(0);
    const control = new ControlClient(baseUrl);
    const tv = await signIn(server);
    expect(await control.playbackNetwork({ deviceId: tv.deviceId, bandwidthKbps: 300, forMs: 60_000 })).toMatchObject({
      deviceId: tv.deviceId,
      bandwidthKbps: 300,
      latencyMs: 0,
      failSegments: false,
    });
    expect(await control.playbackNetworkState()).toEqual([expect.objectContaining({ deviceId: tv.deviceId, bandwidthKbps: 300 })]);
    expect(await control.playbackNetwork({ deviceId: tv.deviceId })).toMatchObject({ deviceId: tv.deviceId, bandwidthKbps: null, until: null });
    expect(await control.playbackNetworkState()).toEqual([]);
    await expect(control.playbackNetwork({ deviceId: 'nope', failSegments: true })).rejects.toThrow(/404/);
  });

  it('refuses calls a web page could send cross-site: no control header, or not JSON (nothing is wiped)', async () => {
    server = await memoryServer({ control: true });
    // What fetch(url, { method: 'POST', mode: 'no-cors' }) sends: no custom header, a plain body type.
    for (const headers of [{ 'content-type': 'text/plain' }, {}, { ...CONTROL_HEADERS, 'content-type': 'text/plain' }, { 'content-type': 'application/json' }]) {
      const res = await server.app.inject({ method: 'POST', url: CONTROL.reset, headers, payload: '{}' });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect((await server.app.inject({ method: 'GET', url: CONTROL.streams })).statusCode).toBe(403);
    // The demo household is still there.
    expect((await signIn(server)).accessToken).toEqual(expect.any(String));
    // With the header and JSON, the kit's calls work.
    expect((await server.app.inject({ method: 'POST', url: CONTROL.reset, headers: CONTROL_JSON })).statusCode).toBe(200);
  });

  it('answers only to the host names it serves: a DNS-rebinding name gets 421 on every route and stream', async () => {
    server = await memoryServer({ control: true });
    const url = await server.listen(0, '127.0.0.1');
    const port = new URL(url).port;
    for (const [method, path] of [['POST', CONTROL.reset], ['POST', CONTROL.approveDeviceCode], ['GET', API.session], ['GET', '/account']] as const) {
      const res = await server.app.inject({ method, url: path, headers: { ...CONTROL_JSON, host: `rebind.attacker.example:${port}` }, payload: '{}' });
      expect(res.statusCode, path).toBe(421);
      expect(res.json().error.code).toBe('misdirected');
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await server.app.inject({ method: 'GET', url: CONTROL.streams, headers: { ...CONTROL_HEADERS, host } })).statusCode, host).toBe(200);
    }
    const { accessToken } = await signIn(server);
    const upgrade = await new Promise<number>((resolve) => {
      const req = httpRequest(`${url}${API.stream}`, {
        headers: { host: `rebind.attacker.example:${port}`, connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', authorization: `Bearer ${accessToken}` },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('upgrade', () => resolve(101));
      req.end();
    });
    expect(upgrade).toBe(421);
  });
});
