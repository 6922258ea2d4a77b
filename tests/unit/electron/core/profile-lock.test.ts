import { describe, expect, it } from 'vitest';
import { callVerb, RELOCK_CHOICES, type AppInfo, type BridgeHandlers, type BridgeMethods, type DevicePreferences } from '../../../../shared/bridge';
import { ApiClient, ApiError } from '../../../../electron/core/api-client';
import { createBridgeHandlers, PROFILE_PIN_MESSAGES } from '../../../../electron/core/bridge-handlers';
import { openConfStore } from '../../../../electron/core/conf-store';
import { DemoReset } from '../../../../electron/core/demo-reset';
import { KioskController } from '../../../../electron/core/kiosk';
import { silentLogger } from '../../../../electron/core/log';
import { DEFAULT_PREFERENCES, PREFERENCE_MESSAGES, PreferencesStore } from '../../../../electron/core/preferences';
import { toBridgeError } from '../../../../electron/core/session-manager';
import { DEMO, makeDevice, tempDir, type Device, useTestService } from './helpers';

/** `prefs.set` behind the verb table's check, as the setPreferences verb calls it with what the renderer sent. */
function setChecked(prefs: PreferencesStore, raw: unknown): Promise<unknown> {
  return callVerb({ setPreferences: async (update) => prefs.set(update) } as BridgeHandlers, 'setPreferences', [raw]);
}

let url: string;
const devices: Device[] = [];

useTestService((_server, u) => {
  url = u;
}, devices);

const appInfo = (): AppInfo => ({ version: '0.0.0-test', serverUrl: url, host: 'web', kiosk: false });

function bridgeFor(d: Device): BridgeMethods {
  const controller = new KioskController(d.kv, { log: silentLogger });
  const demo = new DemoReset({ api: new ApiClient({ baseUrl: url }), session: d.session, kiosk: controller, credentials: DEMO, log: silentLogger });
  return createBridgeHandlers(d.session, appInfo(), { controller, demo }, d.kv);
}

async function signedInDevice(): Promise<{ d: Device; h: BridgeMethods }> {
  const d = makeDevice(url, { stream: false });
  devices.push(d);
  await d.session.restore();
  const h = bridgeFor(d);
  expect(await h.signIn(DEMO.email, DEMO.password)).toMatchObject({ ok: true });
  return { d, h };
}

async function firstProfileId(h: BridgeMethods): Promise<string> {
  const r = await h.listProfiles();
  if (!r.ok) throw new Error(r.error.message);
  return r.value[0]!.id;
}

describe('profile locks through the client core', () => {
  it('sets a PIN (the account password is asked), locks home until unlocked, and keeps the session', async () => {
    const { d, h } = await signedInDevice();
    const id = await firstProfileId(h);

    expect(await h.setProfilePin(id, 'not-the-password', '1234')).toEqual({
      ok: false,
      error: { code: 'wrong_password', message: "That's not the account password.", field: 'password' },
    });
    expect(await h.setProfilePin(id, DEMO.password, '1234')).toEqual({ ok: true, value: null });
    const list = await h.listProfiles();
    expect(list.ok && list.value.find((p) => p.id === id)?.locked).toBe(true);
    expect(list.ok && list.value.filter((p) => p.locked).length).toBe(1);

    const clearsBefore = d.session.clearCount;
    expect(await h.getHome(id)).toEqual({ ok: false, error: { code: 'profile_locked', message: 'This profile is locked. Enter its PIN.' } });
    expect(await h.selectProfile(id)).toMatchObject({ ok: false, error: { code: 'profile_locked' } });
    // Not an auth failure: still signed in, nothing wiped.
    expect(d.session.clearCount).toBe(clearsBefore);
    expect(d.session.getState().status).toBe('signed-in');
    expect(d.kv.get('session')).toBeDefined();

    expect(await h.unlockProfile(id, '0000')).toEqual({ ok: false, error: { code: 'wrong_pin', message: 'Wrong PIN. 4 tries left.' } });
    expect(await h.unlockProfile(id, '1234')).toEqual({ ok: true, value: null });
    expect(await h.getHome(id)).toMatchObject({ ok: true });
    expect(await h.selectProfile(id)).toEqual({ ok: true, value: null });

    // Removing the lock.
    expect(await h.setProfilePin(id, DEMO.password, null)).toEqual({ ok: true, value: null });
    const after = await h.listProfiles();
    expect(after.ok && after.value.every((p) => !p.locked)).toBe(true);
  });

  it('the fifth wrong PIN locks out with retryAfterSeconds, and every try is refused meanwhile', async () => {
    const { d, h } = await signedInDevice();
    const id = await firstProfileId(h);
    await h.setProfilePin(id, DEMO.password, '1234');
    for (const left of ['4 tries', '3 tries', '2 tries', '1 try']) {
      expect(await h.unlockProfile(id, '9999')).toEqual({ ok: false, error: { code: 'wrong_pin', message: `Wrong PIN. ${left} left.` } });
    }
    expect(await h.unlockProfile(id, '9999')).toEqual({
      ok: false,
      error: { code: 'locked_out', message: 'Too many tries. Try again in 60 seconds.', retryAfterSeconds: 60 },
    });
    const right = await h.unlockProfile(id, '1234');
    expect(right.ok).toBe(false);
    if (!right.ok) {
      expect(right.error.code).toBe('locked_out');
      expect(right.error.retryAfterSeconds).toBeGreaterThan(0);
      expect(right.error.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    expect(d.session.getState().status).toBe('signed-in');
  });

  it('checks the arguments before they reach the service', async () => {
    const { h } = await signedInDevice();
    const id = await firstProfileId(h);
    const call = h as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const format = { ok: false, error: { code: 'invalid_input', message: PROFILE_PIN_MESSAGES.format, field: 'pin' } };
    expect(PROFILE_PIN_MESSAGES.format).toBe('Enter the 4-digit PIN.');
    for (const pin of ['', '123', '12345', 'abcd', '١٢٣٤', 1234, null, undefined, ['1234']]) {
      expect(await call.unlockProfile!(id, pin), JSON.stringify(pin)).toEqual(format);
    }
    for (const pin of ['123', 'abcd', 1234, undefined]) {
      expect(await call.setProfilePin!(id, DEMO.password, pin), JSON.stringify(pin)).toEqual(format);
    }
    for (const password of ['', undefined, 42, null]) {
      expect(await call.setProfilePin!(id, password, '1234')).toEqual({ ok: false, error: { code: 'invalid_input', message: PROFILE_PIN_MESSAGES.password, field: 'password' } });
    }
    for (const bad of [undefined, '', 5, 'x'.repeat(101)]) {
      expect(await call.unlockProfile!(bad, '1234')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await call.setProfilePin!(bad, DEMO.password, '1234')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    // Nothing reached the service: the profile is still unlocked and no try was counted.
    const list = await h.listProfiles();
    expect(list.ok && list.value.every((p) => !p.locked)).toBe(true);
    // An unknown profile is the service's 404.
    expect(await h.unlockProfile('no-such-profile', '1234')).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('signed out: the verbs answer signed_out', async () => {
    const d = makeDevice(url, { stream: false });
    devices.push(d);
    await d.session.restore();
    const h = bridgeFor(d);
    expect(await h.unlockProfile('p', '1234')).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    expect(await h.setProfilePin('p', 'pw', null)).toMatchObject({ ok: false, error: { code: 'signed_out' } });
  });
});

describe('toBridgeError for profile locks', () => {
  it('maps the service codes to bridge codes', () => {
    expect(toBridgeError(new ApiError(403, 'wrong_pin', 'Wrong PIN. 2 tries left.'))).toEqual({ code: 'wrong_pin', message: 'Wrong PIN. 2 tries left.' });
    expect(toBridgeError(new ApiError(429, 'pin_locked_out', 'Too many tries.', undefined, 30))).toEqual({
      code: 'locked_out',
      message: 'Too many tries.',
      retryAfterSeconds: 30,
    });
    expect(toBridgeError(new ApiError(403, 'wrong_current_password', 'No.'))).toEqual({ code: 'wrong_password', message: 'No.' });
    expect(toBridgeError(new ApiError(403, 'profile_locked', 'Locked.'))).toEqual({ code: 'profile_locked', message: 'Locked.' });
    expect(toBridgeError(new ApiError(400, 'invalid_request', 'Bad.'))).toEqual({ code: 'invalid_input', message: 'Bad.' });
    expect(toBridgeError(new ApiError(400, 'internal', 'Odd.'))).toEqual({ code: 'invalid_input', message: 'Odd.' });
  });
});

/** Preferences: the defaults with `over` on top. */
const P = (over: Partial<DevicePreferences>): DevicePreferences => ({ ...DEFAULT_PREFERENCES, ...over });

describe('device preferences', () => {
  it('defaults, sets every offered choice, refuses anything else, and persists in the store', async () => {
    const dir = tempDir();
    const kv = openConfStore(dir, silentLogger).store;
    const prefs = new PreferencesStore(kv);
    expect(prefs.get()).toEqual(DEFAULT_PREFERENCES);
    expect(DEFAULT_PREFERENCES).toEqual({
      relockProfileAfterMinutes: null,
      showPickerOnStart: true,
      lastProfileId: null,
      autoplayNext: true,
      uiScale: 'medium',
    });
    for (const choice of RELOCK_CHOICES) {
      expect(prefs.set({ relockProfileAfterMinutes: choice })).toEqual({ ok: true, value: P({ relockProfileAfterMinutes: choice }) });
      expect(prefs.get()).toEqual(P({ relockProfileAfterMinutes: choice }));
    }
    // Playback and Display: autoplay next on/off, and the offered UI scales only.
    expect(prefs.set({ autoplayNext: false, uiScale: 'large' })).toEqual({
      ok: true,
      value: P({ relockProfileAfterMinutes: RELOCK_CHOICES.at(-1)!, autoplayNext: false, uiScale: 'large' }),
    });
    for (const bad of [{ autoplayNext: 'no' }, { uiScale: 'huge' }, { uiScale: 1.2 }, { uiScale: 'toString' }]) {
      expect(await setChecked(prefs, bad), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    prefs.set({ autoplayNext: true, uiScale: 'medium' });
    prefs.set({ relockProfileAfterMinutes: 15 });
    for (const bad of [{ relockProfileAfterMinutes: 7 }, { relockProfileAfterMinutes: '15' }, { relockProfileAfterMinutes: undefined }, { other: 1 }, null, 'x', [15], 15]) {
      expect(await setChecked(prefs, bad), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(prefs.get()).toEqual(P({ relockProfileAfterMinutes: 15 }));
    // An empty update changes nothing.
    expect(prefs.set({})).toEqual({ ok: true, value: P({ relockProfileAfterMinutes: 15 }) });

    // Persisted: a fresh store over the same folder reads it back.
    const reopened = new PreferencesStore(openConfStore(dir, silentLogger).store);
    expect(reopened.get()).toEqual(P({ relockProfileAfterMinutes: 15 }));
  });

  it('a damaged entry reads as the defaults, and a set repairs it', () => {
    const kv = openConfStore(tempDir(), silentLogger).store;
    const prefs = new PreferencesStore(kv);
    for (const damaged of ['x', 42, [], { relockProfileAfterMinutes: 'soon' }, { relockProfileAfterMinutes: 7 }]) {
      (kv as unknown as { set(k: string, v: unknown): void }).set('preferences', damaged);
      expect(prefs.get()).toEqual(DEFAULT_PREFERENCES);
    }
    expect(prefs.set({ relockProfileAfterMinutes: 30 })).toEqual({ ok: true, value: P({ relockProfileAfterMinutes: 30 }) });
    expect(kv.get('preferences')).toEqual(P({ relockProfileAfterMinutes: 30 }));
  });

  it('is served by the bridge verbs and survives sign-out', async () => {
    const { d, h } = await signedInDevice();
    expect(await h.getPreferences()).toEqual(P({ relockProfileAfterMinutes: null }));
    expect(await h.setPreferences({ relockProfileAfterMinutes: 5 })).toEqual({ ok: true, value: P({ relockProfileAfterMinutes: 5 }) });
    const call = h as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    expect(await call.setPreferences!({ relockProfileAfterMinutes: 4 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await h.signOut();
    expect(await h.getPreferences()).toEqual(P({ relockProfileAfterMinutes: 5 }));
    expect(d.kv.get('preferences')).toEqual(P({ relockProfileAfterMinutes: 5 }));
  });

  it('sets showPickerOnStart (booleans only) and refuses lastProfileId, which only the host records', async () => {
    const kv = openConfStore(tempDir(), silentLogger).store;
    const prefs = new PreferencesStore(kv);
    expect(prefs.set({ showPickerOnStart: false })).toEqual({ ok: true, value: P({ showPickerOnStart: false }) });
    for (const bad of [{ showPickerOnStart: 'no' }, { showPickerOnStart: 0 }, { showPickerOnStart: null }]) {
      expect(await setChecked(prefs, bad), JSON.stringify(bad)).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: PREFERENCE_MESSAGES.showPicker, field: 'showPickerOnStart' },
      });
    }
    for (const bad of [{ lastProfileId: 'p1' }, { lastProfileId: null }, { showPickerOnStart: true, lastProfileId: 'p1' }]) {
      expect(await setChecked(prefs, bad), JSON.stringify(bad)).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: PREFERENCE_MESSAGES.lastProfile, field: 'preferences' },
      });
    }
    expect(prefs.get()).toEqual(P({ showPickerOnStart: false }));
    prefs.recordLastProfile('p9');
    expect(prefs.get()).toEqual(P({ showPickerOnStart: false, lastProfileId: 'p9' }));
    // Damaged fields fall back one by one; an older entry without the new fields keeps its relock time.
    const raw = kv as unknown as { set(k: string, v: unknown): void };
    raw.set('preferences', { relockProfileAfterMinutes: 15 });
    expect(prefs.get()).toEqual(P({ relockProfileAfterMinutes: 15 }));
    raw.set('preferences', { relockProfileAfterMinutes: 5, showPickerOnStart: 'yes', lastProfileId: 42 });
    expect(prefs.get()).toEqual(P({ relockProfileAfterMinutes: 5 }));
    raw.set('preferences', { showPickerOnStart: false, lastProfileId: '' });
    expect(prefs.get()).toEqual(P({ showPickerOnStart: false }));
  });

  it('records the last-used profile on a successful selectProfile and forgets it on sign-out (choices stay)', async () => {
    const { d, h } = await signedInDevice();
    const profiles = await h.listProfiles();
    if (!profiles.ok) throw new Error(profiles.error.message);
    const [a, b] = profiles.value;
    expect(await h.setPreferences({ showPickerOnStart: false })).toMatchObject({ ok: true });
    expect(await h.selectProfile(a!.id)).toEqual({ ok: true, value: null });
    expect(await h.getPreferences()).toEqual(P({ showPickerOnStart: false, lastProfileId: a!.id }));
    // A refused selection is not remembered.
    expect(await h.selectProfile('no-such-profile')).toMatchObject({ ok: false });
    expect(await h.selectProfile('')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await h.getPreferences()).lastProfileId).toBe(a!.id);
    if (b) {
      expect(await h.selectProfile(b.id)).toEqual({ ok: true, value: null });
      expect((await h.getPreferences()).lastProfileId).toBe(b.id);
    }
    await h.signOut();
    expect(await h.getPreferences()).toEqual(P({ showPickerOnStart: false }));
    expect(d.kv.get('preferences')).toEqual(P({ showPickerOnStart: false }));
  });

  it('forgets the last-used profile when the session is revoked (clear), keeping the rest', async () => {
    const { d, h } = await signedInDevice();
    const id = await firstProfileId(h);
    await h.setPreferences({ relockProfileAfterMinutes: 30 });
    await h.selectProfile(id);
    expect((await h.getPreferences()).lastProfileId).toBe(id);
    d.session.clear('device-removed');
    expect(await h.getPreferences()).toEqual(P({ relockProfileAfterMinutes: 30 }));
  });
});
