import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API, CONTROL, CONTROL_HEADERS, type DeviceCodeResponse, type PendingDeviceCode, type SignInResponse } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { normalizeUserCode, USER_CODE_ALPHABET } from '../../../server/device-codes';
import { bearer, DEMO_ACCOUNT, DEVICE, jsonBody, memoryServer } from './helpers';

let now = Date.parse('2026-01-01T12:00:00.000Z');
let server: CouchsideServer;

beforeEach(async () => {
  now = Date.parse('2026-01-01T12:00:00.000Z');
  // As started for the LAN: it answers to its LAN address and name as well as loopback.
  server = await memoryServer({ control: true, clock: () => now, allowedHosts: ['192.168.1.20', 'couchside.local'] });
});
afterEach(() => server.close());

async function requestCode(headers: Record<string, string> = { host: '192.168.1.20:4700' }): Promise<DeviceCodeResponse> {
  const res = await server.app.inject({ method: 'POST', url: API.deviceCode, ...jsonBody({ device: { ...DEVICE, name: 'Bedroom TV' } }, headers) });
  expect(res.statusCode).toBe(200);
  return res.json() as DeviceCodeResponse;
}

const poll = (deviceCode: unknown, remoteAddress?: string) =>
  server.app.inject({ method: 'POST', url: API.deviceToken, ...jsonBody({ deviceCode }), remoteAddress });

const approve = (userCode: string, email: string = DEMO_ACCOUNT.email) =>
  server.app.inject({ method: 'POST', url: CONTROL.approveDeviceCode, ...jsonBody({ userCode, email }) });

const seconds = (s: number) => {
  now += s * 1000;
};

describe('sign in with a code (RFC 8628)', () => {
  it('hands out a secret device code and a short, readable user code with the activation links', async () => {
    const code = await requestCode();
    expect(code.userCode).toMatch(new RegExp(`^[${USER_CODE_ALPHABET}]{4}-[${USER_CODE_ALPHABET}]{4}$`));
    expect(code.deviceCode.length).toBeGreaterThanOrEqual(40);
    expect(code).toMatchObject({
      verificationUri: 'http://192.168.1.20:4700/activate',
      verificationUriComplete: `http://192.168.1.20:4700/activate?code=${code.userCode}`,
      expiresIn: 600,
      interval: 5,
    });
    // Only a digest of the device code is stored.
    const stored = JSON.stringify(server.db.prepare('SELECT * FROM device_codes').all());
    expect(stored).not.toContain(code.deviceCode);
    // The pending list shows it for demos (no secret in it).
    const pending = (await server.app.inject({ method: 'GET', url: CONTROL.deviceCodes, headers: CONTROL_HEADERS })).json() as PendingDeviceCode[];
    expect(pending).toEqual([{ userCode: code.userCode, deviceName: 'Bedroom TV', expiresAt: '2026-01-01T12:10:00.000Z' }]);
  });

  it('builds the links from the Host the client used; a host name it does not answer to gets 421, never a link', async () => {
    expect((await requestCode({ host: 'couchside.local:4700' })).verificationUri).toBe('http://couchside.local:4700/activate');
    expect((await requestCode({ host: '[::1]:4700' })).verificationUri).toBe('http://[::1]:4700/activate');
    for (const host of ['evil.example', 'evil.example/<script>', 'a b', 'x:99999', '"quoted"']) {
      const res = await server.app.inject({ method: 'POST', url: API.deviceCode, ...jsonBody({ device: { ...DEVICE, name: 'Bedroom TV' } }, { host }) });
      expect(res.statusCode, host).toBe(421);
      expect(res.json().error.code).toBe('misdirected');
      expect(res.body).not.toContain('<script>');
    }
  });

  it('refuses bad requests with 400s, never a 500', async () => {
    for (const body of [{}, { device: {} }, { device: { name: '', platform: 'x', appVersion: '1' } }, null, 'x']) {
      const res = await server.app.inject({ method: 'POST', url: API.deviceCode, ...jsonBody(body) });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    for (const deviceCode of ['', 5, null, 'x'.repeat(300)]) {
      const res = await poll(deviceCode);
      expect(res.statusCode, JSON.stringify(deviceCode)).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
    const unknown = await poll('not-a-real-code');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toEqual({ code: 'invalid_request', message: 'That sign-in code is not valid. Ask for a new one.' });
  });

  it('pending → slow_down (interval grows by 5 each time) → approved → signed in once, like a password sign-in', async () => {
    const code = await requestCode();
    const first = await poll(code.deviceCode);
    expect(first.statusCode).toBe(400);
    expect(first.json().error.code).toBe('authorization_pending');

    // Too soon: slow down, and the new interval holds for later polls.
    seconds(2);
    const slow = await poll(code.deviceCode);
    expect(slow.statusCode).toBe(400);
    expect(slow.json().error).toMatchObject({ code: 'slow_down', interval: 10 });
    seconds(6);
    expect((await poll(code.deviceCode)).json().error).toMatchObject({ code: 'slow_down', interval: 15 });
    seconds(15);
    expect((await poll(code.deviceCode)).json().error.code).toBe('authorization_pending');

    const approved = await approve(code.userCode.toLowerCase().replace('-', ' '));
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ deviceName: 'Bedroom TV' });
    expect((await server.app.inject({ method: 'GET', url: CONTROL.deviceCodes, headers: CONTROL_HEADERS })).json()).toEqual([]);

    seconds(15);
    const done = await poll(code.deviceCode, '192.168.1.20');
    expect(done.statusCode).toBe(200);
    const signedIn = done.json() as SignInResponse;
    expect(signedIn.account.email).toBe(DEMO_ACCOUNT.email);
    expect(signedIn.refreshToken).toBeTypeOf('string');

    // The tokens work, and the device shows in the list under its own name and location.
    const devices = await server.app.inject({ method: 'GET', url: API.devices, headers: bearer(signedIn.accessToken) });
    expect(devices.statusCode).toBe(200);
    expect(devices.json().devices.find((d: { current: boolean }) => d.current)).toMatchObject({
      id: signedIn.deviceId,
      name: 'Bedroom TV',
      kind: 'device',
    });
    const refreshed = await server.app.inject({ method: 'POST', url: API.refresh, ...jsonBody({ refreshToken: signedIn.refreshToken }) });
    expect(refreshed.statusCode).toBe(200);

    // A code signs in once.
    seconds(15);
    const again = await poll(code.deviceCode);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('expired_token');
    expect((await approve(code.userCode)).statusCode).toBe(409);
  });

  it('an unapproved code expires (and cannot be approved then); the control API can expire one early', async () => {
    const code = await requestCode();
    seconds(599);
    expect((await poll(code.deviceCode)).json().error.code).toBe('authorization_pending');
    seconds(1);
    expect((await poll(code.deviceCode)).json().error.code).toBe('expired_token');
    const late = await approve(code.userCode);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('expired_token');

    const second = await requestCode();
    expect(second.userCode).not.toBe(code.userCode);
    const expire = await server.app.inject({ method: 'POST', url: CONTROL.expireDeviceCode, ...jsonBody({ userCode: second.userCode }) });
    expect(expire.statusCode).toBe(200);
    expect((await poll(second.deviceCode)).json().error.code).toBe('expired_token');
    expect((await server.app.inject({ method: 'POST', url: CONTROL.expireDeviceCode, ...jsonBody({ userCode: 'BBBB-BBBB' }) })).statusCode).toBe(404);
  });

  it('expired codes are pruned after a while, and a reset wipes them', async () => {
    const { pruneDeviceCodes } = await import('../../../server/device-codes');
    await requestCode();
    expect(pruneDeviceCodes(server.db, now + 30 * 60 * 1000)).toBe(0);
    expect(pruneDeviceCodes(server.db, now + 2 * 60 * 60 * 1000)).toBe(1);
    await requestCode();
    await server.app.inject({ method: 'POST', url: CONTROL.reset, ...jsonBody({}) });
    expect(server.db.prepare('SELECT COUNT(*) AS n FROM device_codes').get()).toEqual({ n: 0 });
  });

  it('approving needs a known account and code', async () => {
    const code = await requestCode();
    expect((await approve(code.userCode, 'nobody@example.com')).statusCode).toBe(404);
    expect((await approve('BCDF-GHJK')).statusCode).toBe(404);
    expect((await approve('not a code')).statusCode).toBe(404);
  });

  it('user codes compare case-insensitively, ignoring dashes and spaces', () => {
    expect(normalizeUserCode('bcdf-ghjk')).toBe('BCDFGHJK');
    expect(normalizeUserCode(' BCDF GHJK ')).toBe('BCDFGHJK');
    expect(normalizeUserCode('BCDFGHJK')).toBe('BCDFGHJK');
    for (const bad of ['BCDF-GHJ', 'ABCD-EFGH', 'BCDF-GHJKL', '', 'BCDF_GHJK']) expect(normalizeUserCode(bad), bad).toBeNull();
  });
});
