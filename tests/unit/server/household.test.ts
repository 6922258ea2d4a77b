/**
 * What a TV may do without the account password (server/household.ts): no profile's maturity
 * rating goes up (a Kids profile cannot make itself a grown-up one), no profile rated above the one
 * in use is added, nobody at the TV changes someone else's profile or signs every device out
 * without the password, and the service (not only the screen) says so.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API, type ProfilesResponse } from '../../../shared/api';
import type { Profile } from '../../../shared/types';
import type { CouchsideServer } from '../../../server/app';
import { PASSWORD_REASONS, WRONG_ACCOUNT_PASSWORD } from '../../../server/household';
import { bearer, DEMO_ACCOUNT, jsonBody, memoryServer, signIn, signOutAll } from './helpers';

const PASSWORD = DEMO_ACCOUNT.password;

describe('household: the account password where a TV is shared', () => {
  let server: CouchsideServer;
  let tv: string;
  let byName: Record<string, Profile>;

  const inject = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET', url: string, token: string, body?: unknown) =>
    body === undefined ? server.app.inject({ method, url, headers: bearer(token) }) : server.app.inject({ method, url, ...jsonBody(body, bearer(token)) });
  const use = async (token: string, name: string) =>
    expect((await inject('POST', API.currentProfile, token, { profileId: byName[name]!.id })).statusCode).toBe(204);
  const profiles = async (token: string) => ((await inject('GET', API.profiles, token)).json() as ProfilesResponse).profiles;
  const sessionLive = async (token: string) => (await inject('GET', API.session, token)).statusCode === 200;

  beforeEach(async () => {
    server = await memoryServer({ control: true });
    tv = (await signIn(server)).accessToken;
    byName = Object.fromEntries((await profiles(tv)).map((p) => [p.name, p]));
  });
  afterEach(() => server.close());

  it('a Kids profile cannot turn itself into a grown-up profile without the password', async () => {
    await use(tv, 'Kids');
    const kids = byName.Kids!;
    const none = await inject('PATCH', API.profile(kids.id), tv, { maturity: 'all' });
    expect(none.statusCode).toBe(403);
    expect(none.json().error).toEqual({ code: 'password_required', message: PASSWORD_REASONS.leaveKids('Kids'), field: 'password' });
    const wrong = await inject('PATCH', API.profile(kids.id), tv, { maturity: 'all', password: 'guess-1234' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error).toEqual({ code: 'wrong_current_password', message: WRONG_ACCOUNT_PASSWORD, field: 'password' });
    // Still a Kids profile, and its catalog is still the kids' one.
    expect((await profiles(tv)).find((p) => p.id === kids.id)).toMatchObject({ maturity: 'kids', kids: true });
    // Older clients turning the Kids flag off are asked the same.
    expect((await inject('PATCH', API.profile(kids.id), tv, { kids: false })).json().error).toMatchObject({
      code: 'password_required',
      message: PASSWORD_REASONS.leaveKids('Kids'),
    });
    // Any step up counts, not only to All.
    expect((await inject('PATCH', API.profile(kids.id), tv, { maturity: 'older-kids' })).json().error).toMatchObject({
      code: 'password_required',
      message: PASSWORD_REASONS.leaveKids('Kids'),
    });
    const home = await inject('GET', `${API.home}?profileId=${kids.id}`, tv);
    expect(home.json().rows.flatMap((r: { items: { kids: boolean }[] }) => r.items).every((t: { kids: boolean }) => t.kids)).toBe(true);

    // Its own name and avatar are its own to change.
    expect((await inject('PATCH', API.profile(kids.id), tv, { name: 'Little ones', avatar: 'panda' })).statusCode).toBe(200);
    const right = await inject('PATCH', API.profile(kids.id), tv, { maturity: 'all', password: PASSWORD });
    expect(right.statusCode).toBe(200);
    expect(right.json().profile).toMatchObject({ name: 'Little ones', maturity: 'all', kids: false });
  });

  it('raising any maturity rating needs the password, even on the profile in use; lowering it does not', async () => {
    await use(tv, 'Jordan');
    const jordan = byName.Jordan!.id;
    const set = (maturity: string, password?: string) => inject('PATCH', API.profile(jordan), tv, password ? { maturity, password } : { maturity });
    // Down (the demo's Jordan is a Teens profile): the profile's own to choose.
    expect(byName.Jordan!.maturity).toBe('teens');
    expect((await set('older-kids')).json().profile).toMatchObject({ maturity: 'older-kids', kids: false });
    // Up again: asked each time, whatever the step, with the new rating in the words.
    for (const [to, label] of [
      ['teens', 'Teens'],
      ['all', 'All'],
    ] as const) {
      const res = await set(to);
      expect(res.statusCode, to).toBe(403);
      expect(res.json().error).toEqual({ code: 'password_required', message: PASSWORD_REASONS.raiseMaturity('Jordan', label), field: 'password' });
      expect((await set(to, 'not-it')).json().error.code).toBe('wrong_current_password');
    }
    expect((await profiles(tv)).find((p) => p.id === jordan)?.maturity).toBe('older-kids');
    expect(PASSWORD_REASONS.raiseMaturity('Jordan', 'Teens')).toBe('Enter the account password to raise the maturity rating of Jordan to Teens.');
    expect((await set('teens', PASSWORD)).json().profile.maturity).toBe('teens');
    // The same rating again is no raise.
    expect((await set('teens')).statusCode).toBe(200);
  });

  it('a Teens profile in use adds profiles up to Teens freely; one rated All needs the password', async () => {
    await use(tv, 'Jordan');
    expect(byName.Jordan!.maturity).toBe('teens');
    expect((await inject('POST', API.profiles, tv, { name: 'Twin', avatar: 'owl', maturity: 'teens' })).statusCode).toBe(201);
    const above = await inject('POST', API.profiles, tv, { name: 'Grown', avatar: 'fox', maturity: 'all' });
    expect(above.statusCode).toBe(403);
    expect(above.json().error).toEqual({ code: 'password_required', message: PASSWORD_REASONS.addAbove('Jordan', 'Teens'), field: 'password' });
    // Older clients' kids: false is All, asked the same.
    expect((await inject('POST', API.profiles, tv, { name: 'Grown', avatar: 'fox', kids: false })).json().error.code).toBe('password_required');
    expect((await profiles(tv)).map((p) => p.name)).toEqual(['Alex', 'Sam', 'Jordan', 'Kids', 'Twin']);
    // The rules that hang on Kids (signing another device out, say) stay with Kids.
    const laptop = (await signIn(server)).accessToken;
    const laptopDevice = (await inject('GET', API.session, laptop)).json().deviceId as string;
    expect((await inject('DELETE', API.device(laptopDevice), tv)).statusCode).toBe(204);
  });

  it('from a Kids profile: deleting it, adding a grown-up profile and signing another device out need the password', async () => {
    const laptop = (await signIn(server)).accessToken;
    const laptopDevice = (await inject('GET', API.session, laptop)).json().deviceId as string;
    await use(tv, 'Kids');

    const del = await inject('DELETE', API.profile(byName.Kids!.id), tv);
    expect(del.json().error).toEqual({ code: 'password_required', message: PASSWORD_REASONS.deleteKids('Kids'), field: 'password' });
    for (const maturity of ['older-kids', 'teens', 'all']) {
      const grownUp = await inject('POST', API.profiles, tv, { name: 'Teen', avatar: 'fox', maturity });
      expect(grownUp.statusCode, maturity).toBe(403);
      expect(grownUp.json().error).toEqual({ code: 'password_required', message: PASSWORD_REASONS.addGrownUp, field: 'password' });
    }
    const device = await inject('DELETE', API.device(laptopDevice), tv);
    expect(device.json().error).toEqual({ code: 'password_required', message: PASSWORD_REASONS.signOutDeviceFromKids, field: 'password' });
    expect(await sessionLive(laptop)).toBe(true);
    expect((await profiles(tv)).map((p) => p.name)).toEqual(['Alex', 'Sam', 'Jordan', 'Kids']);

    // Another Kids profile is fine; with the password, the rest goes through.
    const tiny = await inject('POST', API.profiles, tv, { name: 'Tiny', avatar: 'owl', maturity: 'kids' });
    expect(tiny.statusCode).toBe(201);
    expect((await inject('DELETE', API.profile(tiny.json().profile.id), tv, { password: PASSWORD })).statusCode).toBe(204);
    expect((await inject('POST', API.profiles, tv, { name: 'Teen', avatar: 'fox', maturity: 'teens', password: PASSWORD })).statusCode).toBe(201);
    expect((await inject('DELETE', API.device(laptopDevice), tv, { password: PASSWORD })).statusCode).toBe(204);
    expect(await sessionLive(laptop)).toBe(false);
    expect((await inject('DELETE', API.profile(byName.Kids!.id), tv, { password: PASSWORD })).statusCode).toBe(204);
  });

  it("changing or deleting someone else's profile needs the password; one's own does not", async () => {
    await use(tv, 'Alex');
    const sam = byName.Sam!;
    const rename = await inject('PATCH', API.profile(sam.id), tv, { name: 'Samantha' });
    expect(rename.statusCode).toBe(403);
    expect(rename.json().error).toEqual({ code: 'password_required', message: PASSWORD_REASONS.changeOther('Sam'), field: 'password' });
    expect((await inject('DELETE', API.profile(sam.id), tv)).json().error).toEqual({
      code: 'password_required',
      message: PASSWORD_REASONS.deleteOther('Sam'),
      field: 'password',
    });
    expect((await inject('PATCH', API.profile(sam.id), tv, { name: 'Samantha', password: PASSWORD })).json().profile.name).toBe('Samantha');

    // Lowering someone else's rating is still changing someone else's profile.
    expect((await inject('PATCH', API.profile(sam.id), tv, { maturity: 'kids' })).json().error).toEqual({
      code: 'password_required',
      message: PASSWORD_REASONS.changeOther('Samantha'),
      field: 'password',
    });

    // Alex's own profile: no password to rename, make it a Kids profile, or delete it (no body at all).
    expect((await inject('PATCH', API.profile(byName.Alex!.id), tv, { name: 'Lex' })).statusCode).toBe(200);
    expect((await inject('PATCH', API.profile(byName.Alex!.id), tv, { maturity: 'kids' })).json().profile).toMatchObject({ maturity: 'kids', kids: true });
    const other = (await signIn(server)).accessToken;
    await use(other, 'Jordan');
    expect((await inject('DELETE', API.profile(byName.Jordan!.id), other)).statusCode).toBe(204);
  });

  it("a locked profile whose PIN was entered on this TV counts as the TV's own", async () => {
    await use(tv, 'Alex');
    const sam = byName.Sam!;
    const pin = await inject('PUT', API.profilePin(sam.id), tv, { password: PASSWORD, pin: '2468' });
    expect(pin.statusCode).toBe(204);
    // Not yet unlocked here: the PIN is asked, not the password.
    expect((await inject('PATCH', API.profile(sam.id), tv, { name: 'Sammy' })).json().error.code).toBe('profile_locked');
    expect((await inject('POST', API.profileUnlock(sam.id), tv, { pin: '2468' })).statusCode).toBe(204);
    expect((await inject('PATCH', API.profile(sam.id), tv, { name: 'Sammy' })).json().profile).toMatchObject({ name: 'Sammy', locked: true });
  });

  it('signing out of all devices needs the password, and a wrong one signs nobody out', async () => {
    const laptop = (await signIn(server)).accessToken;
    const none = await inject('POST', API.signOutAll, tv);
    expect(none.statusCode).toBe(403);
    expect(none.json().error).toEqual({ code: 'password_required', message: PASSWORD_REASONS.signOutAll, field: 'password' });
    expect((await signOutAll(server, tv, 'not-the-password')).json().error.code).toBe('wrong_current_password');
    expect(await sessionLive(tv)).toBe(true);
    expect(await sessionLive(laptop)).toBe(true);

    expect((await signOutAll(server, tv)).statusCode).toBe(204);
    expect(await sessionLive(tv)).toBe(false);
    expect(await sessionLive(laptop)).toBe(false);
  });

  it('checks the password on its own, counted like every try (then 429 with a wait)', async () => {
    expect((await inject('POST', API.passwordCheck, tv, { password: PASSWORD })).statusCode).toBe(204);
    const wrong = await inject('POST', API.passwordCheck, tv, { password: 'nope' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error).toEqual({ code: 'wrong_current_password', message: WRONG_ACCOUNT_PASSWORD, field: 'password' });
    for (let i = 0; i < 9; i++) await inject('POST', API.passwordCheck, tv, { password: `nope-${i}` });
    const limited = await inject('POST', API.passwordCheck, tv, { password: PASSWORD });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
  });

  it('bad password bodies are 400s, never 500s', async () => {
    await use(tv, 'Alex');
    const sam = byName.Sam!.id;
    for (const [method, url, body] of [
      ['POST', API.signOutAll, { password: 5 }],
      ['POST', API.signOutAll, []],
      ['POST', API.passwordCheck, {}],
      ['POST', API.passwordCheck, { password: '' }],
      ['DELETE', API.profile(sam), { password: ['x'] }],
      ['DELETE', API.profile(sam), 'text'],
      ['PATCH', API.profile(sam), { name: 'X', password: 'x'.repeat(2000) }],
    ] as const) {
      const res = await inject(method, url, tv, body);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
    expect(await sessionLive(tv)).toBe(true);
  });
});
