import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API, type ProfileResponse, type ProfilesResponse } from '../../../shared/api';
import { MAX_PROFILES, type Profile } from '../../../shared/types';
import type { CouchsideServer } from '../../../server/app';
import { bearer, DEMO_ACCOUNT, jsonBody, memoryServer, signIn } from './helpers';

const create = (server: CouchsideServer, token: string, body: unknown) =>
  server.app.inject({ method: 'POST', url: API.profiles, ...jsonBody(body, bearer(token)) });
const update = (server: CouchsideServer, token: string, id: string, body: unknown) =>
  server.app.inject({ method: 'PATCH', url: API.profile(id), ...jsonBody(body, bearer(token)) });
const remove = (server: CouchsideServer, token: string, id: string, password?: string) =>
  password === undefined
    ? server.app.inject({ method: 'DELETE', url: API.profile(id), headers: bearer(token) })
    : server.app.inject({ method: 'DELETE', url: API.profile(id), ...jsonBody({ password }, bearer(token)) });

async function profiles(server: CouchsideServer, token: string): Promise<Profile[]> {
  const res = await server.app.inject({ method: 'GET', url: API.profiles, headers: bearer(token) });
  return (res.json() as ProfilesResponse).profiles;
}

describe('profiles management', () => {
  let server: CouchsideServer;
  let token: string;
  beforeEach(async () => {
    server = await memoryServer({ control: true });
    token = (await signIn(server)).accessToken;
    // This TV is watching as Alex (changing another profile needs the password: household.test.ts).
    const [alex] = await profiles(server, token);
    await server.app.inject({ method: 'POST', url: API.currentProfile, ...jsonBody({ profileId: alex!.id }, bearer(token)) });
  });
  afterEach(() => server.close());

  it('adds a profile with a trimmed name at the end of the list, and other devices see it', async () => {
    const res = await create(server, token, { name: '  Grandma  ', avatar: 'panda', maturity: 'all' });
    expect(res.statusCode).toBe(201);
    const { profile } = res.json() as ProfileResponse;
    expect(profile).toMatchObject({ name: 'Grandma', avatar: 'panda', maturity: 'all', kids: false, locked: false });
    const other = (await signIn(server)).accessToken;
    expect((await profiles(server, other)).map((p) => p.name)).toEqual(['Alex', 'Sam', 'Jordan', 'Kids', 'Grandma']);
  });

  it('refuses bad names, avatars, maturity ratings and bodies with clear 400s, never a 500', async () => {
    const CHOOSE_MATURITY = 'Choose a maturity rating for the profile: one of kids, older-kids, teens, all.';
    const cases: [unknown, string, string][] = [
      [{ name: '   ', avatar: 'fox', maturity: 'all' }, 'Enter a name for the profile.', 'name'],
      [{ avatar: 'fox', maturity: 'all' }, 'Enter a name for the profile.', 'name'],
      [{ name: 'x'.repeat(21), avatar: 'fox', maturity: 'all' }, 'Profile names can be at most 20 characters (this one has 21).', 'name'],
      [{ name: 'x'.repeat(500), avatar: 'fox', maturity: 'all' }, 'Profile names can be at most 20 characters (this one has 500).', 'name'],
      [{ name: 'Ana', avatar: 'unicorn', maturity: 'all' }, 'Choose one of the avatars.', 'avatar'],
      [{ name: 'Ana', avatar: 5, maturity: 'all' }, 'Choose one of the avatars.', 'avatar'],
      [{ name: 'Ana', avatar: 'fox', maturity: 'adults' }, CHOOSE_MATURITY, 'maturity'],
      [{ name: 'Ana', avatar: 'fox', maturity: 'KIDS' }, CHOOSE_MATURITY, 'maturity'],
      [{ name: 'Ana', avatar: 'fox', maturity: 3 }, CHOOSE_MATURITY, 'maturity'],
      [{ name: 'Ana', avatar: 'fox', maturity: null }, CHOOSE_MATURITY, 'maturity'],
      [{ name: 'Ana', avatar: 'fox' }, CHOOSE_MATURITY, 'maturity'],
      [{ name: 'Ana', avatar: 'fox', kids: 'yes' }, 'Say whether this is a Kids profile (true or false).', 'kids'],
      [{ name: 'Ana', avatar: 'fox', maturity: 'teens', kids: true }, 'The maturity rating and the Kids flag disagree. Send the maturity rating alone.', 'kids'],
    ];
    for (const [body, message, field] of cases) {
      const res = await create(server, token, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toEqual({ code: 'invalid_request', message, field });
    }
    for (const body of [null, 'x', [], 42]) {
      const res = await create(server, token, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
    // A 20-character name (emoji count as one) is fine.
    expect((await create(server, token, { name: '🦊'.repeat(20), avatar: 'fox', maturity: 'kids' })).statusCode).toBe(201);
    expect(await profiles(server, token)).toHaveLength(5);
  });

  it('names are unique per account, ignoring case; another account may reuse them', async () => {
    const res = await create(server, token, { name: 'ALEX', avatar: 'fox', maturity: 'all' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'conflict', message: 'There is already a profile called Alex.', field: 'name' });
    const [alex, sam] = await profiles(server, token);
    const renamed = await update(server, token, sam!.id, { name: 'alex', password: DEMO_ACCOUNT.password });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json().error.message).toBe('There is already a profile called Alex.');
    // Changing only the case of its own name is allowed.
    expect((await update(server, token, alex!.id, { name: 'ALEX' })).json()).toMatchObject({ profile: { name: 'ALEX' } });

    await server.app.inject({ method: 'POST', url: '/control/accounts', ...jsonBody({ email: 'ana@example.com', password: 'ana-password' }) });
    const ana = (await signIn(server, 'ana@example.com', 'ana-password')).accessToken;
    expect((await create(server, ana, { name: 'Alex', avatar: 'owl', maturity: 'all' })).statusCode).toBe(201);
  });

  it(`stops at ${MAX_PROFILES} profiles with profile_limit`, async () => {
    expect((await create(server, token, { name: 'Fifth', avatar: 'cat', maturity: 'teens' })).statusCode).toBe(201);
    const res = await create(server, token, { name: 'Sixth', avatar: 'dog', maturity: 'all' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'profile_limit', message: 'An account can have up to 5 profiles. Delete one to add another.' });
    expect(await profiles(server, token)).toHaveLength(MAX_PROFILES);
  });

  it('changes any subset of name, avatar and maturity rating', async () => {
    const [alex] = await profiles(server, token);
    const res = await update(server, token, alex!.id, { avatar: 'robot', maturity: 'teens' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ profile: { ...alex, avatar: 'robot', maturity: 'teens', kids: false } });
    expect((await update(server, token, alex!.id, { name: ' Lex ' })).json()).toMatchObject({ profile: { name: 'Lex', avatar: 'robot', maturity: 'teens' } });
    expect((await update(server, token, alex!.id, {})).json()).toMatchObject({ profile: { name: 'Lex', maturity: 'teens' } });
    // Lowering one's own profile all the way to Kids needs no password; it is then a Kids profile.
    expect((await update(server, token, alex!.id, { maturity: 'kids' })).json()).toMatchObject({ profile: { maturity: 'kids', kids: true } });
    for (const [body, message, field] of [
      [{ name: '' }, 'Enter a name for the profile.', 'name'],
      [{ avatar: 'dragon' }, 'Choose one of the avatars.', 'avatar'],
      [{ maturity: 'adult' }, 'Choose a maturity rating for the profile: one of kids, older-kids, teens, all.', 'maturity'],
      [{ maturity: ['all'] }, 'Choose a maturity rating for the profile: one of kids, older-kids, teens, all.', 'maturity'],
      [{ kids: 1 }, 'Say whether this is a Kids profile (true or false).', 'kids'],
    ] as const) {
      const bad = await update(server, token, alex!.id, body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json().error).toEqual({ code: 'invalid_request', message, field });
    }
    expect((await profiles(server, token))[0]).toMatchObject({ name: 'Lex', maturity: 'kids' });
    for (const id of ['unknown', '%25']) {
      expect((await update(server, token, id, { name: 'X' })).statusCode, id).toBe(404);
      expect((await remove(server, token, id)).statusCode, id).toBe(404);
    }
    // An absurd id is a JSON 4xx too, never a 500.
    for (const res of [await update(server, token, 'x'.repeat(300), { name: 'X' }), await remove(server, token, 'x'.repeat(300))]) {
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code).toBeTypeOf('string');
    }
  });

  it("older clients' Kids flag still works: true is Kids, false is All, and false on a non-Kids profile changes nothing", async () => {
    const tiny = (await create(server, token, { name: 'Tiny', avatar: 'owl', kids: true })).json() as ProfileResponse;
    expect(tiny.profile).toMatchObject({ name: 'Tiny', maturity: 'kids', kids: true });
    expect((await remove(server, token, tiny.profile.id, DEMO_ACCOUNT.password)).statusCode).toBe(204);
    const grown = (await create(server, token, { name: 'Grown', avatar: 'cat', kids: false })).json() as ProfileResponse;
    expect(grown.profile).toMatchObject({ name: 'Grown', maturity: 'all', kids: false });
    // Alex (in use here) lowered to Teens; an old client renaming it sends kids: false with the rename.
    const [alex] = await profiles(server, token);
    expect((await update(server, token, alex!.id, { maturity: 'teens' })).statusCode).toBe(200);
    expect((await update(server, token, alex!.id, { name: 'Lex', kids: false })).json()).toMatchObject({ profile: { name: 'Lex', maturity: 'teens' } });
    expect((await update(server, token, alex!.id, { kids: true })).json()).toMatchObject({ profile: { maturity: 'kids', kids: true } });
  });

  it("cannot touch another account's profiles", async () => {
    const created = await server.app.inject({ method: 'POST', url: '/control/accounts', ...jsonBody({ email: 'ana@example.com', password: 'ana-password' }) });
    const theirs = (created.json() as { profiles: Profile[] }).profiles[0]!;
    expect((await update(server, token, theirs.id, { name: 'Mine' })).statusCode).toBe(404);
    expect((await remove(server, token, theirs.id)).statusCode).toBe(404);
  });

  it('deletes a profile with its progress, My List and unlocks; devices that used it show no profile', async () => {
    const [alex, sam] = await profiles(server, token);
    const { db } = server;
    const titleId = (db.prepare('SELECT id FROM titles LIMIT 1').get() as { id: string }).id;
    const now = new Date().toISOString();
    db.prepare('INSERT INTO my_list (profile_id, title_id, added_at) VALUES (?, ?, ?)').run(sam!.id, titleId, now);
    db.prepare('INSERT INTO watch_progress (profile_id, title_id, position_seconds, duration_seconds, updated_at) VALUES (?, ?, 60, 600, ?)').run(sam!.id, titleId, now);
    db.prepare('INSERT INTO my_list (profile_id, title_id, added_at) VALUES (?, ?, ?)').run(alex!.id, titleId, now);
    await server.app.inject({ method: 'POST', url: API.currentProfile, ...jsonBody({ profileId: sam!.id }, bearer(token)) });

    const res = await remove(server, token, sam!.id);
    expect(res.statusCode).toBe(204);
    expect((await profiles(server, token)).map((p) => p.name)).toEqual(['Alex', 'Jordan', 'Kids']);
    const count = (sql: string, id: string) => (db.prepare(sql).get(id) as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM my_list WHERE profile_id = ?', sam!.id)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM watch_progress WHERE profile_id = ?', sam!.id)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM my_list WHERE profile_id = ?', alex!.id)).toBe(1);
    const devices = await server.app.inject({ method: 'GET', url: API.devices, headers: bearer(token) });
    expect(devices.json().devices[0].lastProfile).toBeNull();
    expect((await remove(server, token, sam!.id)).statusCode).toBe(404);
  });

  it('the only profile cannot be deleted (last_profile)', async () => {
    const all = await profiles(server, token);
    for (const p of all.slice(1)) expect((await remove(server, token, p.id, DEMO_ACCOUNT.password)).statusCode).toBe(204);
    const res = await remove(server, token, all[0]!.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: 'last_profile', message: 'This is the only profile on the account, so it cannot be deleted.' });
    expect(await profiles(server, token)).toHaveLength(1);
  });

  it('a locked profile can be changed or deleted only by a session that unlocked it', async () => {
    const [alex] = await profiles(server, token);
    const pin = await server.app.inject({ method: 'PUT', url: API.profilePin(alex!.id), ...jsonBody({ password: DEMO_ACCOUNT.password, pin: '1234' }, bearer(token)) });
    expect(pin.statusCode).toBe(204);
    const locked = await update(server, token, alex!.id, { name: 'Hacked' });
    expect(locked.statusCode).toBe(403);
    expect(locked.json().error.code).toBe('profile_locked');
    expect((await remove(server, token, alex!.id)).json().error.code).toBe('profile_locked');

    await server.app.inject({ method: 'POST', url: API.profileUnlock(alex!.id), ...jsonBody({ pin: '1234' }, bearer(token)) });
    expect((await update(server, token, alex!.id, { name: 'Alexandra' })).json()).toMatchObject({ profile: { name: 'Alexandra', locked: true } });
    // Another device has not unlocked it.
    const other = (await signIn(server)).accessToken;
    expect((await remove(server, other, alex!.id)).statusCode).toBe(403);
    expect((await remove(server, token, alex!.id)).statusCode).toBe(204);
  });

  it('needs a signed-in device', async () => {
    expect((await create(server, 'nope', { name: 'X', avatar: 'fox', maturity: 'all' })).statusCode).toBe(401);
    expect((await server.app.inject({ method: 'DELETE', url: API.profile('x') })).statusCode).toBe(401);
  });
});
