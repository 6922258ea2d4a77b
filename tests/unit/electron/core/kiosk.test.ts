import { afterEach, describe, expect, it } from 'vitest';
import type { KioskState } from '../../../../shared/bridge';
import { openConfStore } from '../../../../electron/core/conf-store';
import {
  KIOSK_DEFAULTS,
  KioskController,
  kioskSwitchesFromEnv,
  parseIdleReset,
  type KioskControllerOptions,
} from '../../../../electron/core/kiosk';
import { silentLogger } from '../../../../electron/core/log';
import { hashPin, isPinHash, verifyPin } from '../../../../electron/core/pin-hash';
import type { KeyValueStore, StoreData } from '../../../../electron/core/store';
import { cleanupDirs, tempDir } from './helpers';

afterEach(() => cleanupDirs());

function store(dir = tempDir()): { dir: string; kv: KeyValueStore<StoreData> } {
  return { dir, kv: openConfStore(dir, silentLogger).store };
}

function controller(kv: KeyValueStore<StoreData>, opts: Partial<KioskControllerOptions> = {}) {
  const c = new KioskController(kv, { log: silentLogger, ...opts });
  const states: KioskState[] = [];
  c.onChange((s) => states.push(s));
  return { c, states };
}

describe('KioskController: where kiosk mode comes from', () => {
  it('is off with the defaults when nothing turns it on', () => {
    const { c } = controller(store().kv);
    expect(c.getState()).toEqual({
      enabled: false,
      source: null,
      pinSet: false,
      demoMode: false,
      idleResetSeconds: 120,
      cursorHideSeconds: 3,
    });
  });

  it('takes the flag over the env over the stored setting', async () => {
    const { kv } = store();
    await controller(kv).c.enable('1234');
    expect(controller(kv).c.getState()).toMatchObject({ enabled: true, source: 'setting' });
    expect(controller(kv, { env: { kiosk: true } }).c.getState()).toMatchObject({ enabled: true, source: 'env' });
    expect(controller(kv, { flags: { kiosk: true }, env: { kiosk: true } }).c.getState()).toMatchObject({ enabled: true, source: 'flag' });
    expect(controller(store().kv, { env: { kiosk: true } }).c.getState()).toMatchObject({ enabled: true, source: 'env', pinSet: false });
  });

  it('takes the idle time from the flag, else the env, else the setting, else 120 s; demo mode from any of them', async () => {
    const { kv } = store();
    await controller(kv).c.enable('1234', { idleResetSeconds: 300 });
    expect(controller(kv).c.getState()).toMatchObject({ idleResetSeconds: 300, demoMode: false });
    expect(controller(kv, { env: { idleResetSeconds: 60, demo: true } }).c.getState()).toMatchObject({ idleResetSeconds: 60, demoMode: true });
    expect(controller(kv, { flags: { idleResetSeconds: 30 }, env: { idleResetSeconds: 60 } }).c.getState().idleResetSeconds).toBe(30);
    expect(controller(store().kv, { flags: { demo: true } }).c.getState().demoMode).toBe(true);
  });

  it('reads the env switches and refuses a bad idle time with a clear message', () => {
    expect(kioskSwitchesFromEnv({ COUCHSIDE_KIOSK: '1', COUCHSIDE_DEMO: '1', COUCHSIDE_IDLE_RESET: '45' })).toEqual({
      kiosk: true,
      demo: true,
      idleResetSeconds: 45,
    });
    expect(kioskSwitchesFromEnv({ COUCHSIDE_KIOSK: 'yes' })).toEqual({ kiosk: false, demo: false, idleResetSeconds: undefined });
    const problems: string[] = [];
    expect(kioskSwitchesFromEnv({ COUCHSIDE_IDLE_RESET: 'soon' }, (p) => problems.push(p)).idleResetSeconds).toBeUndefined();
    expect(problems).toEqual([expect.stringContaining('COUCHSIDE_IDLE_RESET takes a whole number of seconds from 5 to 86400 (got "soon")')]);
    expect(parseIdleReset(undefined, '--idle-reset')).toBeUndefined();
    expect(parseIdleReset('90', '--idle-reset')).toBe(90);
    expect(() => parseIdleReset('2', '--idle-reset')).toThrow(/--idle-reset takes a whole number/);
    expect(() => parseIdleReset('1.5', '--idle-reset')).toThrow(/whole number/);
  });

  it('treats a damaged kiosk entry as no setting, and a new PIN replaces it', async () => {
    const { kv } = store();
    for (const damaged of ['on', { enabled: 'yes' }, { enabled: true, pinHash: 'plain-1234', demoMode: false, idleResetSeconds: 120 }, [1, 2]]) {
      kv.set('kiosk', damaged as never);
      expect(controller(kv).c.getState()).toMatchObject({ enabled: false, source: null, pinSet: false });
    }
    const { c } = controller(kv);
    expect(await c.enable('4321')).toMatchObject({ ok: true, value: { enabled: true, pinSet: true } });
    expect(kv.get('kiosk')).toMatchObject({ enabled: true, demoMode: false, idleResetSeconds: 120 });
  });
});

describe('KioskController: turning it on', () => {
  it('accepts only 4 to 8 digits as the PIN, and a sane idle time', async () => {
    const { kv } = store();
    const { c } = controller(kv);
    for (const pin of ['', '123', '123456789', '12a4', ' 1234', '１２３４']) {
      expect(await c.enable(pin)).toEqual({ ok: false, error: { code: 'invalid_input', message: 'The admin PIN is 4 to 8 digits.' } });
    }
    expect(await c.enable('1234', { idleResetSeconds: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/idle time/) } });
    expect(kv.get('kiosk')).toBeUndefined();
    expect(c.getState().enabled).toBe(false);
  });

  it('stores only a salted scrypt hash of the PIN, never the PIN, and never puts the hash in the state', async () => {
    const { dir, kv } = store();
    const { c, states } = controller(kv);
    const r = await c.enable('20251234', { demoMode: true, idleResetSeconds: 90 });
    expect(r).toEqual({
      ok: true,
      value: { enabled: true, source: 'setting', pinSet: true, demoMode: true, idleResetSeconds: 90, cursorHideSeconds: 3 },
    });
    const stored = kv.get('kiosk')!;
    expect(stored.pinHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    const { readFileSync } = await import('node:fs');
    const file = readFileSync(`${dir}/couchside-session.json`, 'utf8');
    expect(file).not.toContain('20251234');
    expect(JSON.stringify(states)).not.toContain(stored.pinHash!);
    expect(JSON.stringify(states)).not.toContain('20251234');
    expect(states).toHaveLength(1);
    // Same PIN, different salt.
    expect(await hashPin('20251234')).not.toBe(stored.pinHash);
    expect(await verifyPin('20251234', stored.pinHash!)).toBe(true);
    expect(isPinHash(stored.pinHash)).toBe(true);
  });

  it('only sets the PIN when the flag or env already turned kiosk mode on', async () => {
    const { kv } = store();
    const { c } = controller(kv, { flags: { kiosk: true } });
    expect(c.getState()).toMatchObject({ enabled: true, source: 'flag', pinSet: false });
    expect(await c.enable('1234')).toMatchObject({ ok: true, value: { source: 'flag', pinSet: true } });
    expect(kv.get('kiosk')).toMatchObject({ enabled: false });
    expect(controller(kv).c.getState()).toMatchObject({ enabled: false, pinSet: true });
  });

  it('refuses a new PIN while kiosk mode is on with one (leave it first)', async () => {
    const { kv } = store();
    const { c } = controller(kv);
    await c.enable('1234');
    const hash = kv.get('kiosk')!.pinHash;
    expect(await c.enable('9999')).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/already on/) } });
    expect(kv.get('kiosk')!.pinHash).toBe(hash);
  });
});

describe('KioskController: leaving it with the admin PIN', () => {
  it('leaves with the right PIN: the setting goes off and stays off after a restart', async () => {
    const { kv } = store();
    const { c, states } = controller(kv);
    await c.enable('1234');
    expect(await c.exit('1234')).toMatchObject({ ok: true, value: { enabled: false, source: null, pinSet: true } });
    expect(states.map((s) => s.enabled)).toEqual([true, false]);
    expect(kv.get('kiosk')).toMatchObject({ enabled: false });
    expect(controller(kv).c.getState().enabled).toBe(false);
  });

  it('says how many tries are left after a wrong PIN', async () => {
    const { c } = controller(store().kv);
    await c.enable('1234');
    expect(await c.exit('4321')).toEqual({ ok: false, error: { code: 'wrong_pin', message: 'Wrong PIN. 4 tries left.' } });
    expect(await c.exit('0000')).toMatchObject({ error: { message: 'Wrong PIN. 3 tries left.' } });
    expect(await c.exit('0000')).toMatchObject({ error: { message: 'Wrong PIN. 2 tries left.' } });
    expect(await c.exit('0000')).toMatchObject({ error: { message: 'Wrong PIN. 1 try left.' } });
    expect(c.getState().enabled).toBe(true);
  });

  it('does not count a malformed PIN as a try, and says when no PIN is set', async () => {
    const { kv } = store();
    const { c } = controller(kv, { env: { kiosk: true } });
    expect(await c.exit('1234')).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/No admin PIN/) } });
    await c.enable('1234');
    expect(await c.exit('12')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await c.exit('5555')).toMatchObject({ error: { message: 'Wrong PIN. 4 tries left.' } });
  });

  it('locks out after 5 wrong PINs, with a cool-down that survives a restart and doubles on the next lock-out', async () => {
    const { kv } = store();
    let now = 1_000_000;
    const clock = () => now;
    const first = controller(kv, { now: clock }).c;
    await first.enable('1234');
    for (let i = 0; i < 4; i++) expect(await first.exit('0000')).toMatchObject({ error: { code: 'wrong_pin' } });
    expect(await first.exit('0000')).toEqual({
      ok: false,
      error: { code: 'locked_out', message: 'Too many wrong PINs. Try again in 60 seconds.', retryAfterSeconds: 60 },
    });

    // A restart (a new controller on the same store) does not reset the cool-down.
    const second = controller(kv, { now: clock }).c;
    now += 15_000;
    // Even the right PIN is not checked during the cool-down.
    expect(await second.exit('1234')).toMatchObject({ ok: false, error: { code: 'locked_out', retryAfterSeconds: 45 } });
    expect(second.getState().enabled).toBe(true);

    now += 45_000;
    expect(await second.exit('0000')).toMatchObject({ error: { code: 'wrong_pin', message: 'Wrong PIN. 4 tries left.' } });
    for (let i = 0; i < 3; i++) await second.exit('0000');
    expect(await second.exit('0000')).toMatchObject({ error: { code: 'locked_out', retryAfterSeconds: 120 } });

    // A right PIN after the cool-down gets out and resets the counters.
    now += 120_000;
    expect(await second.exit('1234')).toMatchObject({ ok: true, value: { enabled: false } });
    expect(kv.get('kiosk')).toMatchObject({ failedTries: 0, lockouts: 0, lockedUntil: 0 });
  });

  it('counts concurrent wrong tries one by one', async () => {
    const { kv } = store();
    const { c } = controller(kv);
    await c.enable('1234');
    const answers = await Promise.all(['1111', '2222', '3333'].map((p) => c.exit(p)));
    expect(answers.map((a) => !a.ok && a.error.message)).toEqual(['Wrong PIN. 4 tries left.', 'Wrong PIN. 3 tries left.', 'Wrong PIN. 2 tries left.']);
    expect(kv.get('kiosk')!.failedTries).toBe(3);
  });

  it('lets the operator out even when the flag turned kiosk mode on, for the rest of the run', async () => {
    const { kv } = store();
    const { c, states } = controller(kv, { flags: { kiosk: true }, env: { kiosk: true } });
    await c.enable('1234');
    expect(await c.exit('1234')).toMatchObject({ ok: true, value: { enabled: false, source: null } });
    expect(c.getState().enabled).toBe(false);
    expect(states.at(-1)).toMatchObject({ enabled: false });
    // A new run with the flag is in kiosk mode again.
    expect(controller(kv, { flags: { kiosk: true } }).c.getState()).toMatchObject({ enabled: true, source: 'flag', pinSet: true });
    // And turning it on again in this run works.
    expect(await c.enable('5678')).toMatchObject({ ok: true, value: { enabled: true, source: 'flag' } });
  });

  it('answers exit with the state when kiosk mode is off', async () => {
    const { c } = controller(store().kv);
    expect(await c.exit('1234')).toMatchObject({ ok: true, value: { enabled: false } });
  });

  it('caps the cool-down', async () => {
    const { kv } = store();
    const { c } = controller(kv, { now: () => 0 });
    await c.enable('1234');
    kv.set('kiosk', { ...kv.get('kiosk')!, lockouts: 20 });
    for (let i = 0; i < 4; i++) await c.exit('0000');
    expect(await c.exit('0000')).toMatchObject({ error: { retryAfterSeconds: KIOSK_DEFAULTS.maxLockoutSeconds } });
  });
});
