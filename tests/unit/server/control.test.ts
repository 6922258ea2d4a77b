import { afterEach, describe, expect, it } from 'vitest';
import { API, CONTROL, STREAM_CLOSE } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { bearer, DEMO_ACCOUNT, memoryServer, openStream, signIn } from './helpers';

let server: CouchsideServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const json = (payload: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

describe('control API', () => {
  it('is 404 (JSON) on every path when disabled', async () => {
    server = await memoryServer();
    for (const [method, url] of [
      ['POST', CONTROL.reset],
      ['POST', CONTROL.revokeAll],
      ['GET', CONTROL.streams],
      ['POST', CONTROL.accounts],
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
    const s = await openStream(baseUrl, a.token);

    const list = await server.app.inject({ method: 'GET', url: CONTROL.streams });
    expect(list.json()).toEqual({
      streams: [{ accountEmail: DEMO_ACCOUNT.email, deviceId: a.deviceId, sessionId: expect.any(String), connectedAt: expect.any(String) }],
    });

    const res = await server.app.inject({ method: 'POST', url: CONTROL.revokeAll, ...json({ email: 'DEMO@couchside.test' }) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ revoked: 1, streamsClosed: 1 });
    expect(await s.next('revoked')).toEqual({ type: 'revoked', reason: 'all-devices' });
    expect((await s.closed).code).toBe(STREAM_CLOSE.revoked);
    const session = await server.app.inject({ method: 'GET', url: API.session, headers: bearer(a.token) });
    expect(session.json().error.reason).toBe('all-devices');
    expect((await server.app.inject({ method: 'GET', url: CONTROL.streams })).json()).toEqual({ streams: [] });
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
    expect(body.profiles.map((p: { name: string; kids: boolean }) => [p.name, p.kids])).toEqual([
      ['Pat', false],
      ['Kids', true],
    ]);
    await signIn(server, 'pat@couchside.test', 'pat-password');

    const again = await server.app.inject({ method: 'POST', url: CONTROL.accounts, ...json({ email: 'pat@couchside.test', password: 'x' }) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });

  it('reset wipes everything, reseeds the demo, and ends open streams with revoked/expired', async () => {
    server = await memoryServer({ control: true });
    const baseUrl = await server.listen(0);
    await server.app.inject({ method: 'POST', url: CONTROL.accounts, ...json({ email: 'pat@couchside.test', password: 'pat-password' }) });
    const a = await signIn(server);
    const s = await openStream(baseUrl, a.token);

    const res = await server.app.inject({ method: 'POST', url: CONTROL.reset });
    expect(res.statusCode).toBe(200);
    expect(await s.next('revoked')).toEqual({ type: 'revoked', reason: 'expired' });
    expect((await s.closed).code).toBe(STREAM_CLOSE.revoked);
    expect(server.openStreams()).toBe(0);

    expect((await server.app.inject({ method: 'GET', url: API.session, headers: bearer(a.token) })).statusCode).toBe(401);
    const pat = await server.app.inject({
      method: 'POST',
      url: API.signIn,
      ...json({ email: 'pat@couchside.test', password: 'pat-password', device: { name: 'x', platform: 'x', appVersion: '1' } }),
    });
    expect(pat.json().error.code).toBe('unknown_email');
    await signIn(server); // the demo account is back
  });
});
