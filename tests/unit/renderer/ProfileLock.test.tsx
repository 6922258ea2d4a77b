// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CouchsideBridge, DevicePreferences, KioskState } from '../../../shared/bridge';
import type { Profile } from '../../../shared/types';
import { App } from '../../../renderer/src/App';
import { manualClock } from './clock';
import { KIOSK_OFF, KIOSK_ON, PROFILES, fakeBridge } from './fakeBridge';
import { useTestLayout } from './spatial';

useTestLayout();

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const LOCKED: Profile[] = PROFILES.map((p) => (p.name === 'Sam' ? { ...p, locked: true } : p));
const fail = (code: string, message: string, extra: object = {}) =>
  Promise.resolve({ ok: false as const, error: { code, message, ...extra } as never });
const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });
type User = ReturnType<typeof userEvent.setup>;

async function enterPin(user: User, pin: string) {
  await user.keyboard(pin);
  await user.click(screen.getByRole('button', { name: 'OK' }));
}

function start(
  opts: { over?: Partial<CouchsideBridge>; preferences?: Partial<DevicePreferences>; kiosk?: KioskState } = {},
) {
  const c = manualClock();
  // The service's profiles: a successful setProfilePin changes them (wrap it to fail first).
  let profiles = LOCKED;
  const store = (id: string, pin: string | null) => {
    profiles = profiles.map((p) => (p.id === id ? { ...p, locked: pin !== null } : p));
  };
  const given = opts.over?.setProfilePin;
  const setProfilePin = vi.fn(async (id: string, password: string, pin: string | null) => {
    const res = given ? await given(id, password, pin) : { ok: true as const, value: null };
    if (res.ok) store(id, pin);
    return res;
  });
  const bridge = fakeBridge({
    kiosk: opts.kiosk ?? KIOSK_OFF,
    preferences: opts.preferences,
    over: { listProfiles: vi.fn(() => ok(profiles)), ...opts.over, setProfilePin },
  });
  const user = userEvent.setup();
  render(<App bridge={bridge} clock={c.clock} />);
  return { c, bridge, user };
}

const pinDialog = () => screen.getByRole('dialog', { name: 'Enter the PIN for Sam' });

describe('picking a locked profile', () => {
  it('shows the lock on the tile, keeping the name, and asks for the PIN', async () => {
    const { user, bridge } = start();
    const sam = await screen.findByRole('button', { name: 'Sam' });
    expect(sam.getAttribute('aria-description')).toBe('Locked');
    expect(sam.querySelector('.profile-tile__lock svg')).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Jordan' }).hasAttribute('aria-description')).toBe(false);
    await user.click(sam);
    const keypad = within(pinDialog()).getByRole('group', { name: 'Profile PIN' });
    expect(keypad).toBeTruthy();
    expect(screen.getByRole('button', { name: '1' })).toBe(document.activeElement);
    // Exactly four digits: a fifth is ignored.
    await enterPin(user, '12345');
    expect(bridge.unlockProfile).toHaveBeenCalledWith('p1', '1234');
  });

  it('says "Wrong PIN", counts a lock-out down, and goes on to Home on the right PIN', async () => {
    const unlockProfile = vi
      .fn()
      .mockReturnValueOnce(fail('wrong_pin', 'Wrong PIN. 2 tries left.'))
      .mockReturnValueOnce(fail('locked_out', 'Too many tries.', { retryAfterSeconds: 30 }))
      .mockReturnValue(ok(null));
    const { user, bridge } = start({ over: { unlockProfile } });
    await user.click(await screen.findByRole('button', { name: 'Sam' }));
    await enterPin(user, '0000');
    expect((await within(pinDialog()).findByRole('alert')).textContent).toBe('Wrong PIN. 2 tries left.');
    expect(bridge.selectProfile).not.toHaveBeenCalled();

    await enterPin(user, '1111');
    expect((await within(pinDialog()).findByRole('alert')).textContent).toBe(
      'Too many tries. Try again in 30 seconds.',
    );
    // Keys do nothing while locked out.
    await user.keyboard('1234');
    expect(screen.getByRole('button', { name: 'OK' }).getAttribute('aria-disabled')).toBe('true');
    expect(unlockProfile).toHaveBeenCalledTimes(2);
  });

  it('goes on to Home once the PIN is right', async () => {
    const { user, bridge } = start();
    await user.click(await screen.findByRole('button', { name: 'Sam' }));
    await enterPin(user, '1234');
    expect(await screen.findByRole('button', { name: 'Settings' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.selectProfile).toHaveBeenCalledWith('p1');
    expect(bridge.getHome).toHaveBeenCalledWith('p1');
  });

  it('Escape goes back to the picker with focus on the locked tile', async () => {
    const { user, bridge } = start();
    const sam = await screen.findByRole('button', { name: 'Sam' });
    await user.click(sam);
    await user.keyboard('12{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Sam' })));
    expect(bridge.unlockProfile).not.toHaveBeenCalled();
  });

  it('goes back to the picker when Home says the profile is locked', async () => {
    const { user } = start({
      over: { getHome: vi.fn(() => fail('profile_locked', 'This profile is locked.')) },
    });
    await user.click(await screen.findByRole('button', { name: 'Jordan' }));
    expect(await screen.findByRole('heading', { name: "Who's watching?" })).toBeTruthy();
  });
});

async function toLocks(user: User) {
  await user.click(await screen.findByRole('button', { name: 'Jordan' }));
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  await user.click(await screen.findByRole('tab', { name: 'Profiles' }));
  await user.click(await screen.findByRole('button', { name: 'Profile locks' }));
  return screen.findByRole('heading', { level: 1, name: 'Profile locks' });
}

describe('Settings → Profile locks', () => {
  it('lists each profile with its lock state and actions, from Settings → Profiles', async () => {
    const { user } = start();
    await user.click(await screen.findByRole('button', { name: 'Jordan' }));
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('tab', { name: 'Profiles' }));
    const panel = screen.getByRole('tabpanel', { name: 'Profiles' });
    expect(within(panel).getByRole('button', { name: 'Profile locks' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Profile locks' }));
    await screen.findByRole('heading', { level: 1, name: 'Profile locks' });
    const list = await screen.findByRole('list', { name: 'Profiles' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows[0]!.textContent).toContain('Locked');
    expect(rows[1]!.textContent).toContain('No lock');
    expect(screen.getByRole('button', { name: 'Change PIN for Sam' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove lock for Sam' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Lock Jordan' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Switch profile' })).toBeTruthy();
    const group = screen.getByRole('radiogroup', { name: 'Ask for the PIN again after' });
    expect(within(group).getAllByRole('radio').map((r) => r.textContent)).toEqual([
      'Never',
      '5 minutes',
      '15 minutes',
      '30 minutes',
      '1 hour',
    ]);
    expect(within(group).getByRole('radio', { name: 'Never' }).getAttribute('aria-checked')).toBe('true');
  });

  it('locks a profile: password, the PIN twice (a mismatch starts over), wrong password goes back', async () => {
    const setProfilePin = vi
      .fn()
      .mockReturnValueOnce(fail('wrong_password', 'Wrong password.'))
      .mockReturnValue(ok(null));
    const { user, bridge } = start({ over: { setProfilePin } });
    await toLocks(user);
    await user.click(screen.getByRole('button', { name: 'Lock Jordan' }));

    let dialog = screen.getByRole('dialog', { name: "Confirm it's you" });
    const field = within(dialog).getByLabelText('Account password');
    expect(document.activeElement).toBe(field);
    await user.type(field, 'not-it{Enter}');

    const keypad = screen.getByRole('group', { name: 'Profile PIN' });
    expect(keypad.textContent).toContain('Enter a 4-digit PIN for Jordan');
    await enterPin(user, '1234');
    expect(screen.getByRole('group', { name: 'Profile PIN' }).textContent).toContain('Enter it again');
    await enterPin(user, '5678');
    expect(screen.getByRole('alert').textContent).toBe("The two PINs didn't match. Enter a new PIN for Jordan.");
    expect(screen.getByRole('group', { name: 'Profile PIN' }).textContent).toContain('Enter a 4-digit PIN for Jordan');
    expect(setProfilePin).not.toHaveBeenCalled();

    await enterPin(user, '2468');
    await enterPin(user, '2468');
    expect(setProfilePin).toHaveBeenLastCalledWith('p2', 'not-it', '2468');
    dialog = await screen.findByRole('dialog', { name: "Confirm it's you" });
    expect(within(dialog).getByRole('alert').textContent).toBe("That's not the account password.");

    await user.type(within(dialog).getByLabelText('Account password'), 'couchside-demo');
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    await enterPin(user, '2468');
    await enterPin(user, '2468');
    expect(setProfilePin).toHaveBeenLastCalledWith('p2', 'couchside-demo', '2468');
    await waitFor(() => expect(screen.getByRole('status', { name: '' }).textContent).toBe('Jordan is locked.'));
    expect(screen.queryByRole('dialog')).toBeNull();
    // The list is asked again, and the row now offers the locked profile's actions.
    expect(bridge.listProfiles.mock.calls.length).toBeGreaterThanOrEqual(3);
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Change PIN for Jordan'));
  });

  it('removes a lock after the password alone; Cancel closes with focus back on the row', async () => {
    const { user, bridge } = start();
    await toLocks(user);
    await user.click(screen.getByRole('button', { name: 'Remove lock for Sam' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Change PIN for Sam'));

    await user.click(screen.getByRole('button', { name: 'Remove lock for Sam' }));
    await user.type(screen.getByLabelText('Account password'), 'couchside-demo{Enter}');
    expect(bridge.setProfilePin).toHaveBeenCalledWith('p1', 'couchside-demo', null);
    await waitFor(() => expect(screen.getByText('Sam is no longer locked.')).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Lock Sam' })).toBeTruthy();
  });

  it('stores "Ask for the PIN again after" with setPreferences', async () => {
    const { user, bridge } = start();
    await toLocks(user);
    const five = screen.getByRole('radio', { name: '5 minutes' });
    await user.click(five);
    expect(bridge.setPreferences).toHaveBeenCalledWith({ relockProfileAfterMinutes: 5 });
    await waitFor(() => expect(five.getAttribute('aria-checked')).toBe('true'));
    // Moving the focus changes nothing (a TV rule); OK chooses.
    await user.keyboard('{ArrowRight}');
    const fifteen = screen.getByRole('radio', { name: '15 minutes' });
    expect(document.activeElement).toBe(fifteen);
    expect(bridge.setPreferences).toHaveBeenCalledTimes(1);
    expect(five.getAttribute('aria-checked')).toBe('true');
    expect(fifteen.getAttribute('aria-checked')).toBe('false');
    await user.keyboard('{Enter}');
    expect(bridge.setPreferences).toHaveBeenLastCalledWith({ relockProfileAfterMinutes: 15 });
    await waitFor(() => expect(fifteen.getAttribute('aria-checked')).toBe('true'));
  });

  it('walking the focus along "Ask for the PIN again after" from Never to 1 hour saves nothing until OK', async () => {
    const { user, bridge } = start();
    await toLocks(user);
    const never = screen.getByRole('radio', { name: 'Never' });
    never.focus();
    for (let i = 0; i < 4; i++) await user.keyboard('{ArrowRight}');
    const hour = screen.getByRole('radio', { name: '1 hour' });
    expect(document.activeElement).toBe(hour);
    expect(bridge.setPreferences).not.toHaveBeenCalled();
    expect(never.getAttribute('aria-checked')).toBe('true');
    await user.keyboard('{Enter}');
    expect(bridge.setPreferences).toHaveBeenCalledWith({ relockProfileAfterMinutes: 60 });
  });
});

describe('relock on a shared PC', () => {
  async function onLockedSettings(kiosk: KioskState = KIOSK_OFF, minutes: number | null = 5) {
    const s = start({ kiosk, preferences: { relockProfileAfterMinutes: minutes } });
    await s.user.click(await screen.findByRole('button', { name: 'Sam' }));
    await enterPin(s.user, '1234');
    await s.user.click(await screen.findByRole('button', { name: 'Settings' }));
    await screen.findByRole('heading', { name: 'Settings' });
    return s;
  }

  it('goes back to "Who\'s watching?" after the relock time on a locked profile; input restarts it', async () => {
    const { c } = await onLockedSettings();
    c.advance(4 * 60_000);
    fireEvent.keyDown(document.body, { key: 'ArrowDown' });
    c.advance(4 * 60_000);
    expect(screen.queryByRole('heading', { name: 'Settings' })).not.toBeNull();
    c.advance(60_000);
    expect(await screen.findByRole('heading', { name: "Who's watching?" })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();
    // Picking Sam again asks for the PIN again.
    await act(async () => screen.getByRole('button', { name: 'Sam' }).click());
    expect(pinDialog()).toBeTruthy();
  });

  it('works in kiosk mode too (relock sooner than the kiosk idle time)', async () => {
    const { c, bridge } = await onLockedSettings({ ...KIOSK_ON, idleResetSeconds: 3600 });
    c.advance(5 * 60_000);
    expect(await screen.findByRole('heading', { name: "Who's watching?" })).toBeTruthy();
    expect(bridge.resetDemo).not.toHaveBeenCalled();
  });

  it('does nothing when set to "Never" or on a profile without a lock', async () => {
    const { c } = await onLockedSettings(KIOSK_OFF, null);
    c.advance(24 * 3_600_000);
    expect(screen.queryByRole('heading', { name: 'Settings' })).not.toBeNull();
    cleanup();

    const s = start({ preferences: { relockProfileAfterMinutes: 5 } });
    await s.user.click(await screen.findByRole('button', { name: 'Jordan' }));
    await screen.findByRole('button', { name: 'Settings' });
    s.c.advance(3_600_000);
    expect(screen.queryByRole('heading', { name: "Who's watching?" })).toBeNull();
  });
});
