// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskState } from '../../../shared/bridge';
import { App } from '../../../renderer/src/App';
import { KIOSK_OFF, KIOSK_ON, fakeBridge } from './fakeBridge';
import { useTestLayout } from './spatial';

useTestLayout();

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const CHORD = '{Control>}{Shift>}K{/Shift}{/Control}';

/** Renders the app in the given kiosk state and picks "Sam", landing on Home. */
async function toHome(kiosk: KioskState, over: Parameters<typeof fakeBridge>[0] = {}) {
  // Only Date is faked: the exit dialog ignores Back presses in its first moments, and tests
  // step past that without waiting.
  vi.useFakeTimers({ toFake: ['Date'] });
  const bridge = fakeBridge({ kiosk, ...over });
  const user = userEvent.setup();
  render(<App bridge={bridge} />);
  await user.click(await screen.findByRole('button', { name: 'Sam' }));
  await screen.findByRole('button', { name: 'Settings' });
  return { bridge, user };
}

const later = (ms = 1000) => vi.setSystemTime(Date.now() + ms);
const exitDialog = () => screen.queryByRole('dialog', { name: 'Exit kiosk mode' });

describe('kiosk exit', () => {
  it('Ctrl+Shift+K does nothing outside kiosk mode', async () => {
    const { user } = await toHome(KIOSK_OFF);
    await user.keyboard(CHORD);
    expect(exitDialog()).toBeNull();
  });

  it('Ctrl+Shift+K opens "Exit kiosk mode" with the admin PIN keypad, focus on "1"', async () => {
    const { user } = await toHome(KIOSK_ON);
    await user.keyboard(CHORD);
    const dialog = await screen.findByRole('dialog', { name: 'Exit kiosk mode' });
    const pad = within(dialog).getByRole('group', { name: 'Admin PIN' });
    expect(document.activeElement).toBe(within(pad).getByRole('button', { name: '1' }));
    // Home underneath is out of reach meanwhile.
    expect(document.querySelector('.app-layer')?.hasAttribute('inert')).toBe(true);
  });

  it('shows a wrong PIN in the alert and lets the user try again', async () => {
    const exitKiosk = vi
      .fn()
      .mockResolvedValueOnce({ ok: false, error: { code: 'wrong_pin', message: 'Wrong PIN. 3 tries left.' } })
      .mockResolvedValueOnce({ ok: true, value: KIOSK_OFF });
    const { user, bridge } = await toHome(KIOSK_ON, { over: { exitKiosk } });
    await user.keyboard(CHORD);
    const dialog = await screen.findByRole('dialog', { name: 'Exit kiosk mode' });
    await user.keyboard('0000');
    await user.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Wrong PIN. 3 tries left.');
    expect(within(dialog).getByRole('status').textContent).toBe('0 of 4 digits entered');
    expect(bridge.exitKiosk).toHaveBeenLastCalledWith('0000');

    await user.keyboard('1234');
    await user.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect(bridge.exitKiosk).toHaveBeenLastCalledWith('1234');
    await vi.waitFor(() => expect(exitDialog()).toBeNull());
    // Kiosk mode is off now: the chord does nothing, and focus is back on Home.
    await user.keyboard(CHORD);
    expect(exitDialog()).toBeNull();
    expect(document.querySelector('.app-layer')?.hasAttribute('inert')).toBe(false);
  });

  it('shows the lock-out with keys disabled', async () => {
    const exitKiosk = vi.fn().mockResolvedValue({
      ok: false,
      error: { code: 'locked_out', message: 'Locked.', retryAfterSeconds: 30 },
    });
    const { user } = await toHome(KIOSK_ON, { over: { exitKiosk } });
    await user.keyboard(CHORD);
    const dialog = await screen.findByRole('dialog', { name: 'Exit kiosk mode' });
    await user.keyboard('9999');
    await user.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Too many tries. Try again in 30 seconds.');
    expect(within(dialog).getByRole('button', { name: '5' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('Escape cancels and returns focus where it was; kiosk mode stays on', async () => {
    const { user, bridge } = await toHome(KIOSK_ON);
    const settings = screen.getByRole('button', { name: 'Settings' });
    settings.focus();
    await user.keyboard(CHORD);
    await screen.findByRole('dialog', { name: 'Exit kiosk mode' });
    // Escape in the first moment is the tail of a Back burst, not a cancel.
    await user.keyboard('{Escape}');
    expect(exitDialog()).not.toBeNull();
    later();
    await user.keyboard('{Escape}');
    expect(exitDialog()).toBeNull();
    expect(document.activeElement).toBe(settings);
    expect(bridge.exitKiosk).not.toHaveBeenCalled();
    await user.keyboard(CHORD);
    expect(exitDialog()).not.toBeNull();
  });

  it('Back pressed five times within three seconds on Home opens it (for remotes)', async () => {
    const { user } = await toHome(KIOSK_ON);
    await user.keyboard('{Escape}{Escape}{Escape}{Escape}');
    expect(exitDialog()).toBeNull();
    // Too slow: the count starts over.
    later(3500);
    await user.keyboard('{Escape}');
    expect(exitDialog()).toBeNull();
    await user.keyboard('{Backspace}{Escape}{Backspace}');
    expect(exitDialog()).toBeNull();
    await user.keyboard('{Escape}');
    expect(exitDialog()).not.toBeNull();
  });

  it('Back presses on a screen with somewhere to go back to do not count', async () => {
    const { user } = await toHome(KIOSK_ON);
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('heading', { name: 'Settings' });
    await user.keyboard('{Escape}'); // back to Home
    await user.keyboard('{Escape}{Escape}{Escape}{Escape}');
    expect(exitDialog()).toBeNull();
    await user.keyboard('{Escape}');
    expect(exitDialog()).not.toBeNull();
  });

  it('Back presses do not count outside kiosk mode', async () => {
    const { user } = await toHome(KIOSK_OFF);
    await user.keyboard('{Escape}{Escape}{Escape}{Escape}{Escape}{Escape}');
    expect(exitDialog()).toBeNull();
  });

  it('closes when kiosk mode is turned off from elsewhere', async () => {
    const { user, bridge } = await toHome(KIOSK_ON);
    await user.keyboard(CHORD);
    await screen.findByRole('dialog', { name: 'Exit kiosk mode' });
    act(() => bridge.emitKiosk(KIOSK_OFF));
    expect(exitDialog()).toBeNull();
    act(() => bridge.emitKiosk(KIOSK_ON));
    expect(exitDialog()).toBeNull();
  });

  it('the chord works on the sign-in screen too, and stays out of the fields', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const bridge = fakeBridge({ kiosk: KIOSK_ON, session: { status: 'signed-out', notice: null } });
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    const email = await screen.findByLabelText('Email');
    await user.type(email, 'a@b.c');
    await user.keyboard(CHORD);
    expect(exitDialog()).not.toBeNull();
    expect((email as HTMLInputElement).value).toBe('a@b.c');
  });
});
