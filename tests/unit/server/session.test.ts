import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type HomeResponse, type ProfilesResponse } from '../../../shared/api';
import type { Title } from '../../../shared/types';
import type { CouchsideServer } from '../../../server/app';
import { createAccount } from '../../../server/seed';
import { bearer, DEMO_ACCOUNT, memoryServer, signIn } from './helpers';

let server: CouchsideServer;
let token: string;
let deviceId: string;
beforeAll(async () => {
  server = await memoryServer();
  ({ accessToken: token, deviceId } = await signIn(server));
});
afterAll(() => server.close());

const get = (url: string, headers: Record<string, string> = bearer(token)) => server.app.inject({ method: 'GET', url, headers });

describe('session check', () => {
  it('returns the account and this device', async () => {
    const res = await get(API.session);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      account: { email: DEMO_ACCOUNT.email, plan: 'Premium', memberSince: DEMO_ACCOUNT.memberSince },
      deviceId,
    });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('401 unauthorized without a token', async () => {
    const res = await get(API.session, {});
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('401 unauthorized for an unknown token', async () => {
    const res = await get(API.session, bearer('A'.repeat(43)));
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
    expect(res.json().error.reason).toBeUndefined();
  });

  it('401 unauthorized for a non-Bearer scheme', async () => {
    const res = await get(API.session, { authorization: `Token ${token}` });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });

  it('checks auth before validating the query', async () => {
    const res = await get(API.home, {});
    expect(res.statusCode).toBe(401);
  });

  it('health needs no token', async () => {
    const res = await get(API.health, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });
});

describe('profiles and home', () => {
  let profiles: ProfilesResponse['profiles'];
  beforeAll(async () => {
    profiles = (await get(API.profiles)).json().profiles;
  });

  it('lists the demo household in order, Kids last', () => {
    expect(profiles.map((p) => p.name)).toEqual(['Alex', 'Sam', 'Jordan', 'Kids']);
    expect(profiles.map((p) => p.kids)).toEqual([false, false, false, true]);
    expect(profiles.map((p) => p.maturity)).toEqual(['all', 'all', 'teens', 'kids']);
    for (const p of profiles) {
      expect(p).toEqual({ id: expect.any(String), name: expect.any(String), avatar: expect.any(String), maturity: expect.any(String), kids: expect.any(Boolean), locked: false, audioLanguage: 'en', subtitleLanguage: null });
    }
  });

  it('home has a hero and at least 3 non-empty rows for an adult profile', async () => {
    const res = await get(`${API.home}?profileId=${profiles[0]!.id}`);
    expect(res.statusCode).toBe(200);
    const home = res.json() as HomeResponse;
    expect(home.hero.id).toEqual(expect.any(String));
    expect(home.rows.length).toBeGreaterThanOrEqual(3);
    expect(home.rows[0]!.title).toBe('Trending Now');
    for (const row of home.rows) expect(row.items.length).toBeGreaterThan(0);
    const all = home.rows.flatMap((r) => r.items);
    expect(all.some((t) => !t.kids)).toBe(true);
  });

  it('a Kids profile sees only kids titles, everywhere', async () => {
    const kids = profiles.find((p) => p.kids)!;
    const res = await get(`${API.home}?profileId=${kids.id}`);
    expect(res.statusCode).toBe(200);
    const home = res.json() as HomeResponse;
    expect(home.rows.length).toBeGreaterThanOrEqual(3);
    const all: Title[] = [home.hero, ...home.rows.flatMap((r) => r.items)];
    for (const t of all) {
      expect(t.kids, t.title).toBe(true);
      expect(['TV-Y', 'TV-Y7', 'TV-G', 'G']).toContain(t.rating);
    }
  });

  it('400 without profileId', async () => {
    const res = await get(API.home);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
  });

  it('404 not_found for an unknown profile', async () => {
    const res = await get(`${API.home}?profileId=nope`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it("404 not_found for another account's profile", async () => {
    const other = await createAccount(server.db, {
      email: 'other@couchside.test',
      password: 'other-password',
    });
    const res = await get(`${API.home}?profileId=${other.profiles[0]!.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
