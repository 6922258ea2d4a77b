import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { createAccount } from '../../../server/seed';
import { uniqueLabels } from '../../../server/web/account-page';
import { bearer, DEMO_ACCOUNT, memoryServer, openStream, signIn } from './helpers';

let server: CouchsideServer;
beforeEach(async () => {
  server = await memoryServer();
});
afterEach(() => server.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function webLogin(email: string = DEMO_ACCOUNT.email, password: string = DEMO_ACCOUNT.password) {
  return server.app.inject({ method: 'POST', url: '/account/login', headers: FORM, payload: form({ email, password }) });
}

async function loggedInCookie(): Promise<string> {
  const res = await webLogin();
  expect(res.statusCode).toBe(303);
  return res.cookies.find((c) => c.name === 'couchside_web')!.value;
}

const csrfFrom = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1];

describe('account web page', () => {
  it('GET / redirects to /account, which redirects to the sign-in form without a session', async () => {
    const root = await server.app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/account');
    const account = await server.app.inject({ method: 'GET', url: '/account' });
    expect(account.statusCode).toBe(303);
    expect(account.headers.location).toBe('/account/login');
  });

  it('the sign-in form has labelled inputs and a Sign in button', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/account/login' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).toContain('<h1>Sign in</h1>');
    expect(res.body).toContain('<label for="email">Email</label>');
    expect(res.body).toContain('<label for="password">Password</label>');
    expect(res.body).toContain('<button type="submit">Sign in</button>');
    expect(res.body).toContain('name="viewport"');
  });

  it('serves the stylesheet', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/account/style.css' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/css/);
  });

  it.each([
    ['', '', 'Enter your email and password.', 400],
    ['demo', 'x', 'Enter a valid email address.', 400],
    ['nobody@couchside.test', 'x', 'No account found for that email.', 401],
    [DEMO_ACCOUNT.email, 'wrong', 'Incorrect password.', 401],
  ])('failed sign-in (%s / %s) re-renders with an alert and keeps the email', async (email, password, message, status) => {
    const res = await webLogin(email, password);
    expect(res.statusCode).toBe(status);
    expect(res.body).toContain(`<p class="alert" role="alert">${message}</p>`);
    if (email) expect(res.body).toContain(`value="${email}"`);
    expect(res.cookies.find((c) => c.name === 'couchside_web')).toBeUndefined();
  });

  it('escapes the echoed email', async () => {
    const res = await webLogin('"><script>alert(1)</script>@x.test', 'x');
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('sets an HttpOnly, SameSite=Strict, Path=/ cookie and redirects 303 to /account', async () => {
    const res = await webLogin();
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account');
    const cookie = res.cookies.find((c) => c.name === 'couchside_web')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('shows the account with email, plan, member since and the Settings link', async () => {
    const cookie = await loggedInCookie();
    const res = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Account</h1>');
    expect(res.body).toContain(DEMO_ACCOUNT.email);
    expect(res.body).toContain('<dd>Premium (4 screens at once)</dd>');
    expect(res.body).toContain('March 2019');
    expect(res.body).toMatch(/<h2[^>]*>Settings<\/h2>/);
    expect(res.body).toMatch(/<a [^>]*href="\/account\/sign-out-all"[^>]*>Sign out of all devices<\/a>/);
    expect(res.body).toMatch(/<button [^>]*type="submit">Sign out<\/button>/);
    expect(res.body).toMatch(/<strong>Web browser<\/strong> <span class="tag">This browser<\/span>/);
  });

  it('signing out of all devices from the page revokes the app token with reason all-devices and closes its stream', async () => {
    const baseUrl = await server.listen(0);
    const app = await signIn(server);
    const stream = await openStream(baseUrl, app.accessToken);
    const cookie = await loggedInCookie();

    const confirm = await server.app.inject({ method: 'GET', url: '/account/sign-out-all', cookies: { couchside_web: cookie } });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<h1>Sign out of all devices</h1>');
    expect(confirm.body).toMatch(/every device and browser/);
    expect(confirm.body).toMatch(/all profiles/);
    expect(confirm.body).toMatch(/within seconds/);
    expect(confirm.body).toContain('<button type="submit">Sign out</button>');
    expect(confirm.body).toMatch(/<a [^>]*href="\/account"[^>]*>Cancel<\/a>/);
    const csrf = csrfFrom(confirm.body)!;
    expect(csrf).toBeTruthy();

    const done = await server.app.inject({
      method: 'POST',
      url: '/account/sign-out-all',
      headers: FORM,
      cookies: { couchside_web: cookie },
      payload: form({ csrf }),
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('<h1>Signed out of all devices</h1>');
    expect(done.body).toMatch(/<a [^>]*href="\/account\/login"[^>]*>Sign in again<\/a>/);
    const cleared = done.cookies.find((c) => c.name === 'couchside_web')!;
    expect(cleared.value).toBe('');

    const api = await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(app.accessToken) });
    expect(api.statusCode).toBe(401);
    expect(api.json().error).toMatchObject({ code: 'session_revoked', reason: 'all-devices' });
    expect(await stream.next('revoked')).toEqual({ type: 'revoked', reason: 'all-devices' });
    expect((await stream.closed).code).toBe(4001);

    const after = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookie } });
    expect(after.headers.location).toBe('/account/login?reason=all-devices');
    const notice = await server.app.inject({ method: 'GET', url: after.headers.location as string });
    expect(notice.body).toContain('role="status">You were signed out of all devices.');
  });

  it('POST without a valid CSRF token is refused with 403 and revokes nothing', async () => {
    const app = await signIn(server);
    const cookie = await loggedInCookie();
    for (const payload of [form({}), form({ csrf: 'forged' })]) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/account/sign-out-all',
        headers: FORM,
        cookies: { couchside_web: cookie },
        payload,
      });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
    }
    const api = await server.app.inject({ method: 'GET', url: API.session, headers: bearer(app.accessToken) });
    expect(api.statusCode).toBe(200);
  });

  it("a CSRF token from another web session does not work", async () => {
    const cookieA = await loggedInCookie();
    const cookieB = await loggedInCookie();
    const pageA = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookieA } });
    const res = await server.app.inject({
      method: 'POST',
      url: '/account/sign-out-all',
      headers: FORM,
      cookies: { couchside_web: cookieB },
      payload: form({ csrf: csrfFrom(pageA.body)! }),
    });
    expect(res.statusCode).toBe(403);
  });

  it.each([
    [{ origin: 'https://evil.example', host: 'localhost:80' }, 403],
    [{ 'sec-fetch-site': 'cross-site' }, 403],
    [{ 'sec-fetch-site': 'same-site' }, 403],
    // A real browser under a strict referrer policy may send Origin: null; the CSRF token decides.
    [{ origin: 'null' }, 200],
    [{ 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80', host: 'localhost:80' }, 200],
  ])('cross-site checks: %o -> %i', async (headers, status) => {
    const cookie = await loggedInCookie();
    const page = await server.app.inject({ method: 'GET', url: '/account/sign-out-all', cookies: { couchside_web: cookie } });
    const res = await server.app.inject({
      method: 'POST',
      url: '/account/sign-out-all',
      headers: { ...FORM, ...headers },
      cookies: { couchside_web: cookie },
      payload: form({ csrf: csrfFrom(page.body)! }),
    });
    expect(res.statusCode).toBe(status);
  });

  it('"Sign out" signs out only this browser', async () => {
    const app = await signIn(server);
    const cookie = await loggedInCookie();
    const page = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookie } });
    const res = await server.app.inject({
      method: 'POST',
      url: '/account/sign-out',
      headers: FORM,
      cookies: { couchside_web: cookie },
      payload: form({ csrf: csrfFrom(page.body)! }),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account/login?reason=user');
    const again = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookie } });
    expect(again.statusCode).toBe(303);
    expect((await server.app.inject({ method: 'GET', url: API.session, headers: bearer(app.accessToken) })).statusCode).toBe(200);
  });

  it('a device token is not accepted as a web cookie, nor a web cookie as a bearer token', async () => {
    const app = await signIn(server);
    const asCookie = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: app.accessToken } });
    expect(asCookie.statusCode).toBe(303);
    const cookie = await loggedInCookie();
    const asBearer = await server.app.inject({ method: 'GET', url: API.session, headers: bearer(cookie) });
    expect(asBearer.statusCode).toBe(401);
  });

  it('unknown account pages are an HTML 404', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/account/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it('lists each device with platform, location, last active, last profile and a uniquely named Sign out button', async () => {
    const tv = await signIn(server, undefined, undefined, { name: 'Living room TV', platform: 'linux', appVersion: '1' }, '203.0.113.9');
    await signIn(server, undefined, undefined, { name: 'Living room TV', platform: 'linux', appVersion: '1' });
    const profiles = (await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(tv.accessToken) })).json().profiles;
    await server.app.inject({
      method: 'POST',
      url: API.currentProfile,
      headers: bearer(tv.accessToken),
      payload: { profileId: profiles[0].id },
      remoteAddress: '203.0.113.9',
    });
    const cookie = await loggedInCookie();
    const res = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookie } });
    expect(res.body).toContain('<strong>Living room TV</strong>');
    expect(res.body).toContain('linux · Internet (203.0.113.x) · Last active just now');
    expect(res.body).toContain('Last profile: Alex');
    expect(res.body).toContain('web · This computer · Last active just now');
    const labels = [...res.body.matchAll(/aria-label="([^"]+)">Sign out<\/button>/g)].map((m) => m[1]);
    expect(labels.sort()).toEqual(['Sign out Living room TV', 'Sign out Living room TV 2', 'Sign out this browser']);
    expect(res.body).toContain(`name="deviceId" value="${tv.deviceId}"`);
  });

  it('"Sign out" on a device row signs that device out (device-removed) and comes back with a status', async () => {
    const baseUrl = await server.listen(0);
    const tv = await signIn(server, undefined, undefined, { name: 'Living room TV', platform: 'linux', appVersion: '1' });
    const laptop = await signIn(server);
    const tvStream = await openStream(baseUrl, tv.accessToken);
    const cookie = await loggedInCookie();
    const page = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookie } });

    const res = await server.app.inject({
      method: 'POST',
      url: '/account/devices/sign-out',
      headers: FORM,
      cookies: { couchside_web: cookie },
      payload: form({ csrf: csrfFrom(page.body)!, deviceId: tv.deviceId }),
    });
    expect(res.statusCode).toBe(303);
    expect(await tvStream.next('revoked')).toEqual({ type: 'revoked', reason: 'device-removed' });
    const api = await server.app.inject({ method: 'GET', url: API.session, headers: bearer(tv.accessToken) });
    expect(api.json().error).toMatchObject({ code: 'session_revoked', reason: 'device-removed' });
    expect((await server.app.inject({ method: 'GET', url: API.session, headers: bearer(laptop.accessToken) })).statusCode).toBe(200);

    const back = await server.app.inject({ method: 'GET', url: res.headers.location as string, cookies: { couchside_web: cookie } });
    expect(back.statusCode).toBe(200);
    expect(back.body).toContain('<p class="notice" role="status">Living room TV has been signed out.</p>');
    expect(back.body).not.toContain('<strong>Living room TV</strong>');

    // Sent again (a double click): no error page, just a status.
    const again = await server.app.inject({
      method: 'POST',
      url: '/account/devices/sign-out',
      headers: FORM,
      cookies: { couchside_web: cookie },
      payload: form({ csrf: csrfFrom(page.body)!, deviceId: tv.deviceId }),
    });
    expect(again.headers.location).toBe('/account?done=device-already-signed-out');
  });

  it("device sign-out: needs the CSRF token, cannot reach another account's device, and this browser's row signs this browser out", async () => {
    const cookie = await loggedInCookie();
    const page = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookie } });
    const csrf = csrfFrom(page.body)!;
    await createAccount(server.db, { email: 'other@couchside.test', password: 'other-password' });
    const theirs = await signIn(server, 'other@couchside.test', 'other-password');
    const app = await signIn(server);

    const post = (fields: Record<string, string>) =>
      server.app.inject({ method: 'POST', url: '/account/devices/sign-out', headers: FORM, cookies: { couchside_web: cookie }, payload: form(fields) });
    expect((await post({ deviceId: app.deviceId })).statusCode).toBe(403);
    expect((await post({ csrf, deviceId: theirs.deviceId })).headers.location).toBe('/account?done=device-already-signed-out');
    expect((await server.app.inject({ method: 'GET', url: API.session, headers: bearer(theirs.accessToken) })).statusCode).toBe(200);
    expect((await post({ csrf })).headers.location).toBe('/account?done=device-already-signed-out');

    const webDeviceId = /name="deviceId" value="([^"]+)"><button [^>]*aria-label="Sign out this browser"/.exec(page.body)![1]!;
    const self = await post({ csrf, deviceId: webDeviceId });
    expect(self.headers.location).toBe('/account/login?reason=user');
    expect((await server.app.inject({ method: 'GET', url: API.session, headers: bearer(app.accessToken) })).statusCode).toBe(200);
  });

  it('has a Change password form with labelled fields and "Sign out of all devices" ticked by default', async () => {
    const cookie = await loggedInCookie();
    const res = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookie } });
    expect(res.body).toMatch(/<h2 id="password-heading">Change password<\/h2>/);
    expect(res.body).toContain('<form class="stack" method="post" action="/account/password">');
    expect(res.body).toContain('<label for="current-password">Current password</label>');
    expect(res.body).toContain('<label for="new-password">New password</label>');
    expect(res.body).toContain('<input id="sign-out-all-devices" name="signOutAllDevices" type="checkbox" value="yes" checked>');
    expect(res.body).toContain('<label for="sign-out-all-devices">Sign out of all devices</label>');
    expect(res.body).toContain('<button type="submit">Change password</button>');
  });

  describe('changing the password on the page', () => {
    const submit = async (cookie: string, fields: Record<string, string>) => {
      const page = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookie } });
      return server.app.inject({
        method: 'POST',
        url: '/account/password',
        headers: FORM,
        cookies: { couchside_web: cookie },
        payload: form({ csrf: csrfFrom(page.body)!, ...fields }),
      });
    };

    it.each([
      [{ currentPassword: 'wrong-one', newPassword: 'long-enough-1', signOutAllDevices: 'yes' }, 403, 'The current password is not correct.'],
      [{ currentPassword: DEMO_ACCOUNT.password, newPassword: 'short', signOutAllDevices: 'yes' }, 400, 'The new password must be at least 8 characters.'],
      [{ currentPassword: '', newPassword: 'long-enough-1' }, 400, 'Enter your current password.'],
    ])('shows the error as an alert: %o', async (fields, status, message) => {
      const cookie = await loggedInCookie();
      const res = await submit(cookie, fields);
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain(`<p class="alert" role="alert">${message}</p>`);
      // The checkbox stays as the user left it.
      expect(res.body.includes('value="yes" checked>')).toBe('signOutAllDevices' in fields);
      expect(res.body).not.toContain('role="status"');
    });

    it('ticked: this browser stays signed in, every device is signed out with password-changed', async () => {
      const baseUrl = await server.listen(0);
      const app = await signIn(server);
      const stream = await openStream(baseUrl, app.accessToken);
      const cookie = await loggedInCookie();
      const otherBrowser = await loggedInCookie();
      const res = await submit(cookie, { currentPassword: DEMO_ACCOUNT.password, newPassword: 'new-password-1', signOutAllDevices: 'yes' });
      expect(res.statusCode).toBe(303);
      expect(await stream.next('revoked')).toEqual({ type: 'revoked', reason: 'password-changed' });
      expect((await server.app.inject({ method: 'GET', url: API.session, headers: bearer(app.accessToken) })).json().error.reason).toBe(
        'password-changed',
      );
      const back = await server.app.inject({ method: 'GET', url: res.headers.location as string, cookies: { couchside_web: cookie } });
      expect(back.statusCode).toBe(200);
      expect(back.body).toContain('role="status">Your password has been changed, and every other device has been signed out.</p>');
      const other = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: otherBrowser } });
      expect(other.headers.location).toBe('/account/login?reason=password-changed');
      expect((await webLogin(DEMO_ACCOUNT.email, 'new-password-1')).statusCode).toBe(303);
    });

    it('unticked: only the password changes', async () => {
      const app = await signIn(server);
      const cookie = await loggedInCookie();
      const res = await submit(cookie, { currentPassword: DEMO_ACCOUNT.password, newPassword: 'new-password-2' });
      expect(res.headers.location).toBe('/account?done=password-changed');
      expect((await server.app.inject({ method: 'GET', url: API.session, headers: bearer(app.accessToken) })).statusCode).toBe(200);
      expect((await webLogin()).statusCode).toBe(401);
    });
  });
});

describe('uniqueLabels', () => {
  it('keeps unique names and numbers repeats, never taking another device\'s own name', () => {
    expect(uniqueLabels(['TV', 'Laptop'])).toEqual(['TV', 'Laptop']);
    expect(uniqueLabels(['TV', 'TV', 'TV'])).toEqual(['TV', 'TV (2)', 'TV (3)']);
    expect(uniqueLabels(['TV', 'TV', 'TV (2)'])).toEqual(['TV', 'TV (3)', 'TV (2)']);
  });
});
