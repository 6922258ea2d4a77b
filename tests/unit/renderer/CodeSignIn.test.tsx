// @vitest-environment jsdom
/**
 * Sign in with a code: the code huge (and spelt out for screen readers), the QR code, the
 * countdown, a replaced code, a failure with "Try again", and Back cancelling it.
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CodeSignInState, CouchsideBridge, Result } from '../../../shared/bridge';
import { App } from '../../../renderer/src/App';
import { CodeSignIn, EMAIL_BUTTON, REPLACED_NOTE, formatCountdown } from '../../../renderer/src/screens/CodeSignIn';
import { SIGNED_IN, SIGNED_OUT, fakeBridge, withBridge } from './fakeBridge';
import { useTestLayout } from './spatial';

useTestLayout();

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const T0 = Date.parse('2026-01-10T20:00:00Z');

function waiting(over: Partial<Extract<CodeSignInState, { status: 'waiting' }>> = {}): CodeSignInState {
  return {
    status: 'waiting',
    userCode: 'BCDF-GHJK',
    verificationUri: 'http://127.0.0.1:4700/activate',
    verificationUriComplete: 'http://127.0.0.1:4700/activate?code=BCDF-GHJK',
    expiresAt: new Date(T0 + (9 * 60 + 41) * 1000).toISOString(),
    intervalSeconds: 5,
    offline: false,
    ...over,
  };
}

/** The code screen on its own, with a clock the test moves. */
function renderCode(over: Partial<CouchsideBridge> = {}) {
  let now = T0;
  const bridge = fakeBridge({ session: SIGNED_OUT, over });
  const onBack = vi.fn();
  render(<CodeSignIn onBack={onBack} now={() => now} />, withBridge(bridge));
  return {
    bridge,
    onBack,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('the code screen', () => {
  it('shows the code huge and spelt out, where to go, a QR code of the address with the code, and the time left', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { bridge, advance } = renderCode({ startCodeSignIn: vi.fn(() => Promise.resolve({ ok: true as const, value: waiting() })) });
    expect(bridge.startCodeSignIn).toHaveBeenCalledTimes(1);
    // The code must arrive inside act: its countdown interval starts in a passive effect, and
    // outside act React may run that effect only after the clock below has moved (seen in CI
    // under load: the screen still said 9:41 because no interval was running yet to tick).
    await act(async () => {});
    const code = screen.getByTestId('user-code');
    expect(code.textContent).toContain('BCDF');
    expect(code.textContent).toContain('GHJK');
    expect(screen.getByText('Your code is B C D F, G H J K')).toBeTruthy();
    expect(screen.getByText('http://127.0.0.1:4700/activate').closest('p')!.textContent).toBe(
      'Go to http://127.0.0.1:4700/activate on your phone or computer and enter this code:',
    );
    const qr = screen.getByRole('img', { name: 'QR code to sign in on your phone' });
    expect(qr.tagName.toLowerCase()).toBe('svg');
    expect(qr.querySelectorAll('path').length).toBeGreaterThan(0);
    expect(screen.getByText('Code expires in 9:41')).toBeTruthy();

    act(() => {
      advance(60_000);
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByText('Code expires in 8:41')).toBeTruthy();
    act(() => {
      advance(9 * 60_000);
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByText('The code expired. Getting a new one…')).toBeTruthy();
  });

  it('the QR code changes with the code, and a replaced code says so', async () => {
    const { bridge } = renderCode();
    act(() => bridge.emitCodeSignIn(waiting()));
    const qr = screen.getByRole('img', { name: 'QR code to sign in on your phone' });
    const first = qr.innerHTML;
    expect(screen.queryByText(REPLACED_NOTE)).toBeNull();
    act(() => bridge.emitCodeSignIn({ status: 'requesting' }));
    expect(screen.getByText('Getting a code…')).toBeTruthy();
    act(() =>
      bridge.emitCodeSignIn(
        waiting({ userCode: 'MNPQ-RSTV', verificationUriComplete: 'http://127.0.0.1:4700/activate?code=MNPQ-RSTV' }),
      ),
    );
    expect(screen.getByText('Your code is M N P Q, R S T V')).toBeTruthy();
    expect(screen.queryByText('Your code is B C D F, G H J K')).toBeNull();
    const note = screen.getByText(REPLACED_NOTE);
    expect(note.getAttribute('aria-live')).toBe('polite');
    expect(screen.getByRole('img', { name: 'QR code to sign in on your phone' }).innerHTML).not.toBe(first);
  });

  it('says when the service cannot be reached while it keeps trying', async () => {
    const { bridge } = renderCode();
    act(() => bridge.emitCodeSignIn(waiting({ offline: true })));
    expect(screen.getByRole('status').textContent).toBe("Can't reach Couchside right now. Still trying…");
    act(() => bridge.emitCodeSignIn(waiting({ offline: false })));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('with the service out of reach before any code, says so and shows the code when it answers', async () => {
    const { bridge } = renderCode();
    act(() => bridge.emitCodeSignIn({ status: 'requesting', offline: true }));
    expect(screen.getByRole('status').textContent).toBe("Can't reach Couchside right now. Still trying…");
    expect(screen.getByText('Getting a code…')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    act(() => bridge.emitCodeSignIn(waiting({ offline: false })));
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByText('Your code is B C D F, G H J K')).toBeTruthy();
  });

  it('shows a failure with "Try again", which asks for a new code', async () => {
    const { bridge } = renderCode();
    const user = userEvent.setup();
    act(() => bridge.emitCodeSignIn({ status: 'failed', message: 'The code was refused on the account page.' }));
    expect(screen.getByRole('alert').textContent).toBe('The code was refused on the account page.');
    const retry = screen.getByRole('button', { name: 'Try again' });
    await waitFor(() => expect(document.activeElement).toBe(retry));
    await user.keyboard('{Enter}');
    expect(bridge.startCodeSignIn).toHaveBeenCalledTimes(2);
    expect(screen.getByText('Getting a code…')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('shows the host\'s refusal to start as a failure', async () => {
    renderCode({
      startCodeSignIn: vi.fn(() =>
        Promise.resolve({ ok: false as const, error: { code: 'server_unreachable' as const, message: "Can't reach Couchside." } }),
      ),
    });
    expect((await screen.findByRole('alert')).textContent).toBe("Can't reach Couchside.");
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('drops the answer to start when an event was newer', async () => {
    let answer: (v: { ok: true; value: CodeSignInState }) => void = () => {};
    const { bridge } = renderCode({ startCodeSignIn: vi.fn(() => new Promise<Result<CodeSignInState>>((r) => (answer = r))) });
    act(() => bridge.emitCodeSignIn(waiting({ userCode: 'NEWW-CODE' })));
    await act(async () => answer({ ok: true, value: waiting({ userCode: 'OLDD-CODE' }) }));
    expect(screen.getByText('Your code is N E W W, C O D E')).toBeTruthy();
  });
});

describe('from the sign-in screen', () => {
  function startApp() {
    const bridge = fakeBridge({ session: SIGNED_OUT });
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    return { bridge, user };
  }

  it('"Sign in with a code" opens it; Back cancels and returns to sign-in', async () => {
    const { bridge, user } = startApp();
    await user.click(await screen.findByRole('button', { name: 'Sign in with a code' }));
    expect(await screen.findByRole('heading', { name: 'Sign in with a code', level: 1 })).toBeTruthy();
    expect(bridge.startCodeSignIn).toHaveBeenCalled();
    expect(bridge.onCodeSignInChanged).toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: EMAIL_BUTTON })));
    await user.keyboard('{Escape}');
    expect(bridge.cancelCodeSignIn).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('heading', { name: 'Sign in', level: 1 })).toBeTruthy();
    // Back returns focus to the button that opened the code screen.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Sign in with a code' })));
  });

  it('a code screen closed by anything else (here: the app going away) stops the polling too', async () => {
    const { bridge, user } = startApp();
    await user.click(await screen.findByRole('button', { name: 'Sign in with a code' }));
    expect(await screen.findByRole('heading', { name: 'Sign in with a code', level: 1 })).toBeTruthy();
    cleanup();
    expect(bridge.cancelCodeSignIn).toHaveBeenCalledTimes(1);
  });

  it('"Sign in with email and password" cancels too', async () => {
    const { bridge, user } = startApp();
    await user.click(await screen.findByRole('button', { name: 'Sign in with a code' }));
    await user.click(await screen.findByRole('button', { name: EMAIL_BUTTON }));
    expect(bridge.cancelCodeSignIn).toHaveBeenCalledTimes(1);
    const email = await screen.findByLabelText('Email');
    await waitFor(() => expect(document.activeElement).toBe(email));
  });

  it('when the code is approved the session goes signed-in and "Who\'s watching?" shows', async () => {
    const { bridge, user } = startApp();
    await user.click(await screen.findByRole('button', { name: 'Sign in with a code' }));
    act(() => bridge.emitCodeSignIn(waiting()));
    act(() => bridge.emitSession(SIGNED_IN));
    expect(await screen.findByRole('heading', { name: "Who's watching?" })).toBeTruthy();
    // Signing out later shows the email form again, not a stale code screen.
    act(() => bridge.emitSession(SIGNED_OUT));
    expect(await screen.findByRole('heading', { name: 'Sign in', level: 1 })).toBeTruthy();
  });
});

describe('formatCountdown', () => {
  it('rounds up to whole seconds and never goes below 0:00', () => {
    expect(formatCountdown(581_000)).toBe('9:41');
    expect(formatCountdown(580_001)).toBe('9:41');
    expect(formatCountdown(59_000)).toBe('0:59');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});
