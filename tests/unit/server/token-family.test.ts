import { afterEach, describe, expect, it } from 'vitest';
import { API, STREAM_CLOSE, type TokenSet } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { pruneTokens } from '../../../server/pruning';
import { bearer, connectStream, jsonBody, memoryServer, openStream, refresh, signIn, signOutAll } from './helpers';

let server: CouchsideServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const session = (s: CouchsideServer, token: string) => s.app.inject({ method: 'GET', url: API.session, headers: bearer(token) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('refresh token rotation', () => {
  it('a refresh returns a new pair; the new pair works and the old refresh token is spent', async () => {
    server = await memoryServer();
    const first = await signIn(server);
    const res = await refresh(server, first.refreshToken);
    expect(res.statusCode).toBe(200);
    const next = res.json() as TokenSet;
    expect(Object.keys(next).sort()).toEqual(['accessExpiresAt', 'accessToken', 'refreshToken']);
    expect(next.accessToken).not.toBe(first.accessToken);
    expect(next.refreshToken).not.toBe(first.refreshToken);
    expect(Date.parse(next.accessExpiresAt)).toBeGreaterThan(Date.now());

    expect((await session(server, next.accessToken)).statusCode).toBe(200);
    // The family's older access token stays valid until it expires.
    expect((await session(server, first.accessToken)).statusCode).toBe(200);

    // And the new refresh token rotates again.
    const third = await refresh(server, next.refreshToken);
    expect(third.statusCode).toBe(200);
  });

  it('needs no bearer token, and refuses an access token given as a refresh token', async () => {
    server = await memoryServer();
    const a = await signIn(server);
    const res = await refresh(server, a.accessToken);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });

  it('reuse of a spent refresh token revokes the whole family with reason expired and pushes revoked', async () => {
    server = await memoryServer();
    const baseUrl = await server.listen(0);
    const first = await signIn(server);
    const other = await signIn(server); // another device: untouched
    const next = (await refresh(server, first.refreshToken)).json() as TokenSet;
    const stream = await openStream(baseUrl, next.accessToken);

    const reuse = await refresh(server, first.refreshToken);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json()).toEqual({
      error: { code: 'session_revoked', message: 'Your session expired. Please sign in again.', reason: 'expired' },
    });

    // Everything of the family is dead: the newest access token and the newest refresh token.
    const api = await session(server, next.accessToken);
    expect(api.statusCode).toBe(401);
    expect(api.json().error).toMatchObject({ code: 'session_revoked', reason: 'expired' });
    const again = await refresh(server, next.refreshToken);
    expect(again.json().error).toMatchObject({ code: 'session_revoked', reason: 'expired' });
    expect(await stream.next('revoked')).toEqual({ type: 'revoked', reason: 'expired' });
    expect((await stream.closed).code).toBe(STREAM_CLOSE.revoked);

    expect((await session(server, other.accessToken)).statusCode).toBe(200);
  });

  it('refreshing a revoked family answers session_revoked with the stored reason', async () => {
    server = await memoryServer();
    const a = await signIn(server);
    await signOutAll(server, a.accessToken);
    const res = await refresh(server, a.refreshToken);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'session_revoked', message: 'You were signed out of all devices.', reason: 'all-devices' });

    const b = await signIn(server);
    await server.app.inject({ method: 'POST', url: API.signOut, headers: bearer(b.accessToken) });
    expect((await refresh(server, b.refreshToken)).json().error.reason).toBe('user');
  });

  it('an unknown refresh token is 401 unauthorized (no reason)', async () => {
    server = await memoryServer();
    const res = await refresh(server, 'A'.repeat(43));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it.each([
    ['no body', undefined],
    ['empty token', { refreshToken: '' }],
    ['number', { refreshToken: 42 }],
    ['over-long', { refreshToken: 'x'.repeat(300) }],
    ['array', [1]],
  ])('400 invalid_request for %s', async (_name, payload) => {
    server = await memoryServer();
    const res = await server.app.inject({ method: 'POST', url: API.refresh, ...(payload === undefined ? {} : jsonBody(payload)) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
  });
});

describe('access token expiry', () => {
  it('an expired access token gets 401 token_expired (API and stream); a refresh gets a working one', async () => {
    server = await memoryServer({ accessTtlMs: 80 });
    const baseUrl = await server.listen(0);
    const a = await signIn(server);
    expect((await session(server, a.accessToken)).statusCode).toBe(200);
    await sleep(120);

    const res = await session(server, a.accessToken);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'token_expired', message: expect.any(String) } });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    const upgrade = await connectStream(baseUrl, a.accessToken);
    expect(upgrade).toMatchObject({ open: false, status: 401, body: { error: { code: 'token_expired' } } });

    const renewed = await refresh(server, a.refreshToken);
    expect(renewed.statusCode).toBe(200);
    const { accessToken } = renewed.json() as TokenSet;
    expect((await session(server, accessToken)).statusCode).toBe(200);
    const stream = await openStream(baseUrl, accessToken);
    expect(stream.messages[0]).toEqual({ type: 'hello', deviceId: a.deviceId, sessionLive: true });
    stream.ws.close();
  });

  it('a revoked session says session_revoked even when its access token has also expired', async () => {
    server = await memoryServer({ accessTtlMs: 50 });
    const a = await signIn(server);
    await signOutAll(server, a.accessToken);
    await sleep(80);
    const res = await session(server, a.accessToken);
    expect(res.json().error).toMatchObject({ code: 'session_revoked', reason: 'all-devices' });
  });
});

describe('token table pruning', () => {
  it('drops long-expired access tokens and old spent refresh tokens, never the current refresh token', async () => {
    server = await memoryServer();
    const a = await signIn(server);
    await refresh(server, a.refreshToken);
    const count = (table: string) => (server!.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('access_tokens'), count('refresh_tokens')]).toEqual([2, 2]);
    expect(pruneTokens(server.db)).toEqual({ accessTokens: 0, refreshTokens: 0 });
    const later = Date.now() + 31 * 24 * 60 * 60 * 1000;
    expect(pruneTokens(server.db, later)).toEqual({ accessTokens: 2, refreshTokens: 1 });
    expect(count('refresh_tokens')).toBe(1);
  });
});
