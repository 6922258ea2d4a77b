/**
 * Sessions end by themselves: a device session (a refresh-token family) after 90 days without a
 * refresh or 365 days in all, an account page sign-in after 7 days unused or 30 in all. The TV
 * gets 401 session_revoked 'expired' ("Your session expired"); the account page asks to sign in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { API } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { WEB_SESSION_ABSOLUTE_MS, WEB_SESSION_IDLE_MS } from '../../../server/auth';
import { DEVICE_SESSION_ABSOLUTE_MS, DEVICE_SESSION_IDLE_MS } from '../../../server/token-family';
import { bearer, jsonBody, memoryServer, signIn, webSession } from './helpers';

let server: CouchsideServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('session lifetimes', () => {
  it.each([
    ['idle', (ms: number) => ({ created: ago(ms + 60_000), used: ago(ms + 60_000) }), DEVICE_SESSION_IDLE_MS],
    ['absolute', (ms: number) => ({ created: ago(ms + 60_000), used: ago(1000) }), DEVICE_SESSION_ABSOLUTE_MS],
  ])('a device session past its %s lifetime: the refresh is refused as expired, and its streams hear it', async (_what, times, ms) => {
    server = await memoryServer();
    const tokens = await signIn(server);
    const { created, used } = times(ms);
    server.db.prepare('UPDATE sessions SET created_at = ?, last_used_at = ?').run(created, used);
    const res = await server.app.inject({ method: 'POST', url: API.refresh, ...jsonBody({ refreshToken: tokens.refreshToken }) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'session_revoked', reason: 'expired' });
    // Ended for good (not only refused once): the access token is dead too.
    const session = await server.app.inject({ method: 'GET', url: API.session, headers: bearer(tokens.accessToken) });
    expect(session.json().error).toMatchObject({ code: 'session_revoked', reason: 'expired' });
  });

  it('a device session within its lifetimes refreshes as usual', async () => {
    server = await memoryServer();
    const tokens = await signIn(server);
    server.db.prepare('UPDATE sessions SET created_at = ?, last_used_at = ?').run(ago(DEVICE_SESSION_ABSOLUTE_MS - 3_600_000), ago(DEVICE_SESSION_IDLE_MS - 3_600_000));
    const res = await server.app.inject({ method: 'POST', url: API.refresh, ...jsonBody({ refreshToken: tokens.refreshToken }) });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    ['idle', WEB_SESSION_IDLE_MS, 'used'],
    ['absolute', WEB_SESSION_ABSOLUTE_MS, 'created'],
  ])('an account page sign-in past its %s lifetime sends the page back to sign-in', async (_what, ms, column) => {
    server = await memoryServer();
    const { cookie } = await webSession(server);
    expect((await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookie } })).statusCode).toBe(200);
    if (column === 'used') server.db.prepare(`UPDATE sessions SET last_used_at = ?, created_at = ? WHERE kind = 'web'`).run(ago(ms + 60_000), ago(ms + 60_000));
    else server.db.prepare(`UPDATE sessions SET created_at = ? WHERE kind = 'web'`).run(ago(ms + 60_000));
    const res = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookie } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account/login?reason=expired');
  });
});
