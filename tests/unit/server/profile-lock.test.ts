import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API, type ProfilesResponse } from '../../../shared/api';
import type { Profile } from '../../../shared/types';
import { createServer, type CouchsideServer } from '../../../server/app';
import { MIGRATIONS } from '../../../server/migrations';
import { revokeAccountSessions } from '../../../server/sessions';
import { bearer, DEMO_ACCOUNT, jsonBody, memoryServer, signIn } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'couchside-profile-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PASSWORD = DEMO_ACCOUNT.password;

async function profiles(server: CouchsideServer, token: string): Promise<Profile[]> {
  const res = await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(token) });
  return (res.json() as ProfilesResponse).profiles;
}

const setPin = (server: CouchsideServer, token: string, id: string, body: unknown) =>
  server.app.inject({ method: 'PUT', url: API.profilePin(id), ...jsonBody(body, bearer(token)) });

const unlock = (server: CouchsideServer, token: string, id: string, pin: unknown) =>
  server.app.inject({ method: 'POST', url: API.profileUnlock(id), ...jsonBody({ pin }, bearer(token)) });

const home = (server: CouchsideServer, token: string, id: string) =>
  server.app.inject({ method: 'GET', url: `${API.home}?profileId=${encodeURIComponent(id)}`, headers: bearer(token) });

describe('profile locks', () => {
  let server: CouchsideServer;
  let token: string;
  let profileId: string;
  beforeEach(async () => {
    server = await memoryServer({ control: true });
    token = (await signIn(server)).accessToken;
    profileId = (await profiles(server, token))[0]!.id;
  });
  afterEach(() => server.close());

  it('setting needs the account password and a 4-digit PIN or null; other accounts get 404', async () => {
    const wrong = await setPin(server, token, profileId, { password: 'nope', pin: '1234' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error).toEqual({ code: 'wrong_current_password', message: "That's not the account password.", field: 'password' });

    for (const pin of ['123', '12345', 'abcd', '12 4', '١٢٣٤', '1234\n', 1234, true, {}, []]) {
      const res = await setPin(server, token, profileId, { password: PASSWORD, pin });
      expect(res.statusCode, JSON.stringify(pin)).toBe(400);
      expect(res.json().error).toEqual({ code: 'invalid_request', message: 'The PIN must be exactly 4 digits.', field: 'pin' });
    }
    for (const body of [{ pin: '1234' }, { password: '', pin: '1234' }, { password: 5, pin: '1234' }, { password: PASSWORD }, null, 'x']) {
      const res = await setPin(server, token, profileId, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }

    const other = await server.app.inject({
      method: 'POST',
      url: '/control/accounts',
      ...jsonBody({ email: 'other@example.com', password: 'other-password' }),
    });
    const otherProfile = (other.json() as { profiles: Profile[] }).profiles[0]!.id;
    for (const id of [otherProfile, 'unknown']) {
      const res = await setPin(server, token, id, { password: PASSWORD, pin: '1234' });
      expect(res.statusCode, id).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      expect((await unlock(server, token, id, '1234')).statusCode, id).toBe(404);
    }
    // Odd ids: a JSON 4xx, never a 500.
    for (const id of ['x'.repeat(500), '%', '..', ' ']) {
      for (const res of [await setPin(server, token, id, { password: PASSWORD, pin: '1234' }), await unlock(server, token, id, '1234')]) {
        expect(res.statusCode, id).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, id).toBeLessThan(500);
        expect(res.json().error.code).toBeTypeOf('string');
      }
    }
    expect((await profiles(server, token)).every((p) => !p.locked)).toBe(true);
  });

  it('the locked flag follows the PIN; home and profile choice wait for an unlock', async () => {
    expect((await home(server, token, profileId)).statusCode).toBe(200);
    expect((await setPin(server, token, profileId, { password: PASSWORD, pin: '1234' })).statusCode).toBe(204);
    const list = await profiles(server, token);
    expect(list.map((p) => p.locked)).toEqual(list.map((p) => p.id === profileId));

    const refused = await home(server, token, profileId);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toEqual({ code: 'profile_locked', message: 'This profile is locked. Enter its PIN.' });
    const choose = await server.app.inject({ method: 'POST', url: API.currentProfile, ...jsonBody({ profileId }, bearer(token)) });
    expect(choose.statusCode).toBe(403);
    expect(choose.json().error.code).toBe('profile_locked');
    // Other profiles are not affected.
    expect((await home(server, token, list[1]!.id)).statusCode).toBe(200);

    expect((await unlock(server, token, profileId, '1234')).statusCode).toBe(204);
    expect((await home(server, token, profileId)).statusCode).toBe(200);
    const chosen = await server.app.inject({ method: 'POST', url: API.currentProfile, ...jsonBody({ profileId }, bearer(token)) });
    expect(chosen.statusCode).toBe(204);

    // Per session: another device must unlock too.
    const other = (await signIn(server)).accessToken;
    expect((await home(server, other, profileId)).statusCode).toBe(403);
    expect((await unlock(server, other, profileId, '1234')).statusCode).toBe(204);
    expect((await home(server, other, profileId)).statusCode).toBe(200);

    // Unlocking an unlocked profile is a no-op.
    expect((await unlock(server, token, list[1]!.id, '0000')).statusCode).toBe(204);
  });

  it('changing the PIN drops earlier unlocks; removing it opens the profile for every session', async () => {
    const other = (await signIn(server)).accessToken;
    await setPin(server, token, profileId, { password: PASSWORD, pin: '1234' });
    await unlock(server, token, profileId, '1234');
    await unlock(server, other, profileId, '1234');
    expect((await home(server, other, profileId)).statusCode).toBe(200);

    expect((await setPin(server, token, profileId, { password: PASSWORD, pin: '5678' })).statusCode).toBe(204);
    expect((await home(server, token, profileId)).json().error.code).toBe('profile_locked');
    expect((await home(server, other, profileId)).json().error.code).toBe('profile_locked');
    expect((await unlock(server, other, profileId, '1234')).statusCode).toBe(403);
    expect((await unlock(server, other, profileId, '5678')).statusCode).toBe(204);

    expect((await setPin(server, token, profileId, { password: PASSWORD, pin: null })).statusCode).toBe(204);
    expect((await profiles(server, token)).every((p) => !p.locked)).toBe(true);
    expect((await home(server, token, profileId)).statusCode).toBe(200);
    expect((await home(server, other, profileId)).statusCode).toBe(200);
    const { n } = server.db.prepare('SELECT COUNT(*) AS n FROM profile_unlocks').get() as { n: number };
    expect(n).toBe(0);
  });

  it('an unlock ends with its session and after 12 hours', async () => {
    await setPin(server, token, profileId, { password: PASSWORD, pin: '1234' });
    await unlock(server, token, profileId, '1234');
    server.db.prepare('UPDATE profile_unlocks SET unlocked_at = ?').run(new Date(Date.now() - 12 * 3600_000 - 1000).toISOString());
    expect((await home(server, token, profileId)).json().error.code).toBe('profile_locked');
    await unlock(server, token, profileId, '1234');
    expect((await home(server, token, profileId)).statusCode).toBe(200);
    await server.app.inject({ method: 'POST', url: API.signOut, headers: bearer(token) });
    const { n } = server.db.prepare('SELECT COUNT(*) AS n FROM profile_unlocks').get() as { n: number };
    expect(n).toBe(0);
  });

  it('signing out of all devices ends every revoked session\'s unlocks and keeps the one spared', async () => {
    await setPin(server, token, profileId, { password: PASSWORD, pin: '1234' });
    const other = (await signIn(server)).accessToken;
    const third = (await signIn(server)).accessToken;
    for (const t of [token, other, third]) expect((await unlock(server, t, profileId, '1234')).statusCode).toBe(204);
    const ids = (server.db.prepare("SELECT session_id AS id FROM profile_unlocks ORDER BY unlocked_at, session_id").all() as { id: string }[]).map((r) => r.id);
    expect(ids).toHaveLength(3);
    const spared = ids[0]!;
    const accountId = (server.db.prepare('SELECT account_id AS a FROM sessions WHERE id = ?').get(spared) as { a: string }).a;
    const revoked = server.db.transaction(() => revokeAccountSessions(server.db, accountId, 'all-devices', spared))();
    expect(revoked).toEqual({ accountId, exceptSessionId: spared, count: 2 });
    const live = server.db.prepare('SELECT id FROM sessions WHERE account_id = ? AND revoked_at IS NULL').all(accountId);
    expect(live).toEqual([{ id: spared }]);
    expect(server.db.prepare('SELECT session_id AS id FROM profile_unlocks').all()).toEqual([{ id: spared }]);
  });

  it('wrong PINs say how many tries are left; the fifth locks out for 60 s, then 120 s; a right PIN resets', async () => {
    await setPin(server, token, profileId, { password: PASSWORD, pin: '1234' });
    for (const left of [4, 3, 2, 1]) {
      const res = await unlock(server, token, profileId, '0000');
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toEqual({ code: 'wrong_pin', message: `Wrong PIN. ${left} ${left === 1 ? 'try' : 'tries'} left.` });
    }
    const locked = await unlock(server, token, profileId, '0000');
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('60');
    expect(locked.json().error).toEqual({ code: 'pin_locked_out', message: 'Too many tries. Try again in 60 seconds.', retryAfterSeconds: 60 });

    // During the lock-out even the right PIN is refused, from any device.
    const other = (await signIn(server)).accessToken;
    const right = await unlock(server, other, profileId, '1234');
    expect(right.statusCode).toBe(429);
    expect(right.json().error.retryAfterSeconds).toBeGreaterThan(0);
    expect(right.json().error.retryAfterSeconds).toBeLessThanOrEqual(60);

    // The lock-out ends: five fresh tries, and the next lock-out doubles.
    server.db.prepare('UPDATE profiles SET pin_locked_until = ? WHERE id = ?').run(new Date(Date.now() - 1000).toISOString(), profileId);
    for (let i = 0; i < 4; i++) expect((await unlock(server, token, profileId, '9999')).statusCode).toBe(403);
    const second = await unlock(server, token, profileId, '9999');
    expect(second.statusCode).toBe(429);
    expect(second.json().error.retryAfterSeconds).toBe(120);

    // After it, a right PIN opens and resets the counters.
    server.db.prepare('UPDATE profiles SET pin_locked_until = ? WHERE id = ?').run(new Date(Date.now() - 1000).toISOString(), profileId);
    expect((await unlock(server, token, profileId, '1234')).statusCode).toBe(204);
    const row = server.db.prepare('SELECT pin_failures, pin_lockouts FROM profiles WHERE id = ?').get(profileId);
    expect(row).toEqual({ pin_failures: 0, pin_lockouts: 0 });
  });

  it('the lock-out is capped at one hour', async () => {
    await setPin(server, token, profileId, { password: PASSWORD, pin: '1234' });
    server.db.prepare('UPDATE profiles SET pin_lockouts = 30, pin_failures = 4 WHERE id = ?').run(profileId);
    const res = await unlock(server, token, profileId, '0000');
    expect(res.json().error).toMatchObject({ code: 'pin_locked_out', retryAfterSeconds: 3600 });
  });

  it('removing the PIN clears the tries', async () => {
    await setPin(server, token, profileId, { password: PASSWORD, pin: '1234' });
    for (let i = 0; i < 5; i++) await unlock(server, token, profileId, '0000');
    await setPin(server, token, profileId, { password: PASSWORD, pin: null });
    await setPin(server, token, profileId, { password: PASSWORD, pin: '4321' });
    const res = await unlock(server, token, profileId, '0000');
    expect(res.json().error.message).toBe('Wrong PIN. 4 tries left.');
  });

  it('bad unlock bodies are 400s, never 500s; no token is 401', async () => {
    await setPin(server, token, profileId, { password: PASSWORD, pin: '1234' });
    for (const pin of ['', '123', '12345', 'abcd', 1234, null]) {
      const res = await unlock(server, token, profileId, pin);
      expect(res.statusCode, JSON.stringify(pin)).toBe(400);
      expect(res.json().error).toEqual({ code: 'invalid_request', message: 'The PIN must be exactly 4 digits.', field: 'pin' });
    }
    for (const payload of ['', 'not json', '[]', '{}']) {
      const res = await server.app.inject({
        method: 'POST',
        url: API.profileUnlock(profileId),
        headers: { 'content-type': 'application/json', ...bearer(token) },
        payload,
      });
      expect(res.statusCode, payload).toBe(400);
    }
    // Malformed tries do not count against the limit.
    expect((await unlock(server, token, profileId, '0000')).json().error.message).toBe('Wrong PIN. 4 tries left.');
    expect((await unlock(server, 'nope', profileId, '1234')).statusCode).toBe(401);
    expect((await setPin(server, 'nope', profileId, { password: PASSWORD, pin: '1234' })).statusCode).toBe(401);
  });
});

describe('profile locks on a file database', () => {
  it('the PIN, the tries and the lock-out survive a restart; unlocks per session survive too', async () => {
    const dbPath = join(dir, 'locks.db');
    const first = await createServer({ dbPath });
    const { accessToken } = await signIn(first);
    const [a, b] = await profiles(first, accessToken);
    await setPin(first, accessToken, a!.id, { password: PASSWORD, pin: '1234' });
    await setPin(first, accessToken, b!.id, { password: PASSWORD, pin: '1111' });
    for (let i = 0; i < 5; i++) await unlock(first, accessToken, a!.id, '0000');
    await unlock(first, accessToken, b!.id, '1111');
    await first.close();

    const second = await createServer({ dbPath });
    try {
      expect(second.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect((await profiles(second, accessToken)).filter((p) => p.locked).length).toBe(2);
      const res = await unlock(second, accessToken, a!.id, '1234');
      expect(res.statusCode).toBe(429);
      expect(res.json().error.code).toBe('pin_locked_out');
      expect((await home(second, accessToken, a!.id)).statusCode).toBe(403);
      expect((await home(second, accessToken, b!.id)).statusCode).toBe(200);
    } finally {
      await second.close();
    }
  });
});
