// @vitest-environment jsdom
/**
 * A shared TV and its children (issue 15, items 1, 2 and 4): where the service asks for the
 * account password, the screen asks the person ("Confirm it's you") and sends it; a wrong one is
 * said in the dialog and changes nothing; Cancel changes nothing. Account-wide actions are not
 * offered to a Kids profile or in kiosk mode, and a profile lock checks the password before the PIN.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CouchsideBridge, Result } from '../../../shared/bridge';
import { isRaise, MATURITY, type MaturityLevel } from '../../../shared/maturity';
import type { Profile, ProfileChanges } from '../../../shared/types';
import { App } from '../../../renderer/src/App';
import { MATURITY_LABEL } from '../../../renderer/src/screens/ProfileEditor';
import { WRONG_PASSWORD } from '../../../renderer/src/screens/ProfileLocks';
import { KIOSK_ON, TITLES, fakeBridge } from './fakeBridge';
import { useTestLayout } from './spatial';

useTestLayout();
afterEach(() => cleanup());

const PASSWORD = 'household-password';
const KIDS: Profile = { id: 'pk', name: 'Kids', avatar: 'panda', maturity: 'kids', kids: true, locked: false, audioLanguage: 'en', subtitleLanguage: null };
const SAM: Profile = { id: 'p1', name: 'Sam', avatar: 'fox', maturity: 'all', kids: false, locked: false, audioLanguage: 'en', subtitleLanguage: null };
const HOUSEHOLD = [SAM, KIDS];

const LEAVE_KIDS = 'Enter the account password to turn off Kids for Kids.';
const raiseReason = (name: string, label: string) => `Enter the account password to raise the maturity rating of ${name} to ${label}.`;
const SIGN_OUT_ALL = 'Enter the account password to sign out of Couchside on every device.';

/** What the service answers a guarded call: password_required without one, wrong_password for a wrong one. */
function guarded<T>(reason: string, value: () => T) {
  return async (password?: string): Promise<Result<T>> => {
    if (password === undefined) return { ok: false, error: { code: 'password_required', message: reason } };
    if (password !== PASSWORD) return { ok: false, error: { code: 'wrong_password', message: "That's not the account password." } };
    return { ok: true, value: value() };
  };
}

function start(over: Partial<CouchsideBridge> = {}, opts: { kiosk?: boolean } = {}) {
  let profiles = HOUSEHOLD;
  const listProfiles = vi.fn(() => Promise.resolve({ ok: true as const, value: profiles }));
  const updateProfile = vi.fn((id: string, changes: ProfileChanges, password?: string) => {
    const target = profiles.find((p) => p.id === id)!;
    const apply = () => {
      profiles = profiles.map((p) => (p.id === id ? { ...p, ...changes, kids: (changes.maturity ?? p.maturity) === 'kids' } : p));
      return profiles.find((p) => p.id === id)!;
    };
    // As the service (server/household.ts): any raise of the rating needs the account password.
    if (changes.maturity === undefined || !isRaise(target.maturity, changes.maturity)) return Promise.resolve({ ok: true as const, value: apply() });
    return guarded(target.kids ? LEAVE_KIDS : raiseReason(target.name, MATURITY[changes.maturity].label), apply)(password);
  });
  const bridge = fakeBridge({ over: { listProfiles, updateProfile, ...over }, ...(opts.kiosk ? { kiosk: KIOSK_ON } : {}) });
  const user = userEvent.setup();
  render(<App bridge={bridge} />);
  return { bridge, user };
}

async function toSettings(user: ReturnType<typeof userEvent.setup>, as: string) {
  await user.click(await screen.findByRole('button', { name: as }));
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Settings', level: 1 });
}

const confirmDialog = () => screen.findByRole('dialog', { name: "Confirm it's you" });

describe('the account password where the service asks for it', () => {
  it('a Kids profile raised to All asks for the password: a wrong one is said and changes nothing, the right one saves', async () => {
    const { bridge, user } = start();
    await user.click(await screen.findByRole('button', { name: 'Manage profiles' }));
    await user.click(await screen.findByRole('button', { name: 'Edit Kids' }));
    await screen.findByRole('heading', { name: 'Edit Kids', level: 1 });
    const rating = screen.getByRole('radiogroup', { name: MATURITY_LABEL });
    expect(within(rating).getByRole('radio', { name: 'Kids' }).getAttribute('aria-checked')).toBe('true');
    await user.click(within(rating).getByRole('radio', { name: 'All' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const dialog = await confirmDialog();
    expect(within(dialog).getByText(LEAVE_KIDS)).toBeTruthy();
    const field = within(dialog).getByLabelText('Account password');
    await waitFor(() => expect(document.activeElement).toBe(field));
    await user.type(field, 'guess{Enter}');
    expect((await within(dialog).findByRole('alert')).textContent).toBe("That's not the account password.");
    // The editor is still there, under the dialog.
    expect(screen.getByRole('heading', { name: 'Edit Kids', level: 1, hidden: true })).toBeTruthy();

    await user.type(within(dialog).getByLabelText('Account password'), `${PASSWORD}{Enter}`);
    await screen.findByRole('heading', { name: 'Manage profiles', level: 1 });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.updateProfile).toHaveBeenLastCalledWith('pk', { maturity: 'all' }, PASSWORD);
    expect(screen.getByRole('status').textContent).toBe('Kids saved.');
    // Saved: the tile says so, and the editor opened again reads All.
    expect(screen.getByRole('button', { name: 'Edit Kids', description: 'Maturity: All' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Edit Kids' }));
    expect(within(await screen.findByRole('radiogroup', { name: MATURITY_LABEL })).getByRole('radio', { name: 'All' }).getAttribute('aria-checked')).toBe('true');
  });

  it('lowering a rating saves at once; raising it again, by any step, asks for the password with the new rating in the words', async () => {
    const { bridge, user } = start();
    await user.click(await screen.findByRole('button', { name: 'Manage profiles' }));
    await user.click(await screen.findByRole('button', { name: 'Edit Sam' }));
    await user.click(within(await screen.findByRole('radiogroup', { name: MATURITY_LABEL })).getByRole('radio', { name: 'Older kids' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { name: 'Manage profiles', level: 1 });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.updateProfile).toHaveBeenLastCalledWith('p1', { maturity: 'older-kids' }, undefined);
    expect(screen.getByRole('button', { name: 'Edit Sam', description: 'Maturity: Older kids' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Edit Sam' }));
    await user.click(within(await screen.findByRole('radiogroup', { name: MATURITY_LABEL })).getByRole('radio', { name: 'Teens' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await confirmDialog();
    expect(within(dialog).getByText(raiseReason('Sam', 'Teens'))).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    // Nothing saved: still Older kids on the service, the choice still Teens on screen.
    expect(screen.getByRole('heading', { name: 'Edit Sam', level: 1 })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Teens' }).getAttribute('aria-checked')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.type(within(await confirmDialog()).getByLabelText('Account password'), `${PASSWORD}{Enter}`);
    await screen.findByRole('heading', { name: 'Manage profiles', level: 1 });
    expect(bridge.updateProfile).toHaveBeenLastCalledWith('p1', { maturity: 'teens' }, PASSWORD);
    expect(screen.getByRole('button', { name: 'Edit Sam', description: 'Maturity: Teens' })).toBeTruthy();
  });

  it('Cancel on the password changes nothing and returns to Save', async () => {
    const { bridge, user } = start();
    await user.click(await screen.findByRole('button', { name: 'Manage profiles' }));
    await user.click(await screen.findByRole('button', { name: 'Edit Kids' }));
    await user.click(within(await screen.findByRole('radiogroup', { name: MATURITY_LABEL })).getByRole('radio', { name: 'Teens' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(within(await confirmDialog()).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Edit Kids', level: 1 })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Save' })));
    expect(bridge.updateProfile).toHaveBeenCalledTimes(1);
  });

  it("the profile in use, rated lower, reads its home rows again: what the rating no longer allows leaves the screen", async () => {
    // A service whose home for Sam follows Sam's rating: the TV-MA title only on All.
    const grown = { ...TITLES[0]!, id: 'tv-ma', title: 'Midnight Ledger', rating: 'TV-MA' };
    const family = { ...TITLES[1]!, id: 'pg', title: 'Orchard Days', rating: 'PG' };
    let samRating: MaturityLevel = 'all';
    const getHome = vi.fn(async () => {
      const items = samRating === 'all' ? [grown, family] : [family];
      return { ok: true as const, value: { hero: items[0]!, rows: [{ id: 'trending', kind: 'trending' as const, title: 'Trending Now', items }] } };
    });
    const { bridge, user } = start({ getHome });
    await user.click(await screen.findByRole('button', { name: 'Sam' }));
    const trending = await screen.findByRole('region', { name: 'Trending Now' });
    expect(within(trending).getByRole('button', { name: 'Midnight Ledger' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('tab', { name: 'Profiles' }));
    await user.click(screen.getByRole('button', { name: 'Manage profiles' }));
    await user.click(await screen.findByRole('button', { name: 'Edit Sam' }));
    await user.click(within(await screen.findByRole('radiogroup', { name: MATURITY_LABEL })).getByRole('radio', { name: 'Teens' }));
    samRating = 'teens';
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { name: 'Manage profiles', level: 1 });
    expect(bridge.updateProfile).toHaveBeenLastCalledWith('p1', { maturity: 'teens' }, undefined);
    await user.click(screen.getByRole('button', { name: 'Done' }));
    await screen.findByRole('heading', { name: 'Settings', level: 1 });
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Trending Now' })).queryByRole('button', { name: 'Midnight Ledger' })).toBeNull());
    expect(within(screen.getByRole('region', { name: 'Trending Now' })).getByRole('button', { name: 'Orchard Days' })).toBeTruthy();
  });

  it('deleting a profile the service guards: the password dialog takes the confirmation’s place', async () => {
    const deleteProfile = vi.fn((_id: string, password?: string) => guarded('Enter the account password to delete Kids, a Kids profile.', () => null)(password));
    const { user } = start({ deleteProfile });
    await user.click(await screen.findByRole('button', { name: 'Manage profiles' }));
    await user.click(await screen.findByRole('button', { name: 'Edit Kids' }));
    await user.click(await screen.findByRole('button', { name: 'Delete profile' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Delete the profile “Kids”?' })).getByRole('button', { name: 'Delete' }));
    const dialog = await confirmDialog();
    expect(screen.queryByRole('dialog', { name: 'Delete the profile “Kids”?' })).toBeNull();
    await user.type(within(dialog).getByLabelText('Account password'), `${PASSWORD}{Enter}`);
    await screen.findByRole('heading', { name: 'Manage profiles', level: 1 });
    expect(deleteProfile).toHaveBeenLastCalledWith('pk', PASSWORD);
    expect(screen.getByRole('status').textContent).toBe('Kids deleted.');
  });

  it('a remote types the password on the on-screen keyboard; its Done continues', async () => {
    const signOutAllDevices = vi.fn(guarded(SIGN_OUT_ALL, () => null));
    const { user } = start({ signOutAllDevices });
    await toSettings(user, 'Sam');
    await user.click(screen.getByRole('button', { name: 'Sign out of all devices' }));
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    const dialog = await confirmDialog();
    expect(within(dialog).getByText(SIGN_OUT_ALL)).toBeTruthy();
    // OK on the empty field opens the keyboard (a physical keyboard also types into it).
    await user.keyboard('{Enter}');
    const keyboard = await screen.findByRole('dialog', { name: 'Account password' });
    await user.keyboard(PASSWORD);
    await user.click(within(keyboard).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(signOutAllDevices).toHaveBeenLastCalledWith(PASSWORD));
  });
});

describe('account-wide actions on a Kids profile and in kiosk mode', () => {
  it('a Kids profile is not offered "Sign out of all devices" in Settings or Devices', async () => {
    const { user } = start();
    await toSettings(user, 'Kids');
    expect(screen.queryByRole('button', { name: 'Sign out of all devices' })).toBeNull();
    // Nor kiosk mode, whose admin PIN would lock the household out of its own TV.
    expect(screen.queryByRole('button', { name: 'Kiosk mode' })).toBeNull();
    await user.click(screen.getByRole('tab', { name: 'Devices' }));
    await user.click(screen.getByRole('button', { name: 'Manage devices' }));
    await screen.findByRole('heading', { name: 'Devices', level: 1 });
    expect(screen.queryByRole('button', { name: 'Sign out of all devices' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Back' })).toBeTruthy();
  });

  it('a grown-up profile is offered it', async () => {
    const { user } = start();
    await toSettings(user, 'Sam');
    expect(screen.getByRole('button', { name: 'Sign out of all devices' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Kiosk mode' })).toBeTruthy();
  });

  it('kiosk mode does not offer it (the admin PIN leaves kiosk mode first)', async () => {
    const { user } = start({}, { kiosk: true });
    await toSettings(user, 'Sam');
    expect(screen.queryByRole('button', { name: 'Sign out of all devices' })).toBeNull();
  });
});

describe('a profile lock checks the account password before the PIN', () => {
  it('a wrong password is said at once, before any PIN is asked; the right one opens the keypad', async () => {
    const checkPassword = vi.fn(async (password: string): Promise<Result<null>> =>
      password === PASSWORD ? { ok: true, value: null } : { ok: false, error: { code: 'wrong_password', message: 'x' } },
    );
    const { bridge, user } = start({ checkPassword });
    await toSettings(user, 'Sam');
    await user.click(screen.getByRole('tab', { name: 'Profiles' }));
    await user.click(screen.getByRole('button', { name: 'Profile locks' }));
    await user.click(await screen.findByRole('button', { name: 'Lock Kids' }));
    const dialog = await confirmDialog();
    await user.type(within(dialog).getByLabelText('Account password'), 'wrong{Enter}');
    expect((await within(dialog).findByRole('alert')).textContent).toBe(WRONG_PASSWORD);
    expect(screen.queryByRole('dialog', { name: 'Lock Kids' })).toBeNull();
    expect(checkPassword).toHaveBeenCalledWith('wrong');

    await user.type(within(dialog).getByLabelText('Account password'), `${PASSWORD}{Enter}`);
    await screen.findByRole('dialog', { name: 'Lock Kids' });
    expect(bridge.setProfilePin).not.toHaveBeenCalled();
  });
});
