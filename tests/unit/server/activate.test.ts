import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API, type DeviceCodeResponse } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { ACTIVATE_MESSAGES } from '../../../server/routes/activate';
import { csrfFrom, DEMO_ACCOUNT, DEVICE, FORM, form, jsonBody, memoryServer, webSession } from './helpers';

let now = Date.parse('2026-01-01T12:00:00.000Z');
let server: CouchsideServer;

beforeEach(async () => {
  now = Date.parse('2026-01-01T12:00:00.000Z');
  server = await memoryServer({ control: true, clock: () => now });
});
afterEach(() => server.close());

async function requestCode(): Promise<DeviceCodeResponse> {
  const res = await server.app.inject({ method: 'POST', url: API.deviceCode, ...jsonBody({ device: { ...DEVICE, name: 'Bedroom TV' } }) });
  return res.json() as DeviceCodeResponse;
}

const poll = (deviceCode: string) => server.app.inject({ method: 'POST', url: API.deviceToken, ...jsonBody({ deviceCode }) });

/** GET /activate as a signed-in browser: the page and its form's CSRF token. */
async function openActivate(cookie: string, query = '') {
  const page = await server.app.inject({ method: 'GET', url: `/activate${query}`, cookies: { couchside_web: cookie } });
  return { page, csrf: csrfFrom(page.body)! };
}

const post = (url: string, cookie: string, fields: Record<string, string>) =>
  server.app.inject({ method: 'POST', url, headers: FORM, cookies: { couchside_web: cookie }, payload: form(fields) });

describe('the activation page', () => {
  it('signed out: goes through sign-in and comes back with the code kept', async () => {
    const code = await requestCode();
    const first = await server.app.inject({ method: 'GET', url: `/activate?code=${code.userCode}` });
    expect(first.statusCode).toBe(303);
    const loginUrl = first.headers.location as string;
    expect(loginUrl).toMatch(/^\/account\/login\?/);
    expect(new URL(loginUrl, 'http://x').searchParams.get('next')).toBe(`/activate?code=${code.userCode}`);

    const login = await server.app.inject({ method: 'GET', url: loginUrl });
    expect(login.body).toContain('Sign in to your Couchside account to sign in your TV.');
    expect(login.body).toContain(`name="next" value="/activate?code=${code.userCode}"`);

    // A wrong password keeps the way back too.
    const wrong = await server.app.inject({
      method: 'POST',
      url: '/account/login',
      headers: FORM,
      payload: form({ email: DEMO_ACCOUNT.email, password: 'nope', next: `/activate?code=${code.userCode}` }),
    });
    expect(wrong.body).toContain(`name="next" value="/activate?code=${code.userCode}"`);

    const signedIn = await server.app.inject({
      method: 'POST',
      url: '/account/login',
      headers: FORM,
      payload: form({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, next: `/activate?code=${code.userCode}` }),
    });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe(`/activate?code=${code.userCode}`);
    const cookie = signedIn.cookies.find((c) => c.name === 'couchside_web')!.value;
    const { page } = await openActivate(cookie, `?code=${code.userCode}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<label for="code">Enter the code shown on your TV</label>');
    expect(page.body).toContain(`value="${code.userCode}"`);
  });

  it('never sends anyone elsewhere after sign-in', async () => {
    for (const next of ['https://evil.example/', '//evil.example', '/account/sign-out-all', '/activate/../x', '/activate?code=<script>']) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/account/login',
        headers: FORM,
        payload: form({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, next }),
      });
      expect(res.statusCode, next).toBe(303);
      expect(['/account', '/activate'], next).toContain(res.headers.location);
    }
  });

  it('enter → confirm → Sign in: the TV signs in on its next poll', async () => {
    const code = await requestCode();
    const { cookie } = await webSession(server);
    const home = await server.app.inject({ method: 'GET', url: '/account', cookies: { couchside_web: cookie } });
    expect(home.body).toContain('<a class="settings-link" href="/activate">Sign in a TV with a code</a>');

    const { csrf } = await openActivate(cookie);
    // Typed in lower case with a space: still the same code.
    const confirm = await post('/activate', cookie, { csrf, code: code.userCode.toLowerCase().replace('-', ' ') });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<h1>Sign in Bedroom TV?</h1>');
    expect(confirm.body).toContain('value="approve">Sign in</button>');
    expect(confirm.body).toContain('value="deny">Deny</button>');
    expect((await poll(code.deviceCode)).json().error.code).toBe('authorization_pending');

    const done = await post('/activate/confirm', cookie, { csrf: csrfFrom(confirm.body)!, code: code.userCode, decision: 'approve' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('<h1>Your TV is signed in</h1>');
    now += 5000;
    expect((await poll(code.deviceCode)).statusCode).toBe(200);

    // The same code again: a clear message on the form.
    const reused = await post('/activate', cookie, { csrf, code: code.userCode });
    expect(reused.statusCode).toBe(400);
    expect(reused.body).toContain(ACTIVATE_MESSAGES.used);
  });

  it('Deny: the TV hears access_denied', async () => {
    const code = await requestCode();
    const { cookie } = await webSession(server);
    const { csrf } = await openActivate(cookie);
    const denied = await post('/activate/confirm', cookie, { csrf, code: code.userCode, decision: 'deny' });
    expect(denied.body).toContain('<h1>Sign-in declined</h1>');
    const res = await poll(code.deviceCode);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'access_denied', message: 'The sign-in was declined on the account page.' });
  });

  it('wrong, malformed and expired codes get a message on the same form', async () => {
    const code = await requestCode();
    const { cookie } = await webSession(server);
    const { csrf } = await openActivate(cookie);
    const cases: [string, string][] = [
      ['', ACTIVATE_MESSAGES.empty],
      ['ABC', ACTIVATE_MESSAGES.format],
      ['AEIO-UAEI', ACTIVATE_MESSAGES.format],
      ['BBBB-BBBB', ACTIVATE_MESSAGES.unknown],
    ];
    for (const [typed, message] of cases) {
      const res = await post('/activate', cookie, { csrf, code: typed });
      expect(res.statusCode, typed).toBe(400);
      expect(res.body, typed).toContain('role="alert"');
      expect(res.body, typed).toContain(message.replace("'", '&#39;'));
      expect(res.body, typed).toContain('Enter the code shown on your TV</label>');
    }
    now += 600_000;
    const expired = await post('/activate', cookie, { csrf, code: code.userCode });
    expect(expired.statusCode).toBe(400);
    expect(expired.body).toContain(ACTIVATE_MESSAGES.expired);
    // Confirming a code that expired while the page was open is refused the same way.
    const late = await post('/activate/confirm', cookie, { csrf, code: code.userCode, decision: 'approve' });
    expect(late.body).toContain(ACTIVATE_MESSAGES.expired);
    expect((await poll(code.deviceCode)).json().error.code).toBe('expired_token');
  });

  it('enforces CSRF and same-site posts', async () => {
    const code = await requestCode();
    const { cookie } = await webSession(server);
    for (const fields of [{ code: code.userCode, decision: 'approve' }, { csrf: 'forged', code: code.userCode, decision: 'approve' }] as Record<string, string>[]) {
      const res = await post('/activate/confirm', cookie, fields);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('text/html');
    }
    const { csrf } = await openActivate(cookie);
    const crossSite = await server.app.inject({
      method: 'POST',
      url: '/activate/confirm',
      headers: { ...FORM, 'sec-fetch-site': 'cross-site' },
      cookies: { couchside_web: cookie },
      payload: form({ csrf, code: code.userCode, decision: 'approve' }),
    });
    expect(crossSite.statusCode).toBe(403);
    expect((await poll(code.deviceCode)).json().error.code).toBe('authorization_pending');

    // Signed out, a post goes to sign-in (keeping the code), not approving anything.
    const anonymous = await server.app.inject({ method: 'POST', url: '/activate/confirm', headers: FORM, payload: form({ code: code.userCode, decision: 'approve' }) });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/account/login?next=');
  });
});
