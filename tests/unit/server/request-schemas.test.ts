/**
 * The request schemas as the service applies them (shared/api-schemas.ts for the API,
 * server/control-schemas.ts for the control API): the schemas whose JSON Schema shape is not a
 * plain object of required fields (a body that may be absent, a PIN or null, an enum, additional
 * properties refused) keep the answers they had, each 400 naming its field, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, CONTROL } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { bearer, CONTROL_JSON, firstProfileId, jsonBody, memoryServer, signIn } from './helpers';

let server: CouchsideServer;
let token: string;
let profileId: string;
beforeAll(async () => {
  server = await memoryServer({ control: true, rateLimits: false });
  token = (await signIn(server)).accessToken;
  profileId = await firstProfileId(server, token);
});
afterAll(() => server.close());

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const send = (method: Method, url: string, body: unknown, headers: Record<string, string> = bearer(token)) =>
  server.app.inject({ method, url, ...jsonBody(body, headers) });

const invalid = (message: string, field?: string) => ({ code: 'invalid_request', message, ...(field ? { field } : {}) });

describe('a body that may be absent: the account password, asked again', () => {
  // An unknown device or profile: whatever gets past validation ends in a 4xx that changes nothing.
  const routes: Array<[Method, string]> = [
    ['POST', API.signOutAll],
    ['DELETE', API.device('no-such-device')],
    ['DELETE', API.profile('no-such-profile')],
  ];

  it.each(routes)('%s %s: a body that is not an object, or a bad password, is a 400 naming it', async (method, url) => {
    for (const [body, error] of [
      ['text', invalid('The request body must be a JSON object.')],
      [[], invalid('The request body must be a JSON object.')],
      [5, invalid('The request body must be a JSON object.')],
      [{ password: 5 }, invalid('Password has the wrong type.', 'password')],
      [{ password: null }, invalid('Password has the wrong type.', 'password')],
      [{ password: '' }, invalid('Enter your password.', 'password')],
      [{ password: 'x'.repeat(1025) }, invalid('Password is too long.', 'password')],
    ] as const) {
      const res = await send(method, url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error, JSON.stringify(body)).toEqual(error);
    }
  });

  it.each(routes)('%s %s: no body, a JSON null, {} or extra fields get past validation', async (method, url) => {
    const bodyless = await server.app.inject({ method, url, headers: bearer(token) });
    const answers = [bodyless, ...(await Promise.all([null, {}, { other: 1 }].map((body) => send(method, url, body))))];
    for (const res of answers) {
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code).not.toBe('invalid_request');
    }
  });
});

describe('a PIN or null', () => {
  it('null gets past validation (it removes a lock); anything else but 4 digits is the PIN message', async () => {
    const cleared = await send('PUT', API.profilePin(profileId), { password: 'not-the-password', pin: null });
    expect(cleared.json().error.code).toBe('wrong_current_password');
    for (const pin of [undefined, 1234, '123', false]) {
      const res = await send('PUT', API.profilePin(profileId), { password: 'not-the-password', pin });
      expect(res.statusCode, String(pin)).toBe(400);
      expect(res.json().error).toEqual(invalid('The PIN must be exactly 4 digits.', 'pin'));
    }
  });
});

describe('no type coercion', () => {
  it.each([
    ['PUT', API.progress('p', 't'), { positionSeconds: '12' }, invalid('The position must be a number of seconds, 0 or more.', 'positionSeconds')],
    ['POST', API.currentProfile, { profileId: 5 }, invalid('Profile has the wrong type.', 'profileId')],
    ['POST', API.password, { currentPassword: 'x', newPassword: 'y', signOutAllDevices: 'true' }, invalid('Sign out all devices has the wrong type.', 'signOutAllDevices')],
    ['PATCH', API.profile('p'), { kids: 1 }, invalid('Say whether this is a Kids profile (true or false).', 'kids')],
    ['PATCH', API.profile('p'), { maturity: 1 }, invalid('Choose a maturity rating for the profile: one of kids, older-kids, teens, all.', 'maturity')],
  ] as const)('%s %s %j', async (method, url, body, error) => {
    const res = await send(method, url, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual(error);
  });
});

describe('the device a client says it is', () => {
  it.each([
    [API.signIn, { email: 'demo@couchside.test', password: 'x', device: { name: '', platform: 'linux', appVersion: '1' } }],
    [API.deviceCode, { device: { name: '', platform: 'linux', appVersion: '1' } }],
  ])('%s: an empty device name is a 400 naming it', async (url, body) => {
    const res = await send('POST', url, body, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual(invalid('Device name is missing.', 'name'));
  });
});

describe('control API bodies', () => {
  it.each([
    [{ mode: 5 }, invalid('Mode has the wrong type.', 'mode')],
    [{ mode: 'broken' }, invalid('Mode must be one of: down, slow, normal.', 'mode')],
    [{ mode: 'down', forMs: '100' }, invalid('Duration (forMs) has the wrong type.', 'forMs')],
    [{ mode: 'down', forMs: 0 }, invalid('Duration (forMs) must be at least 1.', 'forMs')],
    [{ mode: 'slow', delayMs: 30_001 }, invalid('Delay (delayMs) must be at most 30000.', 'delayMs')],
  ])('outage %j', async (body, error) => {
    const res = await send('POST', CONTROL.outage, body, CONTROL_JSON);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual(error);
  });

  it('rate limits: a wrong type is a 400; an unknown field is dropped, not refused (Fastify’s Ajv removes additional properties)', async () => {
    const wrong = await send('POST', CONTROL.rateLimits, { enabled: 'no' }, CONTROL_JSON);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toEqual(invalid('The field "enabled" has the wrong type.', 'enabled'));
    const extra = await send('POST', CONTROL.rateLimits, { enabled: false, extra: 1 }, CONTROL_JSON);
    expect(extra.statusCode).toBe(200);
    expect(extra.json()).toEqual({ enabled: false });
  });

  it('accounts and seed: a nested field is named; an array item is named by its array', async () => {
    const pin = await send('POST', CONTROL.accounts, { email: 'pin@example.com', password: 'p', profiles: [{ name: 'A', pin: '12' }] }, CONTROL_JSON);
    expect(pin.statusCode).toBe(400);
    expect(pin.json().error).toEqual(invalid('The PIN must be exactly 4 digits.', 'pin'));
    const none = await send('POST', CONTROL.accounts, { email: 'none@example.com', password: 'p', profiles: [] }, CONTROL_JSON);
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toEqual(invalid('The field "profiles" is not valid.', 'profiles'));
    const seed = await send('POST', CONTROL.seed, { accounts: [{ email: 'not-an-email', password: 'p' }] }, CONTROL_JSON);
    expect(seed.statusCode).toBe(400);
    expect(seed.json().error).toEqual(invalid('Enter a valid email address.', 'email'));
    const item = await send('POST', CONTROL.seed, { accounts: [5] }, CONTROL_JSON);
    expect(item.statusCode).toBe(400);
    expect(item.json().error).toMatchObject({ code: 'invalid_request', field: 'accounts' });
  });
});
