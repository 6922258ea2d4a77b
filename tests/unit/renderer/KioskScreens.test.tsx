// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskState } from '../../../shared/bridge';
import { App } from '../../../renderer/src/App';
import { KIOSK_OFF, KIOSK_ON, SIGNED_OUT, fakeBridge } from './fakeBridge';
import { useTestLayout } from './spatial';

useTestLayout();

afterEach(() => {
  cleanup();
});

async function toSettings(kiosk: KioskState = KIOSK_OFF, over = {}) {
  const bridge = fakeBridge({ kiosk, over });
  const user = userEvent.setup();
  render(<App bridge={bridge} />);
  await user.click(await screen.findByRole('button', { name: 'Sam' }));
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Settings' });
  // Settings opens with focus on its first section.
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Account' })));
  return { bridge, user };
}

/** Types a PIN on the keypad in `scope` and presses OK. */
async function enterPin(user: ReturnType<typeof userEvent.setup>, pin: string) {
  await user.keyboard(pin);
  await user.click(screen.getByRole('button', { name: 'OK' }));
}

describe('Settings', () => {
  it('Escape goes back to Home with focus on the Settings button', async () => {
    const { user } = await toSettings();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Settings' }));
  });

  it('offers "Kiosk mode" only while kiosk mode is off', async () => {
    await toSettings(KIOSK_OFF);
    expect(screen.getByRole('button', { name: 'Kiosk mode' })).toBeTruthy();
    cleanup();
    await toSettings(KIOSK_ON);
    expect(screen.queryByRole('button', { name: 'Kiosk mode' })).toBeNull();
    expect(screen.getByText(/Kiosk mode is on\./)).toBeTruthy();
    expect(screen.getByText(/Ctrl\+Shift\+K/)).toBeTruthy();
  });
});

describe('Kiosk mode screen', () => {
  it('explains itself and offers demo mode and the idle time, all by remote', async () => {
    const { user } = await toSettings();
    await user.click(screen.getByRole('button', { name: 'Kiosk mode' }));
    expect(screen.getByRole('heading', { name: 'Kiosk mode', level: 1 })).toBeTruthy();
    expect(screen.getByText(/press Ctrl\+Shift\+K, or press Back five times within three seconds/)).toBeTruthy();

    const demo = screen.getByRole('switch', { name: 'Demo mode' });
    expect(document.activeElement).toBe(demo);
    expect(demo.getAttribute('aria-checked')).toBe('false');
    expect(demo.getAttribute('aria-describedby')).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(demo.getAttribute('aria-checked')).toBe('true');

    const group = screen.getByRole('radiogroup', { name: 'Return to the start after' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.textContent)).toEqual(['1 minute', '2 minutes', '5 minutes', '10 minutes']);
    expect(within(group).getByRole('radio', { name: '5 minutes' }).getAttribute('aria-checked')).toBe('true');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(within(group).getByRole('radio', { name: '5 minutes' }));
    await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    const one = within(group).getByRole('radio', { name: '1 minute' });
    expect(document.activeElement).toBe(one);
    // Moving the focus chooses nothing; OK does.
    expect(one.getAttribute('aria-checked')).toBe('false');
    expect(within(group).getByRole('radio', { name: '5 minutes' }).getAttribute('aria-checked')).toBe('true');
    await user.keyboard('{Enter}');
    expect(one.getAttribute('aria-checked')).toBe('true');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(within(group).getByRole('radio', { name: '2 minutes' }));
    expect(one.getAttribute('aria-checked')).toBe('true');
    // Down reaches the actions' row (spatially: whichever is nearest), Left its first action.
    await user.keyboard('{ArrowDown}{ArrowLeft}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Turn on kiosk mode' }));
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Switch profile' }));

    // Escape goes back to Settings, focus on the entry that opened it.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('heading', { name: 'Kiosk mode' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Kiosk mode' }));
  });

  it('turns kiosk mode on after the PIN is entered twice', async () => {
    const { user, bridge } = await toSettings();
    await user.click(screen.getByRole('button', { name: 'Kiosk mode' }));
    await user.click(screen.getByRole('switch', { name: 'Demo mode' }));
    await user.click(screen.getByRole('radio', { name: '2 minutes' }));
    await user.click(screen.getByRole('button', { name: 'Turn on kiosk mode' }));
    const dialog = screen.getByRole('dialog', { name: 'Set an admin PIN' });
    const pad = within(dialog).getByRole('group', { name: 'Admin PIN' });
    expect(within(dialog).getByText('Enter a new admin PIN')).toBeTruthy();
    expect(document.activeElement).toBe(within(pad).getByRole('button', { name: '1' }));
    await enterPin(user, '2580');
    expect(within(dialog).getByText('Enter it again')).toBeTruthy();
    expect(bridge.enableKiosk).not.toHaveBeenCalled();
    await enterPin(user, '2580');
    expect(bridge.enableKiosk).toHaveBeenCalledWith('2580', { demoMode: true, idleResetSeconds: 120 });
    // On to the app: Home, with kiosk mode on (Settings no longer offers it).
    await vi.waitFor(() => expect(screen.queryByRole('heading', { name: 'Kiosk mode' })).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.queryByRole('button', { name: 'Kiosk mode' })).toBeNull();
  });

  it('starts over when the two PINs differ; Escape closes the PIN dialog', async () => {
    const { user, bridge } = await toSettings();
    await user.click(screen.getByRole('button', { name: 'Kiosk mode' }));
    await user.click(screen.getByRole('button', { name: 'Turn on kiosk mode' }));
    const dialog = screen.getByRole('dialog', { name: 'Set an admin PIN' });
    await enterPin(user, '1111');
    await enterPin(user, '2222');
    expect(within(dialog).getByRole('alert').textContent).toBe("The two PINs didn't match. Enter a new admin PIN.");
    expect(within(dialog).getByText('Enter a new admin PIN')).toBeTruthy();
    expect(bridge.enableKiosk).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Set an admin PIN' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Kiosk mode' })).toBeTruthy();
  });
});

describe('first run with kiosk mode on and no PIN', () => {
  it('asks for an admin PIN before anything else, then continues to the app', async () => {
    const bridge = fakeBridge({ kiosk: { ...KIOSK_ON, pinSet: false, source: 'flag' }, session: SIGNED_OUT });
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    expect(await screen.findByRole('heading', { name: 'Set an admin PIN', level: 1 })).toBeTruthy();
    expect(screen.getByText(/This PIN unlocks kiosk mode/)).toBeTruthy();
    expect(screen.queryByLabelText('Email')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: '1' }));
    // No way around it: there is no Cancel on the first step, and the chord does nothing yet.
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    await user.keyboard('{Control>}{Shift>}K{/Shift}{/Control}');
    expect(screen.queryByRole('dialog')).toBeNull();

    await enterPin(user, '24680');
    expect(screen.getByText('Enter it again')).toBeTruthy();
    // "Start over" on the second step goes back to the first.
    await user.click(screen.getByRole('button', { name: 'Start over' }));
    expect(screen.getByText('Enter a new admin PIN')).toBeTruthy();
    await enterPin(user, '24680');
    await enterPin(user, '24680');
    expect(bridge.enableKiosk).toHaveBeenCalledWith('24680');
    expect(await screen.findByLabelText('Email')).toBeTruthy();
  });

  it('shows a refusal from the host in the keypad alert', async () => {
    const enableKiosk = vi.fn(() =>
      Promise.resolve({ ok: false as const, error: { code: 'failed' as const, message: 'Could not save the PIN.' } }),
    );
    const bridge = fakeBridge({ kiosk: { ...KIOSK_ON, pinSet: false }, over: { enableKiosk } });
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    await screen.findByRole('heading', { name: 'Set an admin PIN' });
    await enterPin(user, '1357');
    await enterPin(user, '1357');
    expect((await screen.findByRole('alert')).textContent).toBe('Could not save the PIN.');
    expect(screen.getByRole('heading', { name: 'Set an admin PIN' })).toBeTruthy();
  });
});

describe('"Switch profile" on every screen', () => {
  it('is in the header of Devices and goes straight to the picker', async () => {
    const { user } = await toSettings();
    await user.click(screen.getByRole('tab', { name: 'Devices' }));
    await user.click(screen.getByRole('button', { name: 'Manage devices' }));
    await screen.findByRole('heading', { name: 'Devices', level: 1 });
    await user.click(screen.getByRole('button', { name: 'Switch profile' }));
    expect(await screen.findByRole('heading', { name: "Who's watching?" })).toBeTruthy();
  });

  it('is on the "Sign out of all devices" page, reachable with Up', async () => {
    const { user } = await toSettings();
    await user.click(screen.getByRole('button', { name: 'Sign out of all devices' }));
    await screen.findByRole('heading', { name: 'Sign out of all devices' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Switch profile' }));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Sign out' }));
    await user.keyboard('{ArrowUp}{Enter}');
    expect(await screen.findByRole('heading', { name: "Who's watching?" })).toBeTruthy();
  });

  it('is on the Kiosk mode screen', async () => {
    const { user } = await toSettings();
    await user.click(screen.getByRole('button', { name: 'Kiosk mode' }));
    await user.click(screen.getByRole('button', { name: 'Switch profile' }));
    expect(await screen.findByRole('heading', { name: "Who's watching?" })).toBeTruthy();
  });
});

describe('Kiosk mode screen, kiosk turned on elsewhere', () => {
  it('goes back to Settings, which no longer offers it', async () => {
    const { user, bridge } = await toSettings();
    await user.click(screen.getByRole('button', { name: 'Kiosk mode' }));
    await screen.findByRole('heading', { name: 'Kiosk mode' });
    act(() => bridge.emitKiosk(KIOSK_ON));
    expect(screen.queryByRole('heading', { name: 'Kiosk mode' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Kiosk mode' })).toBeNull();
  });
});
