import { describe, expect, it } from 'vitest';
import type { AppInfo, BridgeMethods } from '../../../../shared/bridge';
import { ApiClient } from '../../../../electron/core/api-client';
import { createBridgeHandlers, KIOSK_LOCKED_MESSAGE, PROFILE_MESSAGES } from '../../../../electron/core/bridge-handlers';
import { DemoReset } from '../../../../electron/core/demo-reset';
import { KioskController } from '../../../../electron/core/kiosk';
import { silentLogger } from '../../../../electron/core/log';
import { DEMO, makeDevice, type Device, useTestService } from './helpers';

let url: string;
const devices: Device[] = [];

useTestService((_server, u) => {
  url = u;
}, devices);

async function signedIn(): Promise<{ d: Device; h: BridgeMethods }> {
  const d = makeDevice(url, { stream: false });
  devices.push(d);
  await d.session.restore();
  const controller = new KioskController(d.kv, { log: silentLogger });
  const demo = new DemoReset({ api: new ApiClient({ baseUrl: url }), session: d.session, kiosk: controller, credentials: DEMO, log: silentLogger });
  const appInfo: AppInfo = { version: '0.0.0-test', serverUrl: url, host: 'web', kiosk: false };
  const h = createBridgeHandlers(d.session, appInfo, { controller, demo }, d.kv);
  expect((await h.signIn(DEMO.email, DEMO.password)).ok).toBe(true);
  return { d, h };
}

async function names(h: BridgeMethods): Promise<string[]> {
  const r = await h.listProfiles();
  if (!r.ok) throw new Error(r.error.message);
  return r.value.map((p) => p.name);
}

describe('Manage profiles through the client core', () => {
  it('adds, renames, re-avatars and deletes a profile', async () => {
    const { h } = await signedIn();
    const added = await h.createProfile({ name: ' Grandma ', avatar: 'panda', maturity: 'all' });
    expect(added).toMatchObject({ ok: true, value: { name: 'Grandma', avatar: 'panda', maturity: 'all', kids: false, locked: false } });
    if (!added.ok) return;
    expect(await names(h)).toEqual(['Alex', 'Sam', 'Jordan', 'Kids', 'Grandma']);

    // Grandma is not the profile in use on this device: the service asks for the account password.
    expect(await h.updateProfile(added.value.id, { name: 'Nana' })).toEqual({
      ok: false,
      error: { code: 'password_required', message: 'Enter the account password to change Grandma. It is not the profile in use on this TV.', field: 'password' },
    });
    expect(await h.updateProfile(added.value.id, { name: 'Nana' }, 'wrong-password')).toEqual({
      ok: false,
      error: { code: 'wrong_password', message: "That's not the account password.", field: 'password' },
    });
    const changed = await h.updateProfile(added.value.id, { name: 'Nana', avatar: 'owl', maturity: 'kids' }, DEMO.password);
    expect(changed).toEqual({ ok: true, value: { ...added.value, name: 'Nana', avatar: 'owl', maturity: 'kids', kids: true } });
    expect(await h.deleteProfile(added.value.id)).toMatchObject({ ok: false, error: { code: 'password_required' } });
    expect(await h.deleteProfile(added.value.id, DEMO.password)).toEqual({ ok: true, value: null });
    expect(await names(h)).toEqual(['Alex', 'Sam', 'Jordan', 'Kids']);
    expect(await h.deleteProfile(added.value.id, DEMO.password)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('checks the account password on its own, and sends it only as a string', async () => {
    const { h } = await signedIn();
    expect(await h.checkPassword(DEMO.password)).toEqual({ ok: true, value: null });
    expect(await h.checkPassword('nope')).toEqual({ ok: false, error: { code: 'wrong_password', message: "That's not the account password.", field: 'password' } });
    const call = h as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const bad = { ok: false, error: { code: 'invalid_input', message: 'Enter the account password.', field: 'password' } };
    for (const password of ['', 5, {}]) {
      expect(await call.checkPassword!(password), JSON.stringify(password)).toEqual(bad);
      expect(await call.signOutAllDevices!(password), JSON.stringify(password)).toEqual(bad);
    }
    expect(await call.checkPassword!(undefined)).toEqual(bad);
    const tooLong = { ok: false, error: { code: 'invalid_input', message: 'That is too long.', field: 'password' } };
    expect(await call.checkPassword!('x'.repeat(400))).toEqual(tooLong);
    expect(await call.signOutAllDevices!('x'.repeat(400))).toEqual(tooLong);
  });

  it('in kiosk mode, profile changes and signing every device out are refused, not only hidden', async () => {
    const { h } = await signedIn();
    expect((await h.enableKiosk('2468')).ok).toBe(true);
    const locked = { ok: false, error: { code: 'kiosk_locked', message: KIOSK_LOCKED_MESSAGE } };
    const all = await h.listProfiles();
    const id = all.ok ? all.value[0]!.id : '';
    expect(await h.createProfile({ name: 'Visitor', avatar: 'fox', maturity: 'all' }, DEMO.password)).toEqual(locked);
    expect(await h.updateProfile(id, { name: 'Visitor' }, DEMO.password)).toEqual(locked);
    expect(await h.deleteProfile(id, DEMO.password)).toEqual(locked);
    expect(await h.signOutAllDevices(DEMO.password)).toEqual(locked);
    expect(await names(h)).toEqual(['Alex', 'Sam', 'Jordan', 'Kids']);
    expect((await h.exitKiosk('2468')).ok).toBe(true);
    expect(await h.createProfile({ name: 'Visitor', avatar: 'fox', maturity: 'all' })).toMatchObject({ ok: true });
  });

  it("reports the service's refusals in the user's words", async () => {
    const { d, h } = await signedIn();
    expect(await h.createProfile({ name: 'sam', avatar: 'fox', maturity: 'all' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'There is already a profile called Sam.', field: 'name' },
    });
    expect((await h.createProfile({ name: 'Fifth', avatar: 'cat', maturity: 'all' })).ok).toBe(true);
    expect(await h.createProfile({ name: 'Sixth', avatar: 'cat', maturity: 'all' })).toEqual({
      ok: false,
      error: { code: 'profile_limit', message: 'An account can have up to 5 profiles. Delete one to add another.' },
    });
    const all = await h.listProfiles();
    if (!all.ok) throw new Error('list failed');
    for (const p of all.value.slice(1)) expect((await h.deleteProfile(p.id, DEMO.password)).ok).toBe(true);
    expect(await h.deleteProfile(all.value[0]!.id, DEMO.password)).toEqual({
      ok: false,
      error: { code: 'last_profile', message: 'This is the only profile on the account, so it cannot be deleted.' },
    });
    // A locked profile needs its PIN on this device first.
    await h.setProfilePin(all.value[0]!.id, DEMO.password, '1234');
    expect(await h.updateProfile(all.value[0]!.id, { name: 'X' })).toMatchObject({ ok: false, error: { code: 'profile_locked' } });
    // None of these is an auth failure.
    expect(d.session.getState().status).toBe('signed-in');
  });

  it('checks what the renderer sends before it reaches the service', async () => {
    const { h } = await signedIn();
    const call = h as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const bad = (message: string, field?: string) => ({ ok: false, error: { code: 'invalid_input', message, ...(field ? { field } : {}) } });
    const cases: [unknown, string, string?][] = [
      [undefined, PROFILE_MESSAGES.details, 'profile'],
      ['Ana', PROFILE_MESSAGES.details, 'profile'],
      [[], PROFILE_MESSAGES.details, 'profile'],
      [{ avatar: 'fox', maturity: 'all' }, PROFILE_MESSAGES.name, 'name'],
      [{ name: '  ', avatar: 'fox', maturity: 'all' }, PROFILE_MESSAGES.name, 'name'],
      [{ name: 'x'.repeat(21), avatar: 'fox', maturity: 'all' }, 'Profile names can be at most 20 characters (this one has 21).', 'name'],
      [{ name: 'Ana', avatar: 'unicorn', maturity: 'all' }, PROFILE_MESSAGES.avatar, 'avatar'],
      [{ name: 'Ana', avatar: 'fox' }, PROFILE_MESSAGES.maturity, 'maturity'],
      [{ name: 'Ana', avatar: 'fox', maturity: 'adults' }, PROFILE_MESSAGES.maturity, 'maturity'],
      [{ name: 'Ana', avatar: 'fox', maturity: true }, PROFILE_MESSAGES.maturity, 'maturity'],
      [{ name: 'Ana', avatar: 'fox', maturity: 'all', pin: '1234' }, PROFILE_MESSAGES.unknownChange, 'profile'],
    ];
    for (const [input, message, field] of cases) expect(await call.createProfile!(input), JSON.stringify(input)).toEqual(bad(message, field));
    const all = await h.listProfiles();
    const id = all.ok ? all.value[0]!.id : '';
    expect(await call.updateProfile!(id, { maturity: 'R' })).toEqual(bad(PROFILE_MESSAGES.maturity, 'maturity'));
    expect(await call.updateProfile!(id, { kids: false })).toEqual(bad(PROFILE_MESSAGES.unknownChange, 'changes'));
    expect(await call.updateProfile!(id, { name: '' })).toEqual(bad(PROFILE_MESSAGES.name, 'name'));
    expect(await call.updateProfile!(id, null)).toEqual(bad(PROFILE_MESSAGES.details, 'changes'));
    for (const badId of [undefined, '', 5, 'x'.repeat(101)]) {
      expect(await call.updateProfile!(badId, { name: 'A' })).toEqual(bad('Unknown profile.', 'profileId'));
      expect(await call.deleteProfile!(badId)).toEqual(bad('Unknown profile.', 'profileId'));
    }
    expect(await names(h)).toEqual(['Alex', 'Sam', 'Jordan', 'Kids']);
  });

  it("sets the profile in use's languages without the password; refuses languages the service does not stream", async () => {
    const { h } = await signedIn();
    const all = await h.listProfiles();
    if (!all.ok) throw new Error(all.error.message);
    const [alex, sam] = all.value;
    expect(alex).toMatchObject({ audioLanguage: 'en', subtitleLanguage: null });
    expect(await h.selectProfile(alex!.id)).toEqual({ ok: true, value: null });
    expect(await h.updateProfile(alex!.id, { subtitleLanguage: 'fr', audioLanguage: 'fr' })).toEqual({
      ok: true,
      value: { ...alex, audioLanguage: 'fr', subtitleLanguage: 'fr' },
    });
    expect(await h.updateProfile(alex!.id, { subtitleLanguage: null })).toMatchObject({ ok: true, value: { audioLanguage: 'fr', subtitleLanguage: null } });
    // Someone else's profile: the household rule, as for its name.
    expect(await h.updateProfile(sam!.id, { subtitleLanguage: 'fr' })).toMatchObject({ ok: false, error: { code: 'password_required' } });

    const call = h as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const bad = (message: string, field: string) => ({ ok: false, error: { code: 'invalid_input', message, field } });
    expect(await call.updateProfile!(alex!.id, { audioLanguage: 'de' })).toEqual(bad(PROFILE_MESSAGES.audioLanguage, 'audioLanguage'));
    expect(await call.updateProfile!(alex!.id, { audioLanguage: null })).toEqual(bad(PROFILE_MESSAGES.audioLanguage, 'audioLanguage'));
    expect(await call.updateProfile!(alex!.id, { subtitleLanguage: 'off' })).toEqual(bad(PROFILE_MESSAGES.subtitleLanguage, 'subtitleLanguage'));
    // A new profile takes the defaults; its languages are changed afterwards.
    expect(await call.createProfile!({ name: 'Ana', avatar: 'fox', maturity: 'all', audioLanguage: 'fr' })).toEqual(bad(PROFILE_MESSAGES.unknownChange, 'profile'));
    const now = await h.listProfiles();
    expect(now.ok && now.value.map((p) => [p.name, p.audioLanguage, p.subtitleLanguage])).toEqual([
      ['Alex', 'fr', null],
      ['Sam', 'en', null],
      ['Jordan', 'en', null],
      ['Kids', 'en', null],
    ]);
  });

  it('needs a session', async () => {
    const d = makeDevice(url, { stream: false });
    devices.push(d);
    await d.session.restore();
    expect(await d.session.createProfile({ name: 'A', avatar: 'fox', maturity: 'all' })).toMatchObject({ ok: false, error: { code: 'signed_out' } });
  });
});
