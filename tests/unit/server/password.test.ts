import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API, STREAM_CLOSE } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { createAccount } from '../../../server/seed';
import { bearer, DEMO_ACCOUNT, DEVICE, jsonBody, memoryServer, openStream, signIn, webSession } from './helpers';

const OTHER = { email: 'neighbour@couchside.test', password: 'neighbour-pass' };
const NEW_PASSWORD = 'a-brand-new-password';

let server: CouchsideServer;
let baseUrl: string;
beforeEach(async () => {
  server = await memoryServer();
  baseUrl = await server.listen(0);
});

/** The neighbouring household, made only by the tests that need it (each account costs a scrypt hash). */
const withOther = () => createAccount(server.db, OTHER);
afterEach(() => server.close());

const change = (token: string, body: unknown) => server.app.inject({ method: 'POST', url: API.password, ...jsonBody(body, bearer(token)) });
const session = (token: string) => server.app.inject({ method: 'GET', url: API.session, headers: bearer(token) });
const signInWith = (password: string) =>
  server.app.inject({ method: 'POST', url: API.signIn, payload: { email: DEMO_ACCOUNT.email, password, device: DEVICE } });

describe('POST password', () => {
  it('403 wrong_current_password for a wrong current password; nothing changes', async () => {
    const a = await signIn(server);
    const b = await signIn(server);
    const res = await change(a.accessToken, { currentPassword: 'nope', newPassword: NEW_PASSWORD, signOutAllDevices: true });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: { code: 'wrong_current_password', message: 'The current password is not correct.', field: 'currentPassword' } });
    expect((await session(b.accessToken)).statusCode).toBe(200);
    expect((await signInWith(DEMO_ACCOUNT.password)).statusCode).toBe(200);
  });

  it.each([
    ['too short', { currentPassword: DEMO_ACCOUNT.password, newPassword: 'short', signOutAllDevices: false }, 'The new password must be at least 8 characters.', 'newPassword'],
    ['empty', { currentPassword: DEMO_ACCOUNT.password, newPassword: '', signOutAllDevices: false }, 'The new password must be at least 8 characters.', 'newPassword'],
    ['missing new', { currentPassword: DEMO_ACCOUNT.password, signOutAllDevices: false }, 'Enter a new password.', 'newPassword'],
    ['missing current', { newPassword: NEW_PASSWORD, signOutAllDevices: false }, 'Enter your current password.', 'currentPassword'],
    ['missing flag', { currentPassword: DEMO_ACCOUNT.password, newPassword: NEW_PASSWORD }, 'Sign out all devices is missing.', 'signOutAllDevices'],
    ['flag not boolean', { currentPassword: DEMO_ACCOUNT.password, newPassword: NEW_PASSWORD, signOutAllDevices: 'yes' }, 'Sign out all devices has the wrong type.', 'signOutAllDevices'],
    ['too long', { currentPassword: DEMO_ACCOUNT.password, newPassword: 'x'.repeat(1025), signOutAllDevices: false }, 'New password is too long.', 'newPassword'],
  ])('400 invalid_request when the body is %s, naming the field', async (_name, body, message, field) => {
    const a = await signIn(server);
    const res = await change(a.accessToken, body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'invalid_request', message, field } });
    expect((await signInWith(DEMO_ACCOUNT.password)).statusCode).toBe(200);
  });

  it('needs a live session', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: API.password,
      ...jsonBody({ currentPassword: DEMO_ACCOUNT.password, newPassword: NEW_PASSWORD, signOutAllDevices: true }),
    });
    expect(res.statusCode).toBe(401);
  });

  it('without sign-out: changes the password and keeps every session', async () => {
    const a = await signIn(server);
    const b = await signIn(server);
    const res = await change(a.accessToken, { currentPassword: DEMO_ACCOUNT.password, newPassword: NEW_PASSWORD, signOutAllDevices: false });
    expect(res.statusCode).toBe(204);
    expect((await signInWith(DEMO_ACCOUNT.password)).json().error.code).toBe('wrong_password');
    expect((await signInWith(NEW_PASSWORD)).statusCode).toBe(200);
    expect((await session(b.accessToken)).statusCode).toBe(200);
  });

  it('with sign-out: the caller stays live; every other session (device and web) is revoked with password-changed', async () => {
    await withOther();
    const caller = await signIn(server);
    const tv = await signIn(server);
    const web = await webSession(server);
    const neighbour = await signIn(server, OTHER.email, OTHER.password);
    const tvStream = await openStream(baseUrl, tv.accessToken);
    const callerStream = await openStream(baseUrl, caller.accessToken);
    const neighbourStream = await openStream(baseUrl, neighbour.accessToken);

    const res = await change(caller.accessToken, { currentPassword: DEMO_ACCOUNT.password, newPassword: NEW_PASSWORD, signOutAllDevices: true });
    expect(res.statusCode).toBe(204);

    expect((await session(caller.accessToken)).statusCode).toBe(200);
    const tvApi = await session(tv.accessToken);
    expect(tvApi.json()).toEqual({
      error: { code: 'session_revoked', message: 'The account password was changed. Sign in with the new password.', reason: 'password-changed' },
    });
    expect(await tvStream.next('revoked')).toEqual({ type: 'revoked', reason: 'password-changed' });
    expect((await tvStream.closed).code).toBe(STREAM_CLOSE.revoked);
    expect(await callerStream.next('devices-changed')).toEqual({ type: 'devices-changed' });
    expect(callerStream.ws.readyState).toBe(callerStream.ws.OPEN);
    // Another account's TV heard nothing and stays connected.
    expect(neighbourStream.messages.map((m) => m.type)).toEqual(['hello']);
    expect(neighbourStream.ws.readyState).toBe(neighbourStream.ws.OPEN);

    const page = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: web.cookie } });
    expect(page.headers.location).toBe('/account/login?reason=password-changed');
    expect((await session(neighbour.accessToken)).statusCode).toBe(200);
    expect((await signInWith(NEW_PASSWORD)).statusCode).toBe(200);
    callerStream.ws.close();
    neighbourStream.ws.close();
  });
});
