// @vitest-environment jsdom
/**
 * The last-used profile: its tile gets the first focus on "Who's watching?", and with the
 * household's "Show “Who's watching?” on start" switch off the app goes straight to it once per
 * start (not when it is locked, and never after "Switch profile").
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DevicePreferences } from '../../../shared/bridge';
import type { Profile } from '../../../shared/types';
import { App } from '../../../renderer/src/App';
import { SHOW_PICKER_LABEL } from '../../../renderer/src/screens/Settings';
import { PROFILES, fakeBridge } from './fakeBridge';
import { useTestLayout } from './spatial';

useTestLayout();

afterEach(() => cleanup());

const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });

function start(preferences: Partial<DevicePreferences>, profiles: Profile[] = PROFILES) {
  const bridge = fakeBridge({ preferences, over: { listProfiles: vi.fn(() => ok(profiles)) } });
  render(<App bridge={bridge} />);
  return { bridge, user: userEvent.setup() };
}

const picker = () => screen.findByRole('heading', { name: "Who's watching?" });

describe('the last-used profile', () => {
  it('gets the first focus on the picker (else the first tile)', async () => {
    start({ lastProfileId: 'p2' });
    await picker();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Jordan' })));
    cleanup();
    start({ lastProfileId: 'gone' });
    await picker();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Sam' }));
  });

  it('shows the picker on start by default, even with a last-used profile', async () => {
    const { bridge } = start({ lastProfileId: 'p2' });
    await picker();
    expect(bridge.selectProfile).not.toHaveBeenCalled();
  });

  it('goes straight to it when the switch is off, once: "Switch profile" shows the picker', async () => {
    const { bridge, user } = start({ showPickerOnStart: false, lastProfileId: 'p2' });
    await waitFor(() => expect(bridge.getHome).toHaveBeenCalledWith('p2'));
    expect(bridge.selectProfile).toHaveBeenCalledWith('p2');
    expect(screen.queryByRole('heading', { name: "Who's watching?" })).toBeNull();
    await user.click(await screen.findByRole('button', { name: 'Switch profile' }));
    await picker();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Jordan' }));
    expect(bridge.selectProfile).toHaveBeenCalledTimes(1);
  });

  it('does not skip the picker when the last-used profile is locked (or gone)', async () => {
    const locked = PROFILES.map((p) => (p.id === 'p2' ? { ...p, locked: true } : p));
    const { bridge } = start({ showPickerOnStart: false, lastProfileId: 'p2' }, locked);
    await picker();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Jordan' }));
    expect(bridge.selectProfile).not.toHaveBeenCalled();
    expect(bridge.getHome).not.toHaveBeenCalled();
    cleanup();
    const second = start({ showPickerOnStart: false, lastProfileId: 'gone' });
    await picker();
    expect(second.bridge.selectProfile).not.toHaveBeenCalled();
  });

  it('Settings has the switch, on by default, bound to setPreferences', async () => {
    const { bridge, user } = start({});
    await user.click(await screen.findByRole('button', { name: 'Sam' }));
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('tab', { name: 'Profiles' }));
    const sw = await screen.findByRole('switch', { name: SHOW_PICKER_LABEL });
    expect(SHOW_PICKER_LABEL).toBe('Show “Who\'s watching?” on start');
    expect(sw.getAttribute('aria-checked')).toBe('true');
    await user.click(sw);
    expect(bridge.setPreferences).toHaveBeenCalledWith({ showPickerOnStart: false });
    await waitFor(() => expect(sw.getAttribute('aria-checked')).toBe('false'));
    await user.click(sw);
    expect(bridge.setPreferences).toHaveBeenLastCalledWith({ showPickerOnStart: true });
    await waitFor(() => expect(sw.getAttribute('aria-checked')).toBe('true'));
  });
});
