import { afterEach, describe, expect, it } from 'vitest';
import { API, STREAM_CLOSE } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { bearer, connectStream, memoryServer, openStream, signIn, signOutAll } from './helpers';

const DELAY = 400;
let server: CouchsideServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('pushDelayMs (emulating services that propagate sign-outs slowly)', () => {
  it('commits and refuses at once, but the revoked push arrives only after the delay', async () => {
    server = await memoryServer({ pushDelayMs: DELAY });
    const baseUrl = await server.listen(0);
    const tv = await signIn(server);
    const laptop = await signIn(server);
    const stream = await openStream(baseUrl, tv.accessToken);

    const started = Date.now();
    const res = await signOutAll(server, laptop.accessToken);
    expect(res.statusCode).toBe(204);
    expect(Date.now() - started).toBeLessThan(DELAY);

    // Refused requests stay immediate: the API and a fresh stream upgrade both say so now.
    const api = await server.app.inject({ method: 'GET', url: API.session, headers: bearer(tv.accessToken) });
    expect(api.json().error).toMatchObject({ code: 'session_revoked', reason: 'all-devices' });
    expect(await connectStream(baseUrl, tv.accessToken)).toMatchObject({ open: false, status: 401 });
    expect(Date.now() - started).toBeLessThan(DELAY);
    expect(stream.messages.map((m) => m.type)).toEqual(['hello']);

    expect(await stream.next('revoked')).toEqual({ type: 'revoked', reason: 'all-devices' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(DELAY - 5);
    expect((await stream.closed).code).toBe(STREAM_CLOSE.revoked);
  });

  it('close() drops pushes still waiting', async () => {
    server = await memoryServer({ pushDelayMs: 60_000 });
    const baseUrl = await server.listen(0);
    const tv = await signIn(server);
    const stream = await openStream(baseUrl, tv.accessToken);
    await server.app.inject({ method: 'POST', url: API.signOut, headers: bearer(tv.accessToken) });
    await server.close();
    expect((await stream.closed).code).toBe(STREAM_CLOSE.goingAway);
    expect(stream.messages.map((m) => m.type)).toEqual(['hello']);
  });

  it('defaults to 0: the push is immediate', async () => {
    server = await memoryServer();
    const baseUrl = await server.listen(0);
    const tv = await signIn(server);
    const stream = await openStream(baseUrl, tv.accessToken);
    const started = Date.now();
    await server.app.inject({ method: 'POST', url: API.signOut, headers: bearer(tv.accessToken) });
    await stream.next('revoked');
    expect(Date.now() - started).toBeLessThan(200);
  });
});
