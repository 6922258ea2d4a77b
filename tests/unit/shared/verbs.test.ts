/**
 * The verb table (shared/bridge.ts `VERBS`): each verb declared once with its named arguments and
 * its answer; `callVerb` checks what the renderer sends before a handler runs, and (in tests) that
 * the answer keeps the contract.
 */
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_METHODS, callVerb, invokeChannel, isBridgeMethod, VERBS, type BridgeHandlers } from '../../../shared/bridge';

const handlers = (over: Partial<BridgeHandlers>) => over as BridgeHandlers;

describe('the verb table', () => {
  it('names every verb once, each on its own channel, with uniquely named arguments', () => {
    expect(BRIDGE_METHODS).toEqual(Object.keys(VERBS));
    expect(new Set(BRIDGE_METHODS.map(invokeChannel)).size).toBe(BRIDGE_METHODS.length);
    for (const m of BRIDGE_METHODS) {
      const names = VERBS[m].args.map(([name]) => name);
      expect(new Set(names).size, m).toBe(names.length);
    }
    expect(isBridgeMethod('signIn')).toBe(true);
    for (const bad of ['toString', '__proto__', 'constructor', 5, null]) expect(isBridgeMethod(bad)).toBe(false);
  });

  it('queues only reads of the host’s own state and fire-and-forget calls while the web host is away', () => {
    expect(BRIDGE_METHODS.filter((m) => VERBS[m].queued).sort()).toEqual(
      ['cancelCodeSignIn', 'getAppInfo', 'getKiosk', 'getPreferences', 'getServiceInfo', 'getState', 'reportError', 'stopPlayback'].sort(),
    );
  });
});

describe('callVerb', () => {
  it('refuses bad arguments in words, naming the argument, before the handler runs', async () => {
    const signIn = vi.fn();
    const h = handlers({ signIn });
    expect(await callVerb(h, 'signIn', ['  ', 'pw'])).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Enter your email.', field: 'email' } });
    expect(await callVerb(h, 'signIn', ['a@b.c', ''])).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Enter your password.', field: 'password' } });
    expect(await callVerb(h, 'signIn', ['a@b.c'])).toMatchObject({ ok: false, error: { field: 'password' } });
    expect(await callVerb(h, 'signIn', 'not a list')).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'email' } });
    expect(signIn).not.toHaveBeenCalled();
  });

  it('names the field inside an object argument', async () => {
    const createProfile = vi.fn();
    const r = await callVerb(handlers({ createProfile }), 'createProfile', [{ name: 'Ana', avatar: 'unicorn', maturity: 'all' }]);
    expect(r).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Choose one of the avatars.', field: 'avatar' } });
    // An unknown maturity level, or none, is named too; the handler never sees it.
    for (const maturity of ['adults', 'Kids', 2, undefined]) {
      expect(await callVerb(handlers({ createProfile }), 'createProfile', [{ name: 'Ana', avatar: 'fox', maturity }]), String(maturity)).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: 'Choose one of the maturity ratings.', field: 'maturity' },
      });
    }
    // The old Kids flag is not a bridge field any more.
    expect(await callVerb(handlers({ createProfile }), 'createProfile', [{ name: 'Ana', avatar: 'fox', maturity: 'all', kids: true }])).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Only the name, avatar, maturity rating and languages can be changed.' },
    });
    expect(createProfile).not.toHaveBeenCalled();
  });

  it('hands the handler tidied values: trimmed, names made whole, null for an absent password made undefined, unknown keys dropped', async () => {
    const signIn = vi.fn(async () => ({ ok: true as const, value: { email: 'a@b.c', plan: 'Premium', memberSince: '2020-01-01' } }));
    const createProfile = vi.fn(async () => ({
      ok: true as const,
      value: { id: 'p', name: 'Ana Lee', avatar: 'fox', maturity: 'teens' as const, kids: false, locked: false, audioLanguage: 'en', subtitleLanguage: null },
    }));
    const h = handlers({ signIn, createProfile });
    await callVerb(h, 'signIn', ['  a@b.c ', ' pw ']);
    expect(signIn).toHaveBeenCalledWith('a@b.c', ' pw ');
    await callVerb(h, 'createProfile', [{ name: '  Ana   Lee ', avatar: 'fox', maturity: 'teens' }, null]);
    expect(createProfile).toHaveBeenCalledWith({ name: 'Ana Lee', avatar: 'fox', maturity: 'teens' }, undefined);
  });

  it('drops a read or a report with bad arguments instead of answering a Result it does not have', async () => {
    const reportError = vi.fn();
    expect(await callVerb(handlers({ reportError }), 'reportError', [{ kind: 'nonsense', message: 1 }])).toBeUndefined();
    expect(reportError).not.toHaveBeenCalled();
  });

  it('with answers checked, throws on an answer outside the contract (so a handler or a fake cannot drift)', async () => {
    const listProfiles = vi.fn(async () => ({ ok: true as const, value: [{ id: 'p1', name: 'Sam' }] }));
    const h = handlers({ listProfiles } as unknown as Partial<BridgeHandlers>);
    await expect(callVerb(h, 'listProfiles', [], true)).rejects.toThrow(/listProfiles answered outside the contract/);
    // Unchecked (as in the app), the answer passes through.
    await expect(callVerb(h, 'listProfiles', [])).resolves.toMatchObject({ ok: true });
    // A profile's maturity is one of the four levels.
    const profile = { id: 'p1', name: 'Sam', avatar: 'fox', maturity: 'teens', kids: false, locked: false, audioLanguage: 'en', subtitleLanguage: null };
    const rated = (maturity: string) => handlers({ listProfiles: vi.fn(async () => ({ ok: true as const, value: [{ ...profile, maturity }] })) } as unknown as Partial<BridgeHandlers>);
    await expect(callVerb(rated('teens'), 'listProfiles', [], true)).resolves.toMatchObject({ ok: true });
    await expect(callVerb(rated('adults'), 'listProfiles', [], true)).rejects.toThrow(/listProfiles answered outside the contract/);
  });
});
