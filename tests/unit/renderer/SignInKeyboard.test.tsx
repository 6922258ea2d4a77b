// @vitest-environment jsdom
/**
 * Signing in with a remote or gamepad alone: OK on the email or password field opens the
 * on-screen keyboard (emails get "@" and no automatic capitals; a password shows as dots); after
 * typing on a physical keyboard, Enter signs in as in any form.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SignIn } from '../../../renderer/src/screens/SignIn';
import { fakeBridge, SIGNED_OUT } from './fakeBridge';
import { useTestLayout } from './spatial';

useTestLayout();
afterEach(cleanup);

function setup() {
  const bridge = fakeBridge({ session: SIGNED_OUT });
  render(<SignIn bridge={bridge} notice={null} />);
  return {
    bridge,
    user: userEvent.setup(),
    email: screen.getByLabelText('Email') as HTMLInputElement,
    password: screen.getByLabelText('Password') as HTMLInputElement,
  };
}

describe('sign-in by remote', () => {
  it('OK on Email opens a keyboard with "@" and no automatic capitals; Done fills the field', async () => {
    const { user, email, bridge } = setup();
    await waitFor(() => expect(document.activeElement).toBe(email));
    await user.keyboard('{Enter}');
    expect(bridge.signIn).not.toHaveBeenCalled();
    const dialog = await screen.findByRole('dialog', { name: 'Email' });
    const keys = within(dialog).getByRole('group', { name: 'Keyboard' });
    // Lower case at the start (a name would start with a capital).
    await user.click(within(keys).getByRole('button', { name: /^a$/ }));
    await user.click(within(keys).getByRole('button', { name: 'At sign' }));
    await user.click(within(keys).getByRole('button', { name: /^b$/ }));
    await user.click(within(keys).getByRole('button', { name: 'Full stop' }));
    await user.click(within(keys).getByRole('button', { name: /^c$/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Email' })).toBeNull());
    expect(email.value).toBe('a@b.c');
    await waitFor(() => expect(document.activeElement).toBe(email));
  });

  it('the password keyboard shows dots, never the password', async () => {
    const { user, password } = setup();
    password.focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Password' });
    await user.keyboard('se-cret');
    const shown = within(dialog).getByRole('status', { name: 'Password' });
    expect(shown.textContent).toBe('•'.repeat(7));
    expect(dialog.textContent).not.toContain('se-cret');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Password' })).toBeNull());
    expect(password.value).toBe('se-cret');
  });

  it('after typing on a physical keyboard, Enter signs in', async () => {
    const { user, email, password, bridge } = setup();
    await user.type(email, 'demo@couchside.test');
    await user.type(password, 'couchside-demo{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.signIn).toHaveBeenCalledWith('demo@couchside.test', 'couchside-demo');
  });
});
