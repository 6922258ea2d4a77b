// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { PinKeypad, type PinKeypadProps } from '../../../renderer/src/components/PinKeypad';
import { useTestLayout } from './spatial';

useTestLayout();

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function setup(props: Partial<PinKeypadProps> = {}) {
  const onSubmit = vi.fn();
  const onCancel = vi.fn();
  const user = userEvent.setup();
  render(<PinKeypad label="Admin PIN" minLength={4} maxLength={8} onSubmit={onSubmit} onCancel={onCancel} {...props} />);
  return { user, onSubmit, onCancel };
}

const key = (name: string) => screen.getByRole('button', { name });
const status = () => screen.getByRole('status');
const isDisabled = (el: HTMLElement) => el.getAttribute('aria-disabled') === 'true';

describe('PinKeypad', () => {
  it('is a named group with a 3x4 grid, and focus starts on "1"', () => {
    setup();
    const group = screen.getByRole('group', { name: 'Admin PIN' });
    const names = Array.from(group.querySelectorAll('.keypad__grid button')).map((b) => b.textContent);
    expect(names).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'Delete', '0', 'OK']);
    expect(document.activeElement).toBe(key('1'));
  });

  it('moves focus around the grid with the arrows, stopping at the edges', async () => {
    const { user } = setup();
    await user.keyboard('{ArrowLeft}{ArrowUp}');
    expect(document.activeElement).toBe(key('1'));
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(document.activeElement).toBe(key('3'));
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(key('OK'));
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(key('0'));
    // Down from the bottom row reaches Cancel; Up from Cancel comes back to the grid.
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(key('Cancel'));
    await user.keyboard('{ArrowDown}{ArrowLeft}');
    expect(document.activeElement).toBe(key('Cancel'));
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(key('0'));
    await user.keyboard('{ArrowUp}{ArrowLeft}');
    expect(document.activeElement).toBe(key('7'));
  });

  it('types with digit keys and with Enter on the focused key; OK waits for the minimum length', async () => {
    const { user, onSubmit } = setup();
    expect(status().textContent).toBe('0 of 4 digits entered');
    expect(isDisabled(key('OK'))).toBe(true);
    await user.keyboard('{Enter}'); // presses the focused "1"
    await user.keyboard('{ArrowRight}{Enter}'); // "2"
    await user.keyboard('7');
    expect(status().textContent).toBe('3 of 4 digits entered');
    expect(isDisabled(key('OK'))).toBe(true);
    // OK does nothing before four digits, by click or by Enter.
    await user.click(key('OK'));
    expect(onSubmit).not.toHaveBeenCalled();
    await user.keyboard('0');
    expect(status().textContent).toBe('4 digits entered');
    expect(isDisabled(key('OK'))).toBe(false);
    await user.click(key('OK'));
    expect(onSubmit).toHaveBeenCalledWith('1270');
  });

  it('stops at the maximum length', async () => {
    const { user } = setup({ maxLength: 6 });
    await user.keyboard('123456789');
    expect(status().textContent).toBe('6 digits entered');
  });

  it('never shows the digits: only dots and a count', async () => {
    const { user } = setup();
    await user.keyboard('9753');
    const group = screen.getByRole('group', { name: 'Admin PIN' });
    const text = group.textContent ?? '';
    // The keys carry the digits; the display (label, dots, status, hint) must not.
    const keys = group.querySelector('.keypad__grid')!.textContent ?? '';
    expect(text.replace(keys, '')).not.toMatch(/[9753]/);
    expect(group.querySelectorAll('.keypad__dot.is-filled')).toHaveLength(4);
    expect(status().textContent).toBe('4 digits entered');
    expect(document.querySelector('input')).toBeNull();
  });

  it('Delete and Backspace remove one digit, Clear removes all', async () => {
    const { user, onCancel } = setup();
    await user.keyboard('12345');
    await user.click(key('Delete'));
    expect(status().textContent).toBe('4 digits entered');
    await user.keyboard('{Backspace}');
    expect(status().textContent).toBe('3 of 4 digits entered');
    await user.keyboard('{Clear}');
    expect(status().textContent).toBe('0 of 4 digits entered');
    expect(onCancel).not.toHaveBeenCalled();
    // Back on an empty PIN goes back, like a remote's Back button.
    await user.keyboard('{Backspace}');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('Escape cancels, and stops there (a screen underneath never sees it)', async () => {
    const { user, onCancel } = setup();
    const below = vi.fn();
    document.addEventListener('keydown', below);
    await user.keyboard('12{Escape}');
    document.removeEventListener('keydown', below);
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(below).not.toHaveBeenCalled();
  });

  it('shows a wrong-PIN error in an alert, clears the entry and puts focus back on "1"', async () => {
    const user = userEvent.setup();
    function Harness() {
      const [error, setError] = useState<BridgeError | null>(null);
      return (
        <PinKeypad
          label="Admin PIN"
          error={error}
          onSubmit={() => setError({ code: 'wrong_pin', message: 'Wrong PIN. 3 tries left.' })}
        />
      );
    }
    render(<Harness />);
    expect(screen.queryByRole('alert')).toBeNull();
    await user.keyboard('1111');
    await user.click(key('OK'));
    expect(screen.getByRole('alert').textContent).toBe('Wrong PIN. 3 tries left.');
    expect(status().textContent).toBe('0 of 4 digits entered');
    // A remote user can start again at once, without walking back from "OK".
    expect(document.activeElement).toBe(key('1'));
  });

  it('counts a lock-out down live with keys disabled, then lets typing resume', async () => {
    // fireEvent rather than user-event here: Testing Library's async wrapper waits on a real
    // setTimeout, which fake timers would hold forever.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const onLockoutEnd = vi.fn();
    const locked: BridgeError = { code: 'locked_out', message: 'Too many tries.', retryAfterSeconds: 58 };
    function Harness() {
      const [error, setError] = useState<BridgeError | null>(null);
      return (
        <PinKeypad
          label="Admin PIN"
          error={error}
          onSubmit={() => setError(locked)}
          onLockoutEnd={() => {
            onLockoutEnd();
            setError(null);
          }}
        />
      );
    }
    render(<Harness />);
    const press = (k: string) => fireEvent.keyDown(document.activeElement!, { key: k });
    for (const d of '1234') press(d);
    fireEvent.click(key('OK'));
    expect(screen.getByRole('alert').textContent).toBe('Too many tries. Try again in 58 seconds.');
    for (const name of ['1', '5', '0', 'Delete', 'OK']) expect(isDisabled(key(name))).toBe(true);
    // Keys do nothing while locked out, typed or pressed.
    press('5');
    fireEvent.click(key('5'));
    expect(status().textContent).toBe('0 of 4 digits entered');

    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByRole('alert').textContent).toBe('Too many tries. Try again in 57 seconds.');
    act(() => {
      vi.advanceTimersByTime(56_000);
    });
    expect(screen.getByRole('alert').textContent).toBe('Too many tries. Try again in 1 second.');
    expect(isDisabled(key('5'))).toBe(true);
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onLockoutEnd).toHaveBeenCalledTimes(1);
    expect(isDisabled(key('5'))).toBe(false);
    press('5');
    expect(status().textContent).toBe('1 of 4 digits entered');
  });

  it('does nothing while a check is pending', async () => {
    const { user, onSubmit } = setup({ pending: true });
    await user.keyboard('1234{Enter}');
    expect(status().textContent).toBe('0 of 4 digits entered');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('group', { name: 'Admin PIN' }).getAttribute('aria-busy')).toBe('true');
  });

  it('is described by its prompt', () => {
    setup({ prompt: 'Enter it again' });
    const group = screen.getByRole('group', { name: 'Admin PIN' });
    const describedBy = (group.getAttribute('aria-describedby') ?? '').split(' ');
    const texts = describedBy.map((id) => document.getElementById(id)?.textContent);
    expect(texts).toContain('Enter it again');
  });
});
