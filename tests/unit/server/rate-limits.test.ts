/**
 * Password guessing is limited: per account (kept in the database, so across restarts) and per
 * client address, at sign-in, on the account page and in the password re-check of PIN set-up;
 * sign-in code entry on /activate per address. Each refusal is a 429 with Retry-After and says
 * how long to wait. The control API can lift the limits (the kit does for bulk sign-ins).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { API, CONTROL } from '../../../shared/api';
import { createServer, type CouchsideServer } from '../../../server/app';
import { ACCOUNT_MAX_FAILURES } from '../../../server/guessing';
import { PASSWORD_TRIES_PER_ADDRESS } from '../../../server/rate-limits';
import { bearer, DEMO_ACCOUNT, DEVICE, form, FORM, jsonBody, memoryServer, signIn, webSession } from './helpers';

let server: CouchsideServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const dir = mkdtempSync(join(tmpdir(), 'couchside-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const attempt = (s: CouchsideServer, password: string, remoteAddress: string, email: string = DEMO_ACCOUNT.email) =>
  s.app.inject({ method: 'POST', url: API.signIn, remoteAddress, ...jsonBody({ email, password, device: DEVICE }) });

describe('guessing limits', () => {
  it(`${ACCOUNT_MAX_FAILURES} wrong passwords for an account (from many addresses): the next try waits, even with the right password, across a restart`, async () => {
    const dbPath = join(dir, 'account-limit.db');
    server = await createServer({ dbPath, logFile: null });
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) {
      const res = await attempt(server, `guess-${i}`, `10.0.0.${i + 1}`);
      expect(res.statusCode, `try ${i + 1}`).toBe(401);
    }
    const refused = await attempt(server, DEMO_ACCOUNT.password, '10.0.1.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'rate_limited', message: 'Too many wrong passwords for this account. Try again in 15 minutes.' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(14 * 60);
    // Another account is not affected.
    await server.app.inject({ method: 'POST', url: CONTROL.accounts, ...jsonBody({ email: 'other@couchside.test', password: 'other-password' }) });

    await server.close();
    server = await createServer({ dbPath, logFile: null, control: true });
    expect((await attempt(server, DEMO_ACCOUNT.password, '10.0.2.1')).statusCode).toBe(429);
    // The control API lifts the limits (tests, demos); the right password works again.
    await server.app.inject({ method: 'POST', url: CONTROL.rateLimits, ...jsonBody({ enabled: false }) });
    expect((await attempt(server, DEMO_ACCOUNT.password, '10.0.2.1')).statusCode).toBe(200);
  });

  it(`one address may try ${PASSWORD_TRIES_PER_ADDRESS.max} passwords a minute (any emails); the next is 429 with Retry-After; other addresses go on`, async () => {
    server = await memoryServer();
    for (let i = 0; i < PASSWORD_TRIES_PER_ADDRESS.max; i++) {
      expect((await attempt(server, 'wrong', '192.0.2.7', `nobody-${i}@couchside.test`)).statusCode).toBe(401);
    }
    const refused = await attempt(server, DEMO_ACCOUNT.password, '192.0.2.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/^Too many tries from this device\. Try again in \d+ (seconds?|minutes?)\.$/) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt(server, DEMO_ACCOUNT.password, '192.0.2.8')).statusCode).toBe(200);
  });

  it('the account page says how long to wait, on a page', async () => {
    server = await memoryServer();
    let last;
    for (let i = 0; i <= PASSWORD_TRIES_PER_ADDRESS.max; i++) {
      last = await server.app.inject({ method: 'POST', url: '/account/login', remoteAddress: '192.0.2.9', headers: FORM, payload: form({ email: DEMO_ACCOUNT.email, password: `nope-${i}` }) });
    }
    expect(last!.statusCode).toBe(429);
    expect(last!.headers['content-type']).toContain('text/html');
    expect(last!.body).toMatch(/Try again in \d+ (seconds?|minutes?)/);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  });

  it("the account page's per-account wait (many addresses) sends Retry-After as well", async () => {
    server = await memoryServer();
    let last;
    for (let i = 0; i <= ACCOUNT_MAX_FAILURES; i++) {
      last = await server.app.inject({ method: 'POST', url: '/account/login', remoteAddress: `198.51.100.${i + 1}`, headers: FORM, payload: form({ email: DEMO_ACCOUNT.email, password: `nope-${i}` }) });
    }
    expect(last!.statusCode).toBe(429);
    expect(last!.body).toContain('Too many wrong passwords for this account.');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('the password re-check before setting a profile PIN counts against the account too', async () => {
    server = await memoryServer();
    const { accessToken } = await signIn(server);
    const profiles = (await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(accessToken) })).json().profiles as { id: string }[];
    const setPin = (password: string) =>
      server!.app.inject({ method: 'PUT', url: API.profilePin(profiles[1]!.id), ...jsonBody({ password, pin: '1234' }, bearer(accessToken)) });
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) expect((await setPin(`wrong-${i}`)).statusCode).toBe(403);
    const refused = await setPin(DEMO_ACCOUNT.password);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toBe('Too many wrong passwords for this account. Try again in 15 minutes.');
  });

  it('sign-in code entry on /activate is limited per address', async () => {
    server = await memoryServer();
    const { cookie } = await webSession(server);
    let last;
    for (let i = 0; i <= 20; i++) {
      last = await server.app.inject({ method: 'POST', url: '/activate', remoteAddress: '192.0.2.10', headers: FORM, cookies: { couchside_web: cookie }, payload: form({ code: 'BCDF-GHJK', csrf: 'x' }) });
    }
    expect(last!.statusCode).toBe(429);
    expect(last!.body).toContain('Too many tries');
  });
});
