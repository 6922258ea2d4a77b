// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskState, SessionState } from '../../../shared/bridge';
import { App, CURSOR_HIDDEN_CLASS } from '../../../renderer/src/App';
import { manualClock } from './clock';
import { KIOSK_OFF, KIOSK_ON, SIGNED_IN, SIGNED_OUT, fakeBridge } from './fakeBridge';
import { useTestLayout } from './spatial';

useTestLayout();

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const DEMO: KioskState = { ...KIOSK_ON, demoMode: true };
const picker = () => screen.queryByRole('heading', { name: "Who's watching?" });

async function start(kiosk: KioskState, session: SessionState = SIGNED_IN, over = {}) {
  const c = manualClock();
  const bridge = fakeBridge({ kiosk, session, over });
  const user = userEvent.setup();
  render(<App bridge={bridge} clock={c.clock} />);
  return { c, bridge, user };
}

async function toSettings(kiosk: KioskState, over = {}) {
  const s = await start(kiosk, SIGNED_IN, over);
  await s.user.click(await screen.findByRole('button', { name: 'Sam' }));
  await s.user.click(await screen.findByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Settings' });
  return s;
}

describe('kiosk idle reset', () => {
  it('goes back to "Who\'s watching?" after the idle time, dropping the open screen', async () => {
    const { c, bridge } = await toSettings(KIOSK_ON);
    c.advance(119_000);
    expect(screen.queryByRole('heading', { name: 'Settings' })).not.toBeNull();
    c.advance(1_000);
    expect(await screen.findByRole('heading', { name: "Who's watching?" })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();
    expect(bridge.resetDemo).not.toHaveBeenCalled();
  });

  it('any input starts the idle time again', async () => {
    const { c } = await toSettings(KIOSK_ON);
    c.advance(100_000);
    fireEvent.keyDown(document.body, { key: 'ArrowDown' });
    c.advance(100_000);
    fireEvent.mouseMove(document.body, { screenX: 40, screenY: 40 });
    c.advance(100_000);
    fireEvent.touchStart(document.body);
    c.advance(100_000);
    expect(screen.queryByRole('heading', { name: 'Settings' })).not.toBeNull();
  });

  it('does nothing outside kiosk mode', async () => {
    const { c } = await toSettings(KIOSK_OFF);
    c.advance(3_600_000);
    expect(screen.queryByRole('heading', { name: 'Settings' })).not.toBeNull();
    expect(document.documentElement.classList.contains(CURSOR_HIDDEN_CLASS)).toBe(false);
  });

  it('an exit keypad left open closes at the idle time and the kiosk goes back to the start', async () => {
    const { c, user } = await toSettings(KIOSK_ON);
    await user.keyboard('{Control>}{Shift>}K{/Shift}{/Control}');
    expect(screen.getByRole('dialog', { name: 'Exit kiosk mode' })).toBeTruthy();
    c.advance(119_000);
    expect(screen.getByRole('dialog', { name: 'Exit kiosk mode' })).toBeTruthy();
    c.advance(1_000);
    expect(await screen.findByRole('heading', { name: "Who's watching?" })).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Exit kiosk mode' })).toBeNull();
  });

  it('an exit keypad in use stays open: each digit starts the idle time again', async () => {
    const { c, user } = await toSettings(KIOSK_ON);
    await user.keyboard('{Control>}{Shift>}K{/Shift}{/Control}');
    const dialog = screen.getByRole('dialog', { name: 'Exit kiosk mode' });
    c.advance(100_000);
    fireEvent.keyDown(dialog, { key: 'ArrowRight' });
    c.advance(100_000);
    expect(screen.getByRole('dialog', { name: 'Exit kiosk mode' })).toBeTruthy();
  });

  it('in demo mode resets the demo household, saying so, then shows the picker', async () => {
    let finish: (v: { ok: true; value: null }) => void = () => {};
    const resetDemo = vi.fn(() => new Promise((r) => (finish = r)));
    const { c, bridge } = await toSettings(DEMO, { resetDemo });
    c.advance(120_000);
    expect(bridge.resetDemo).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toContain('Starting fresh for the next visitor…');
    // Nothing times out while the reset runs.
    c.advance(3_600_000);
    expect(bridge.resetDemo).toHaveBeenCalledTimes(1);
    await act(async () => finish({ ok: true, value: null }));
    await vi.waitFor(() => expect(picker()).not.toBeNull(), { timeout: 3000 });
    expect(screen.queryByText('Starting fresh for the next visitor…')).toBeNull();
  });

  it('in demo mode, a failed reset says why and falls back to the picker', async () => {
    const resetDemo = vi.fn(() =>
      Promise.resolve({ ok: false as const, error: { code: 'server_unreachable' as const, message: "Can't reach the Couchside service." } }),
    );
    const { c } = await toSettings(DEMO, { resetDemo });
    c.advance(120_000);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Can't reach the Couchside service.");
    expect(await screen.findByRole('heading', { name: "Who's watching?", hidden: true })).toBeTruthy();
  });

  it('leaves the sign-in screen alone while something is typed', async () => {
    const { c, bridge, user } = await start(DEMO, SIGNED_OUT);
    await user.type(await screen.findByLabelText('Email'), 'visitor@example.com');
    c.advance(600_000);
    expect(bridge.resetDemo).not.toHaveBeenCalled();
    await user.tripleClick(screen.getByLabelText('Email'));
    await user.keyboard('{Backspace}');
    c.advance(120_000);
    expect(bridge.resetDemo).toHaveBeenCalledTimes(1);
  });

  it('hides the mouse cursor after the idle seconds and shows it when the mouse moves', async () => {
    const { c } = await toSettings(KIOSK_ON);
    const html = document.documentElement;
    expect(html.classList.contains(CURSOR_HIDDEN_CLASS)).toBe(false);
    c.advance(3_000);
    expect(html.classList.contains(CURSOR_HIDDEN_CLASS)).toBe(true);
    // Keys do not bring it back; moving the mouse does.
    fireEvent.keyDown(document.body, { key: 'ArrowDown' });
    expect(html.classList.contains(CURSOR_HIDDEN_CLASS)).toBe(true);
    fireEvent.mouseMove(document.body, { screenX: 300, screenY: 200 });
    expect(html.classList.contains(CURSOR_HIDDEN_CLASS)).toBe(false);
    c.advance(3_000);
    expect(html.classList.contains(CURSOR_HIDDEN_CLASS)).toBe(true);
  });
});
