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
import { fakeBridge, SIGNED_OUT, withBridge } from './fakeBridge';
import { useTestLayout } from './spatial';

useTestLayout();
afterEach(cleanup);

function setup() {
  const bridge = fakeBridge({ session: SIGNED_OUT });
  render(<SignIn notice={null} />, withBridge(bridge));
  return {
    bridge,
    user: userEvent.setup(),
    email: screen.getByLabelText('Email') as HTMLInputElement,
    password: screen.getByLabelText('Password') as HTMLInputElement,
  };
}

describe('sign-in by remote', () => {
  it('OK on Email opens a keyboard with "@" and no automatic capitals; Back keeps what was typed', async () => {
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
    // Back keeps the text and returns to the field.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Email' })).toBeNull());
    expect(email.value).toBe('a@b.c');
    await waitFor(() => expect(document.activeElement).toBe(email));
  });

  it('email endings are one press each, and Done on Email goes straight on to the password keyboard', async () => {
    const { user, email, password, bridge } = setup();
    await waitFor(() => expect(document.activeElement).toBe(email));
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Email' });
    const keys = within(dialog).getByRole('group', { name: 'Keyboard' });
    for (const c of 'demo') await user.click(within(keys).getByRole('button', { name: new RegExp(`^${c}$`) }));
    const endings = within(dialog).getByRole('group', { name: 'Email endings' });
    await user.click(within(endings).getByRole('button', { name: 'Type @gmail.com' }));
    expect(within(dialog).getByRole('status', { name: 'Email' }).textContent).toBe('demo@gmail.com');
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    const pw = await screen.findByRole('dialog', { name: 'Password' });
    expect(email.value).toBe('demo@gmail.com');
    expect(within(pw).getByRole('status', { name: 'Password' }).textContent).toBe('');
    await user.keyboard('secret');
    await user.click(within(pw).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(password.value).toBe('secret');
    // Done on Password lands on Sign in: one more OK signs in.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Sign in' })));
    await user.keyboard('{Enter}');
    expect(bridge.signIn).toHaveBeenCalledWith('demo@gmail.com', 'secret');
  });

  it('Enter after typing an email moves on to the password instead of complaining', async () => {
    const { user, email, password, bridge } = setup();
    await user.type(email, 'demo@couchside.test{Enter}');
    expect(bridge.signIn).not.toHaveBeenCalled();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(password);
  });

  it('a long email breaks only after "@" or ".", never inside a word', async () => {
    const { user, email } = setup();
    await waitFor(() => expect(document.activeElement).toBe(email));
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Email' });
    await user.keyboard('jordan.verylongname@household.example');
    const shown = within(dialog).getByRole('status', { name: 'Email' });
    expect(shown.textContent).toBe('jordan.verylongname@household.example');
    expect([...shown.querySelectorAll('.kbd-dialog__email-part')].map((p) => p.textContent)).toEqual(['jordan.', 'verylongname@', 'household.', 'example']);
    expect(shown.querySelectorAll('wbr')).toHaveLength(3);
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

  it('puts a refusal under the field it names, whatever its words say', async () => {
    const { user, email, password, bridge } = setup();
    bridge.signIn.mockResolvedValueOnce({ ok: false, error: { code: 'invalid_input', message: 'That is too long.', field: 'email' } });
    await user.type(email, 'a@b.test');
    await user.type(password, 'secret{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('That is too long.');
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(email.getAttribute('aria-invalid')).toBe('true');
    bridge.signIn.mockResolvedValueOnce({ ok: false, error: { code: 'invalid_input', message: 'Check the email.', field: 'password' } });
    await user.type(password, 'again{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(password));
    expect(password.getAttribute('aria-invalid')).toBe('true');
  });
});
