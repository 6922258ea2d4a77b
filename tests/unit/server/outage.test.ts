import { afterEach, describe, expect, it } from 'vitest';
import { API, CONTROL, STREAM_CLOSE, CONTROL_HEADERS } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { Outage } from '../../../server/outage';
import { bearer, connectStream, jsonBody, memoryServer, openStream, signIn, CONTROL_JSON } from './helpers';

let server: CouchsideServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const outage = (s: CouchsideServer, body: unknown) => s.app.inject({ method: 'POST', url: CONTROL.outage, ...jsonBody(body) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('control outage: down', () => {
  it('answers 503 unavailable everywhere but /control, drops streams with 1001 (not a sign-out), then recovers', async () => {
    server = await memoryServer({ control: true });
    const baseUrl = await server.listen(0);
    const a = await signIn(server);
    const stream = await openStream(baseUrl, a.accessToken);

    const res = await outage(server, { mode: 'down', forMs: 400 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ mode: 'down', delayMs: 0, until: expect.any(String), streamsClosed: 1 });
    expect((await stream.closed).code).toBe(STREAM_CLOSE.goingAway);
    expect(stream.messages.map((m) => m.type)).toEqual(['hello']);

    for (const [method, url, headers] of [
      ['GET', API.session, bearer(a.accessToken)],
      ['GET', API.health, {}],
      ['POST', API.signIn, {}],
      ['GET', '/account', {}],
      ['GET', '/account/login', {}],
      ['GET', '/nope', {}],
    ] as const) {
      const r = await server.app.inject({ method, url, headers });
      expect(r.statusCode, url).toBe(503);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.json()).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect(await connectStream(baseUrl, a.accessToken)).toMatchObject({ open: false, status: 503, body: { error: { code: 'unavailable' } } });
    // The control API keeps answering.
    expect((await server.app.inject({ method: 'GET', url: CONTROL.streams, headers: CONTROL_HEADERS })).statusCode).toBe(200);

    await sleep(450);
    // Back by itself, and the session was never touched.
    expect((await server.app.inject({ method: 'GET', url: API.session, headers: bearer(a.accessToken) })).statusCode).toBe(200);
    const again = await openStream(baseUrl, a.accessToken);
    expect(again.messages[0]).toEqual({ type: 'hello', deviceId: a.deviceId, sessionLive: true });
    again.ws.close();
  });

  it("mode 'normal' ends it early", async () => {
    server = await memoryServer({ control: true });
    await outage(server, { mode: 'down' });
    expect((await server.app.inject({ method: 'GET', url: API.health })).statusCode).toBe(503);
    const res = await outage(server, { mode: 'normal' });
    expect(res.json()).toEqual({ mode: 'normal', delayMs: 0, until: null, streamsClosed: 0 });
    expect((await server.app.inject({ method: 'GET', url: API.health })).statusCode).toBe(200);
  });
});

describe('control reset', () => {
  it('ends an outage', async () => {
    server = await memoryServer({ control: true });
    await outage(server, { mode: 'down', forMs: 60_000 });
    await server.app.inject({ method: 'POST', url: CONTROL.reset, headers: CONTROL_JSON });
    expect((await server.app.inject({ method: 'GET', url: API.health })).statusCode).toBe(200);
  });
});

describe('control outage: slow', () => {
  it('holds every non-control answer (and stream upgrade) back by delayMs', async () => {
    server = await memoryServer({ control: true });
    const baseUrl = await server.listen(0);
    const a = await signIn(server);
    expect((await outage(server, { mode: 'slow', delayMs: 250, forMs: 5000 })).json()).toMatchObject({ mode: 'slow', delayMs: 250 });

    let started = Date.now();
    expect((await server.app.inject({ method: 'GET', url: API.session, headers: bearer(a.accessToken) })).statusCode).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(245);

    started = Date.now();
    const stream = await openStream(baseUrl, a.accessToken);
    expect(Date.now() - started).toBeGreaterThanOrEqual(245);
    stream.ws.close();

    started = Date.now();
    await server.app.inject({ method: 'GET', url: CONTROL.streams, headers: CONTROL_HEADERS });
    expect(Date.now() - started).toBeLessThan(200);

    await outage(server, { mode: 'normal' });
    started = Date.now();
    await server.app.inject({ method: 'GET', url: API.health });
    expect(Date.now() - started).toBeLessThan(200);
  });
});

describe('control outage: bad input', () => {
  it.each([
    [{}],
    [{ mode: 'broken' }],
    [{ mode: 'down', forMs: 0 }],
    [{ mode: 'down', forMs: 10 * 60 * 1000 + 1 }],
    [{ mode: 'down', forMs: 1.5 }],
    [{ mode: 'down', forMs: '100' }],
    [{ mode: 'slow', delayMs: 30_001 }],
    [{ mode: 'slow', delayMs: -1 }],
    [[]],
  ])('400 invalid_request for %o', async (body) => {
    server = await memoryServer({ control: true });
    const res = await outage(server, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
    expect((await server.app.inject({ method: 'GET', url: API.health })).statusCode).toBe(200);
  });
});

describe('Outage', () => {
  it('ends by itself when its time is up, with defaults 30 s and 2 s', () => {
    let now = 1_000_000;
    const o = new Outage(() => now);
    expect(o.state()).toEqual({ mode: 'normal', delayMs: 0, until: null });
    expect(o.set('slow')).toMatchObject({ mode: 'slow', delayMs: 2000 });
    now += 29_999;
    expect(o.state().mode).toBe('slow');
    expect(o.secondsLeft()).toBe(1);
    now += 1;
    expect(o.state()).toEqual({ mode: 'normal', delayMs: 0, until: null });
  });
});

describe('closing while requests are held back', () => {
  it('a request held back by the slow mode while the service closes is answered 503 unavailable, not run on the closed database', async () => {
    const s = await memoryServer({ control: true });
    const a = await signIn(s);
    expect((await outage(s, { mode: 'slow', delayMs: 300, forMs: 5000 })).statusCode).toBe(200);
    const held = [
      s.app.inject({ method: 'GET', url: API.session, headers: bearer(a.accessToken) }),
      s.app.inject({ method: 'GET', url: API.health }),
    ];
    await sleep(50);
    await s.close();
    for (const r of await Promise.all(held)) {
      expect(r.statusCode).toBe(503);
      expect(r.json()).toEqual({ error: { code: 'unavailable', message: 'The service is shutting down.' } });
    }
  });
});
