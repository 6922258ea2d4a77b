import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { DEMO_ACCOUNT, DEVICE, memoryServer } from './helpers';

let server: CouchsideServer;
beforeAll(async () => {
  // Many sign-ins in a row from one address: the guessing limits are lifted here (rate-limits.test.ts covers them).
  server = await memoryServer({ rateLimits: false });
});
afterAll(() => server.close());

const post = (payload: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  server.app.inject({ method: 'POST', url: API.signIn, headers, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

describe('POST sign-in', () => {
  it('returns a token set, the device id and the account summary', async () => {
    const before = Date.now();
    const res = await post({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, device: DEVICE });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['accessExpiresAt', 'accessToken', 'account', 'deviceId', 'refreshToken']);
    expect(body.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.refreshToken).not.toBe(body.accessToken);
    // Default access lifetime: 15 minutes.
    const ttl = Date.parse(body.accessExpiresAt) - before;
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000 + 1000);
    expect(body.deviceId).toEqual(expect.any(String));
    expect(body.account).toEqual({ email: DEMO_ACCOUNT.email, plan: 'Premium', memberSince: DEMO_ACCOUNT.memberSince });
  });

  it('matches the email case-insensitively and ignores surrounding spaces', async () => {
    const res = await post({ email: '  Demo@CouchSide.TEST ', password: DEMO_ACCOUNT.password, device: DEVICE });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    ['empty email', { email: '', password: 'x', device: DEVICE }, 'Enter your email address.', 'email'],
    ['empty password', { email: DEMO_ACCOUNT.email, password: '', device: DEVICE }, 'Enter your password.', 'password'],
    ['missing email', { password: 'x', device: DEVICE }, 'Enter your email address.', 'email'],
    ['missing device', { email: DEMO_ACCOUNT.email, password: 'x' }, undefined, 'device'],
    ['not an email', { email: 'demo', password: 'x', device: DEVICE }, 'Enter a valid email address.', 'email'],
    ['numeric password', { email: DEMO_ACCOUNT.email, password: 12345, device: DEVICE }, undefined, 'password'],
    ['over-long email', { email: `${'a'.repeat(300)}@x.test`, password: 'x', device: DEVICE }, undefined, 'email'],
    ['over-long password', { email: DEMO_ACCOUNT.email, password: 'p'.repeat(2000), device: DEVICE }, undefined, 'password'],
    ['empty device name', { email: DEMO_ACCOUNT.email, password: 'x', device: { ...DEVICE, name: '' } }, undefined, 'name'],
    ['array body', [1, 2], 'The request body must be a JSON object.', undefined],
  ])('400 invalid_request for %s, naming the field', async (_name, payload, message, field) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
    expect(res.json().error.message).toEqual(message ?? expect.any(String));
    // The field is data a form can use, never a guess from the words.
    expect(res.json().error.field).toBe(field);
  });

  it('400 invalid_request for malformed JSON', async () => {
    const res = await post('{"email": "demo@couchside.test",');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'invalid_request', message: 'The request body is not valid JSON.' } });
  });

  it('400 for an empty JSON body', async () => {
    const res = await post('');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('415 for content type %s', async (type) => {
    const res = await post('email=demo%40couchside.test&password=x', { 'content-type': type });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('invalid_request');
  });

  it('401 unknown_email with a message for people', async () => {
    const res = await post({ email: 'nobody@couchside.test', password: 'whatever', device: DEVICE });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unknown_email', message: 'No account found for that email.', field: 'email' } });
  });

  it('401 wrong_password with a message for people', async () => {
    const res = await post({ email: DEMO_ACCOUNT.email, password: 'not-the-password', device: DEVICE });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'wrong_password', message: 'Incorrect password.', field: 'password' } });
  });

  it('413 for a body over the limit', async () => {
    const res = await post({ email: DEMO_ACCOUNT.email, password: 'x'.repeat(40_000), device: DEVICE });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('invalid_request');
  });

  it('rejects prototype poisoning as bad JSON, not a crash', async () => {
    const res = await post('{"__proto__": {"admin": true}, "email": "demo@couchside.test", "password": "x", "device": {}}');
    expect(res.statusCode).toBe(400);
  });
});

describe('malformed requests never give a 500', () => {
  const cases: { method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'; url: string; headers?: Record<string, string>; payload?: string }[] = [
    { method: 'POST', url: API.signIn },
    { method: 'POST', url: API.signIn, headers: { 'content-type': 'application/json' }, payload: 'null' },
    { method: 'POST', url: API.signIn, headers: { 'content-type': 'application/json' }, payload: '"string"' },
    { method: 'POST', url: API.signIn, headers: { 'content-type': 'application/json' }, payload: '42' },
    { method: 'POST', url: API.signIn, headers: { 'content-type': 'application/json' }, payload: '{"email":null,"password":null,"device":null}' },
    { method: 'POST', url: API.signIn, headers: { 'content-type': 'application/json' }, payload: '{"email":["a@b.c"],"password":{},"device":[]}' },
    { method: 'POST', url: API.signIn, headers: { 'content-type': 'application/json' }, payload: '\u0000\u0001' },
    { method: 'POST', url: API.signIn, headers: { 'content-type': 'application/json; charset=latin1' }, payload: '{}' },
    { method: 'POST', url: API.signIn, headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--' },
    { method: 'POST', url: API.signIn, headers: { 'content-type': '' }, payload: '{}' },
    { method: 'POST', url: API.signIn, headers: { 'content-type': '!!!' }, payload: '{}' },
    { method: 'GET', url: API.signIn },
    { method: 'PUT', url: API.session },
    { method: 'DELETE', url: API.profiles },
    { method: 'PATCH', url: '/v1/nope' },
    { method: 'GET', url: `${API.home}?profileId=` },
    { method: 'GET', url: `${API.home}?profileId=a&profileId=b`, headers: { authorization: 'Bearer x' } },
    { method: 'GET', url: API.session, headers: { authorization: 'Bearer ' } },
    { method: 'GET', url: API.session, headers: { authorization: `Bearer ${'a'.repeat(5000)}` } },
    { method: 'GET', url: API.session, headers: { authorization: 'Basic ZGVtbzp4' } },
    { method: 'GET', url: API.profiles, headers: { authorization: 'Bearer \u00ff\u00fe' } },
    { method: 'POST', url: API.signOut, headers: { 'content-type': 'application/json' }, payload: '{bad' },
    { method: 'POST', url: API.signOutAll, headers: { 'content-type': 'text/plain' }, payload: 'x' },
    { method: 'GET', url: '/v1/../../etc/passwd' },
    { method: 'GET', url: '/%E0%A4%A' },
    { method: 'POST', url: '/control/reset' },
    { method: 'POST', url: '/account/login', headers: { 'content-type': 'application/json' }, payload: '{"email":1}' },
    { method: 'POST', url: '/account/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email[]=a&email[]=b&password=%' },
    { method: 'POST', url: '/account/sign-out-all', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'couchside_web=%%%' }, payload: 'csrf=1' },
    { method: 'GET', url: '/account?x=%ZZ' },
    { method: 'POST', url: API.refresh },
    { method: 'POST', url: API.refresh, headers: { 'content-type': 'application/json' }, payload: '{"refreshToken":{"$gt":""}}' },
    { method: 'POST', url: API.refresh, headers: { 'content-type': 'text/plain' }, payload: 'token' },
    { method: 'GET', url: API.refresh },
    { method: 'GET', url: API.devices },
    { method: 'GET', url: API.devices, headers: { authorization: 'Bearer x' } },
    { method: 'PATCH', url: API.device('x'), headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, payload: '{bad' },
    { method: 'PATCH', url: API.device('%'), headers: { 'content-type': 'application/json' }, payload: '{}' },
    { method: 'DELETE', url: API.device('') },
    { method: 'DELETE', url: `${API.devices}/a/b` },
    { method: 'PUT', url: API.device('x') },
    { method: 'POST', url: API.currentProfile, headers: { 'content-type': 'application/json' }, payload: '[]' },
    { method: 'POST', url: API.password, headers: { 'content-type': 'application/json' }, payload: '{"currentPassword":1}' },
    { method: 'GET', url: API.password },
    { method: 'POST', url: '/account/password', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'newPassword[]=a' },
    { method: 'POST', url: '/account/devices/sign-out', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'couchside_web=x' }, payload: 'deviceId=%' },
    { method: 'GET', url: '/account?done[]=x&device=%' },
  ];

  it.each(cases)('$method $url ($headers) -> 4xx with an error body', async ({ method, url, headers, payload }) => {
    const res = await server.app.inject({ method, url, headers, payload });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(300);
    expect(res.statusCode, res.body).toBeLessThan(500);
    if (res.headers['content-type']?.toString().startsWith('application/json')) {
      const body = res.json();
      expect(body.error.code).toEqual(expect.any(String));
      expect(body.error.message).toEqual(expect.any(String));
    }
  });
});
