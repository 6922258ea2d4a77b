import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API, STREAM_CLOSE } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { createAccount } from '../../../server/seed';
import { bearer, connectStream, memoryServer, openStream, signIn, signOutAll, waitFor } from './helpers';

const OTHER = { email: 'neighbour@couchside.test', password: 'neighbour-pass' };

let server: CouchsideServer;
let baseUrl: string;
beforeEach(async () => {
  server = await memoryServer();
  baseUrl = await server.listen(0);
  await createAccount(server.db, OTHER);
});
afterEach(() => server.close());

const session = (token: string) => server.app.inject({ method: 'GET', url: API.session, headers: bearer(token) });
const post = (url: string, token: string) => server.app.inject({ method: 'POST', url, headers: bearer(token) });

describe('sign-out', () => {
  it('204, revokes only this session with reason "user"', async () => {
    const a = await signIn(server);
    const b = await signIn(server);
    expect((await post(API.signOut, a.accessToken)).statusCode).toBe(204);
    const res = await session(a.accessToken);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: { code: 'session_revoked', message: 'You signed out of Couchside on this device.', reason: 'user' },
    });
    expect((await session(b.accessToken)).statusCode).toBe(200);
  });

  it('accepts an empty body sent with a JSON content type', async () => {
    const a = await signIn(server);
    const res = await server.app.inject({
      method: 'POST',
      url: API.signOut,
      headers: { ...bearer(a.accessToken), 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.statusCode).toBe(204);
  });

  it("pushes revoked/user to this session's stream only", async () => {
    const a = await signIn(server);
    const b = await signIn(server);
    const sa = await openStream(baseUrl, a.accessToken);
    const sb = await openStream(baseUrl, b.accessToken);
    await post(API.signOut, a.accessToken);
    expect(await sa.next('revoked')).toEqual({ type: 'revoked', reason: 'user' });
    expect((await sa.closed).code).toBe(STREAM_CLOSE.revoked);
    expect(sb.ws.readyState).toBe(sb.ws.OPEN);
    expect(server.openStreams()).toBe(1);
    sb.ws.close();
  });
});

describe('sign-out-all', () => {
  it("revokes every session of the account (device and web) and only that account's", async () => {
    const tv = await signIn(server);
    const laptop = await signIn(server);
    const neighbour = await signIn(server, OTHER.email, OTHER.password);
    const login = await server.app.inject({
      method: 'POST',
      url: '/account/login',
      payload: new URLSearchParams({ email: 'demo@couchside.test', password: 'couchside-demo' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const cookie = login.cookies.find((c) => c.name === 'couchside_web')!;

    expect((await signOutAll(server, tv.accessToken)).statusCode).toBe(204);

    for (const t of [tv.accessToken, laptop.accessToken]) {
      const res = await session(t);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        error: { code: 'session_revoked', message: 'You were signed out of all devices.', reason: 'all-devices' },
      });
    }
    const page = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookie.value } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/account/login?reason=all-devices');

    expect((await session(neighbour.accessToken)).statusCode).toBe(200);
  });

  it('pushes revoked/all-devices to every stream of the account, closes with 4001, leaves other accounts', async () => {
    const tokens = await Promise.all([signIn(server), signIn(server), signIn(server)]);
    const neighbour = await signIn(server, OTHER.email, OTHER.password);
    const streams = await Promise.all(tokens.map((t) => openStream(baseUrl, t.accessToken)));
    const second = await openStream(baseUrl, tokens[0]!.accessToken); // two streams on one session
    const ns = await openStream(baseUrl, neighbour.accessToken);
    expect(server.openStreams()).toBe(5);

    await signOutAll(server, tokens[1]!.accessToken);

    for (const s of [...streams, second]) {
      expect(await s.next('revoked')).toEqual({ type: 'revoked', reason: 'all-devices' });
      expect(await s.closed).toEqual({ code: STREAM_CLOSE.revoked, reason: 'revoked' });
    }
    expect(server.openStreams()).toBe(1);
    expect(ns.ws.readyState).toBe(ns.ws.OPEN);
    expect(ns.messages).toEqual([{ type: 'hello', deviceId: neighbour.deviceId, sessionLive: true }]);
    ns.ws.close();
  });

  it('a stream reconnecting with a revoked token gets HTTP 401 with the reason', async () => {
    const a = await signIn(server);
    const s = await openStream(baseUrl, a.accessToken);
    await signOutAll(server, a.accessToken);
    await s.closed;
    const again = await connectStream(baseUrl, a.accessToken);
    expect(again).toEqual({
      open: false,
      status: 401,
      body: { error: { code: 'session_revoked', message: 'You were signed out of all devices.', reason: 'all-devices' } },
    });
  });
});

describe('device stream', () => {
  it('says hello with the device id and sessionLive', async () => {
    const a = await signIn(server);
    const s = await openStream(baseUrl, a.accessToken);
    expect(s.messages).toEqual([{ type: 'hello', deviceId: a.deviceId, sessionLive: true }]);
    s.ws.close();
    await waitFor(() => server.openStreams() === 0);
  });

  it('rejects a missing or unknown token with 401 unauthorized', async () => {
    for (const token of [undefined, 'not-a-real-token']) {
      const res = await connectStream(baseUrl, token);
      expect(res).toEqual({ open: false, status: 401, body: { error: { code: 'unauthorized', message: expect.any(String) } } });
    }
  });

  it('answers upgrades on other paths with 404', async () => {
    const a = await signIn(server);
    const { default: WebSocket } = await import('ws');
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/v1/other`, { headers: bearer(a.accessToken) });
      ws.on('error', () => undefined);
      ws.on('unexpected-response', (_req, r) => {
        resolve(r.statusCode ?? 0);
        ws.terminate();
      });
    });
    expect(status).toBe(404);
  });

  it('close() ends open streams with 1001 (going away)', async () => {
    const a = await signIn(server);
    const s = await openStream(baseUrl, a.accessToken);
    await server.close();
    expect((await s.closed).code).toBe(STREAM_CLOSE.goingAway);
  });

  it('terminates a stream that stops answering pings', async () => {
    const fast = await memoryServer({ streamPingMs: 30 });
    const url = await fast.listen(0);
    try {
      const a = await signIn(fast);
      const s = await openStream(url, a.accessToken);
      // Stop answering pings: ws answers automatically unless autoPong is off, so pause the socket.
      (s.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      await waitFor(() => fast.openStreams() === 0, 2000);
      s.ws.terminate();
    } finally {
      await fast.close();
    }
  });
});

describe('device stream endpoint', () => {
  it('answers a plain GET (no upgrade) with 426 and a JSON error, not 404', async () => {
    const res = await server.app.inject({ method: 'GET', url: API.stream });
    expect(res.statusCode).toBe(426);
    expect(res.json()).toMatchObject({ error: { code: 'invalid_request', message: expect.stringContaining('WebSocket') } });
  });
});
