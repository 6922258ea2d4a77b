/**
 * Caps on what one client can hold: streams per session (the newest wins, the oldest is closed
 * with "replaced", which is not a sign-out) and sign-in codes waiting per client address (429
 * with Retry-After and how long to wait, in words).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { API, STREAM_CLOSE } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { MAX_PENDING_CODES_PER_CLIENT } from '../../../server/device-codes';
import { MAX_STREAMS_PER_SESSION } from '../../../server/streams';
import { bearer, DEVICE, jsonBody, memoryServer, openStream, signIn, type OpenStream, signOutAll } from './helpers';

let server: CouchsideServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('caps', () => {
  it(`a session holds at most ${MAX_STREAMS_PER_SESSION} streams: the oldest is closed as replaced, and the session lives on`, async () => {
    server = await memoryServer();
    const url = await server.listen();
    const { accessToken } = await signIn(server);
    const streams: OpenStream[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_SESSION; i++) streams.push(await openStream(url, accessToken));
    expect(server.openStreams()).toBe(MAX_STREAMS_PER_SESSION);
    const newest = await openStream(url, accessToken);
    expect(await streams[0]!.closed).toMatchObject({ code: STREAM_CLOSE.replaced });
    expect(server.openStreams()).toBe(MAX_STREAMS_PER_SESSION);
    // Not a sign-out: the session still works, and the newest stream still hears a revocation.
    expect((await server.app.inject({ method: 'GET', url: API.session, headers: bearer(accessToken) })).statusCode).toBe(200);
    await signOutAll(server, accessToken);
    expect(await newest.next('revoked')).toMatchObject({ type: 'revoked' });
  });

  it('forty stream opens on one token leave at most the cap open', async () => {
    server = await memoryServer();
    const url = await server.listen();
    const { accessToken } = await signIn(server);
    const opened: OpenStream[] = [];
    for (let i = 0; i < 40; i++) opened.push(await openStream(url, accessToken));
    expect(server.openStreams()).toBe(MAX_STREAMS_PER_SESSION);
    await Promise.all(opened.slice(0, -MAX_STREAMS_PER_SESSION).map((s) => s.closed));
  });

  it(`one client address may have ${MAX_PENDING_CODES_PER_CLIENT} sign-in codes waiting; the next gets 429 with how long to wait`, async () => {
    server = await memoryServer();
    const ask = () => server!.app.inject({ method: 'POST', url: API.deviceCode, remoteAddress: '10.1.2.3', ...jsonBody({ device: DEVICE }) });
    for (let i = 0; i < MAX_PENDING_CODES_PER_CLIENT; i++) expect((await ask()).statusCode).toBe(200);
    const refused = await ask();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/try again in \d+ minutes/) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(500);
    // Another client is not affected.
    const other = await server.app.inject({ method: 'POST', url: API.deviceCode, remoteAddress: '10.1.2.4', ...jsonBody({ device: DEVICE }) });
    expect(other.statusCode).toBe(200);
  });
});
