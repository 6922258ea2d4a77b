// @vitest-environment jsdom
/**
 * Manage profiles, from "Who's watching?": add, rename, change avatar and maturity rating, delete with a
 * confirmation naming the profile; the last profile cannot be deleted; the limit; errors in words.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BridgeErrorCode, CouchsideBridge, Result } from '../../../shared/bridge';
import { MAX_PROFILE_NAME, MAX_PROFILES, type NewProfile, type Profile, type ProfileChanges } from '../../../shared/types';
import { App } from '../../../renderer/src/App';
import { AUDIO_LANGUAGE_LABEL, LAST_PROFILE_NOTE, MATURITY_LABEL, MATURITY_NOTE, NAME_KEYBOARD_TITLE, SUBTITLES_LABEL } from '../../../renderer/src/screens/ProfileEditor';
import { KIOSK_ON, PROFILES, fakeBridge } from './fakeBridge';
import { useTestLayout } from './spatial';

useTestLayout();

afterEach(() => {
  cleanup();
});

const refuse = (code: BridgeErrorCode, message = 'Refused.', field?: string) =>
  Promise.resolve({ ok: false as const, error: { code, message, ...(field ? { field } : {}) } });

/** The app on "Who's watching?" over a service that keeps its profiles (wrap a verb in `over`). */
function start(opts: { profiles?: Profile[]; over?: Partial<CouchsideBridge> } = {}) {
  let profiles = opts.profiles ?? PROFILES;
  let n = 0;
  const listProfiles = vi.fn(() => Promise.resolve({ ok: true as const, value: profiles }));
  const createProfile = vi.fn(async (p: NewProfile): Promise<Result<Profile>> => {
    const made = { id: `new-${++n}`, ...p, kids: p.maturity === 'kids', locked: false, audioLanguage: 'en', subtitleLanguage: null };
    profiles = [...profiles, made];
    return { ok: true, value: made };
  });
  const updateProfile = vi.fn(async (id: string, c: ProfileChanges): Promise<Result<Profile>> => {
    profiles = profiles.map((p) => (p.id === id ? { ...p, ...c, kids: (c.maturity ?? p.maturity) === 'kids' } : p));
    return { ok: true, value: profiles.find((p) => p.id === id)! };
  });
  const deleteProfile = vi.fn(async (id: string): Promise<Result<null>> => {
    profiles = profiles.filter((p) => p.id !== id);
    return { ok: true, value: null };
  });
  const bridge = fakeBridge({ over: { listProfiles, createProfile, updateProfile, deleteProfile, ...opts.over } });
  const user = userEvent.setup();
  render(<App bridge={bridge} />);
  return { bridge, user };
}

async function toManage(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Manage profiles' }));
  return screen.findByRole('heading', { name: 'Manage profiles', level: 1 });
}

const editor = (title: string) => screen.findByRole('heading', { name: title, level: 1 });
const nameField = () => screen.getByRole('textbox', { name: /Name/ });

describe('Manage profiles', () => {
  it('shows each profile with an edit badge, plus "Add profile"; Done goes back to the picker, which reloads', async () => {
    const { bridge, user } = start();
    await toManage(user);
    expect(screen.getByRole('button', { name: 'Edit Sam' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit Jordan' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add profile' })).toBeTruthy();
    const calls = bridge.listProfiles.mock.calls.length;
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(await screen.findByRole('heading', { name: "Who's watching?" })).toBeTruthy();
    expect(bridge.listProfiles.mock.calls.length).toBeGreaterThan(calls);
  });

  it('adds a profile with a name, an avatar and a Kids rating; the picker then shows it with its Kids badge', async () => {
    const { bridge, user } = start();
    await toManage(user);
    await user.click(screen.getByRole('button', { name: 'Add profile' }));
    await editor('Add profile');
    await waitFor(() => expect(document.activeElement).toBe(nameField()));
    await user.keyboard('Kim');
    const avatars = screen.getByRole('radiogroup', { name: 'Avatar' });
    expect(within(avatars).getAllByRole('radio')).toHaveLength(8);
    await user.click(within(avatars).getByRole('radio', { name: 'Robot' }));
    expect(within(avatars).getByRole('radio', { name: 'Robot' }).getAttribute('aria-checked')).toBe('true');
    const rating = screen.getByRole('radiogroup', { name: MATURITY_LABEL });
    // A new profile starts at All; raising needs the password, and the group says so.
    expect(within(rating).getByRole('radio', { name: 'All' }).getAttribute('aria-checked')).toBe('true');
    expect(rating.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(rating.getAttribute('aria-describedby')!)!.textContent).toBe(MATURITY_NOTE);
    await user.click(within(rating).getByRole('radio', { name: 'Kids' }));
    expect(within(rating).getByRole('radio', { name: 'Kids' }).getAttribute('aria-checked')).toBe('true');
    expect(within(rating).getByRole('radio', { name: 'All' }).getAttribute('aria-checked')).toBe('false');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(bridge.createProfile).toHaveBeenCalledWith({ name: 'Kim', avatar: 'robot', maturity: 'kids' }, undefined);
    expect(await screen.findByRole('button', { name: 'Edit Kim', description: 'Maturity: Kids' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Kim added.');
    await user.click(screen.getByRole('button', { name: 'Done' }));
    const picked = await screen.findByRole('button', { name: 'Kim' });
    expect(picked.querySelector('.badge--kids')?.textContent).toBe('Kids');
  });

  it('chooses a maturity rating with the remote alone: arrows move without choosing, OK chooses, each level described', async () => {
    const { bridge, user } = start();
    await toManage(user);
    await user.click(screen.getByRole('button', { name: 'Edit Jordan' }));
    await editor('Edit Jordan');
    await waitFor(() => expect(document.activeElement).toBe(nameField()));
    const rating = screen.getByRole('radiogroup', { name: MATURITY_LABEL });
    const radio = (name: string) => within(rating).getByRole('radio', { name });
    expect(within(rating).getAllByRole('radio').map((r) => r.getAttribute('aria-label'))).toEqual(['Kids', 'Older kids', 'Teens', 'All']);
    // Each choice reads its one line as its description.
    const description = (r: HTMLElement) => document.getElementById(r.getAttribute('aria-describedby')!)!.textContent;
    expect(description(radio('Teens'))).toBe('Also PG-13 and TV-14 titles.');
    expect(description(radio('Kids'))).toBe('Young children: TV-Y, TV-Y7, TV-G and G.');

    // Down from the name, past the avatars, lands on the rating chosen (All).
    for (let i = 0; i < 12 && !rating.contains(document.activeElement); i++) await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(radio('All'));
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(document.activeElement).toBe(radio('Older kids'));
    // Passing over a choice does not choose it.
    expect(radio('All').getAttribute('aria-checked')).toBe('true');
    await user.keyboard('{Enter}');
    expect(radio('Older kids').getAttribute('aria-checked')).toBe('true');
    expect(radio('All').getAttribute('aria-checked')).toBe('false');

    await walkTo(user, screen.getByRole('button', { name: 'Save' }));
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Manage profiles', level: 1 });
    // Only the rating changed, so only the rating is sent.
    expect(bridge.updateProfile).toHaveBeenCalledWith('p2', { maturity: 'older-kids' }, undefined);
    expect(screen.getByRole('button', { name: 'Edit Jordan', description: 'Maturity: Older kids' })).toBeTruthy();
  }, 60_000);

  it('renames a profile and changes its avatar, sending only what changed', async () => {
    const { bridge, user } = start();
    await toManage(user);
    await user.click(screen.getByRole('button', { name: 'Edit Sam' }));
    await editor('Edit Sam');
    expect((nameField() as HTMLInputElement).value).toBe('Sam');
    await user.clear(nameField());
    await user.type(nameField(), 'Samuel');
    await user.click(screen.getByRole('radio', { name: 'Cat' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(bridge.updateProfile).toHaveBeenCalledWith('p1', { name: 'Samuel', avatar: 'cat' }, undefined);
    expect(await screen.findByRole('button', { name: 'Edit Samuel' })).toBeTruthy();
  });

  it("sets the profile's audio language and subtitles, the ones the player starts with", async () => {
    const { bridge, user } = start({ profiles: PROFILES.map((p) => (p.id === 'p1' ? { ...p, subtitleLanguage: 'en' } : p)) });
    await toManage(user);
    await user.click(screen.getByRole('button', { name: 'Edit Sam' }));
    await editor('Edit Sam');
    const audio = screen.getByRole('radiogroup', { name: AUDIO_LANGUAGE_LABEL });
    const subtitles = screen.getByRole('radiogroup', { name: SUBTITLES_LABEL });
    const checked = (group: HTMLElement) => within(group).getAllByRole('radio').filter((r) => r.getAttribute('aria-checked') === 'true').map((r) => r.textContent);
    expect(within(audio).getAllByRole('radio').map((r) => r.textContent)).toEqual(['English', 'Français']);
    expect(within(subtitles).getAllByRole('radio').map((r) => r.textContent)).toEqual(['Off', 'English', 'Français']);
    // What the profile has now.
    expect(checked(audio)).toEqual(['English']);
    expect(checked(subtitles)).toEqual(['English']);
    await user.click(within(audio).getByRole('radio', { name: 'Français' }));
    await user.click(within(subtitles).getByRole('radio', { name: 'Off' }));
    expect(checked(audio)).toEqual(['Français']);
    expect(checked(subtitles)).toEqual(['Off']);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    // Only what changed; Off is null.
    expect(bridge.updateProfile).toHaveBeenCalledWith('p1', { audioLanguage: 'fr', subtitleLanguage: null }, undefined);
    await screen.findByRole('button', { name: 'Edit Sam' });
    // Opened again: the editor shows what was saved.
    await user.click(screen.getByRole('button', { name: 'Edit Sam' }));
    await editor('Edit Sam');
    expect(checked(screen.getByRole('radiogroup', { name: AUDIO_LANGUAGE_LABEL }))).toEqual(['Français']);
    expect(checked(screen.getByRole('radiogroup', { name: SUBTITLES_LABEL }))).toEqual(['Off']);
  });

  it('a new profile starts with the defaults: its languages are set once it exists', async () => {
    const { user } = start();
    await toManage(user);
    await user.click(screen.getByRole('button', { name: 'Add profile' }));
    await editor('Add profile');
    expect(screen.queryByRole('radiogroup', { name: AUDIO_LANGUAGE_LABEL })).toBeNull();
    expect(screen.queryByRole('radiogroup', { name: SUBTITLES_LABEL })).toBeNull();
  });

  it('asks for a name, and refuses one another profile has, before asking the service', async () => {
    const { bridge, user } = start();
    await toManage(user);
    await user.click(screen.getByRole('button', { name: 'Add profile' }));
    await editor('Add profile');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter a name for the profile.');
    expect(nameField().getAttribute('aria-invalid')).toBe('true');
    await user.type(nameField(), 'jordan');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toBe('There is already a profile called Jordan.');
    expect(bridge.createProfile).not.toHaveBeenCalled();
  });

  it('deletes a profile only after a confirmation naming it', async () => {
    const { bridge, user } = start();
    await toManage(user);
    await user.click(screen.getByRole('button', { name: 'Edit Jordan' }));
    await editor('Edit Jordan');
    await user.click(screen.getByRole('button', { name: 'Delete profile' }));
    let dialog = screen.getByRole('dialog', { name: 'Delete the profile “Jordan”?' });
    expect(within(dialog).getByText(/My List are deleted with it/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.deleteProfile).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Delete profile' }));
    dialog = screen.getByRole('dialog', { name: 'Delete the profile “Jordan”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(bridge.deleteProfile).toHaveBeenCalledWith('p2', undefined);
    await screen.findByRole('heading', { name: 'Manage profiles', level: 1 });
    expect(screen.queryByRole('button', { name: 'Edit Jordan' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Jordan deleted.');
  });

  it('does not offer to delete the last profile, and says why', async () => {
    const { bridge, user } = start({ profiles: [PROFILES[0]!] });
    await toManage(user);
    await user.click(screen.getByRole('button', { name: 'Edit Sam' }));
    await editor('Edit Sam');
    const del = screen.getByRole('button', { name: 'Delete profile' }) as HTMLButtonElement;
    expect(del.disabled).toBe(true);
    expect(screen.getByText(LAST_PROFILE_NOTE)).toBeTruthy();
    expect(del.getAttribute('aria-describedby')).toBe(screen.getByText(LAST_PROFILE_NOTE).id);
    await user.click(del);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.deleteProfile).not.toHaveBeenCalled();
  });

  it(`hides "Add profile" at ${MAX_PROFILES} profiles and says why`, async () => {
    const five = Array.from({ length: MAX_PROFILES }, (_, i) => ({ id: `p${i}`, name: `P${i}`, avatar: 'fox', maturity: 'all' as const, kids: false, locked: false, audioLanguage: 'en', subtitleLanguage: null }));
    const { user } = start({ profiles: five });
    await toManage(user);
    expect(screen.getAllByRole('button', { name: /^Edit / })).toHaveLength(MAX_PROFILES);
    expect(screen.queryByRole('button', { name: 'Add profile' })).toBeNull();
    expect(screen.getByText(/This account has 5 profiles, the most it can have/)).toBeTruthy();
  });

  it('puts the service\'s refusals in words', async () => {
    const { user } = start({
      over: {
        updateProfile: vi.fn(() => refuse('profile_locked', 'Profile locked.')),
        createProfile: vi.fn(() => refuse('server_unreachable', 'Offline.')),
        deleteProfile: vi.fn(() => refuse('last_profile', 'Last.')),
      },
    });
    await toManage(user);
    await user.click(screen.getByRole('button', { name: 'Edit Sam' }));
    await editor('Edit Sam');
    await user.click(screen.getByRole('radio', { name: 'Owl' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Sam is locked\. Unlock it first/);

    await user.click(screen.getByRole('button', { name: 'Delete profile' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    expect((await within(screen.getByRole('dialog')).findByRole('alert')).textContent).toBe(LAST_PROFILE_NOTE);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.keyboard('{Escape}');
    await screen.findByRole('heading', { name: 'Manage profiles', level: 1 });
    await user.click(screen.getByRole('button', { name: 'Add profile' }));
    await editor('Add profile');
    await user.type(nameField(), 'Kim');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/can't reach the service right now, so nothing was changed/);
  });

  it('shows a name the service refuses on the name field, and the limit in words', async () => {
    const createProfile = vi
      .fn()
      // The field comes with the error (the service names it): the words are never parsed.
      .mockImplementationOnce(() => refuse('invalid_input', 'Somebody else has that one.', 'name'))
      .mockImplementationOnce(() => refuse('profile_limit', 'Too many.'));
    const { user } = start({ over: { createProfile } });
    await toManage(user);
    await user.click(screen.getByRole('button', { name: 'Add profile' }));
    await editor('Add profile');
    await user.type(nameField(), 'Kim');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Somebody else has that one.');
    expect(nameField().getAttribute('aria-invalid')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/already has 5 profiles, the most it can have/));
  });

  it('Back closes the editor without saving, then closes Manage profiles', async () => {
    const { bridge, user } = start();
    await toManage(user);
    await user.click(screen.getByRole('button', { name: 'Edit Sam' }));
    await editor('Edit Sam');
    await user.type(nameField(), 'xyz');
    // Backspace in the name field edits the name…
    await user.keyboard('{Backspace}');
    expect((nameField() as HTMLInputElement).value).toBe('Samxy');
    // …and Escape (the remote's Back) leaves.
    await user.keyboard('{Escape}');
    await screen.findByRole('heading', { name: 'Manage profiles', level: 1 });
    expect(bridge.updateProfile).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit Sam' })));
    await user.keyboard('{Escape}');
    expect(await screen.findByRole('heading', { name: "Who's watching?" })).toBeTruthy();
  });
});

/** Presses arrow keys until `target` has the focus (as a remote would; fails if it cannot). */
async function walkTo(user: ReturnType<typeof userEvent.setup>, target: HTMLElement) {
  for (let step = 0; step < 30 && document.activeElement !== target; step++) {
    const from = (document.activeElement as HTMLElement).getBoundingClientRect();
    const to = target.getBoundingClientRect();
    const key = to.top > from.top ? 'ArrowDown' : to.top < from.top ? 'ArrowUp' : to.left > from.left ? 'ArrowRight' : 'ArrowLeft';
    await user.keyboard(`{${key}}`);
  }
  expect(document.activeElement).toBe(target);
}

describe('naming a profile with the remote (on-screen keyboard)', () => {
  const keyboardDialog = () => screen.getByRole('dialog', { name: NAME_KEYBOARD_TITLE });
  const key = (name: string) => within(keyboardDialog()).getByRole('button', { name });
  const shown = () => within(keyboardDialog()).getByRole('status').textContent;
  /** Arrows to the key, then OK. */
  const press = async (user: ReturnType<typeof userEvent.setup>, name: string) => {
    await walkTo(user, key(name));
    await user.keyboard('{Enter}');
  };

  it('OK on the name opens the keyboard; arrows and OK type a name with capitals; Done puts it in the field', async () => {
    const { bridge, user } = start();
    await toManage(user);
    await user.click(screen.getByRole('button', { name: 'Add profile' }));
    await editor('Add profile');
    await waitFor(() => expect(document.activeElement).toBe(nameField()));
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: NAME_KEYBOARD_TITLE });
    // The editor underneath is out of reach while the keyboard is up.
    expect(screen.getByRole('heading', { name: 'Add profile', hidden: true }).closest('[inert]')).toBeTruthy();
    // Focus starts on the first letter, a capital: a name starts with one by itself.
    await waitFor(() => expect(document.activeElement).toBe(key('A')));
    expect(within(dialog).getByText(`0 / ${MAX_PROFILE_NAME}`)).toBeTruthy();

    await press(user, 'K');
    // After the first letter, lower case.
    expect(key('i')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'I' })).toBeNull();
    await press(user, 'i');
    await press(user, 'm');
    await press(user, 'x');
    await press(user, 'Delete');
    expect(shown()).toBe('Kim');
    // A space starts a word: a capital again. Shift turns it off for the next letter...
    await press(user, 'Space');
    expect(key('Shift').getAttribute('aria-pressed')).toBe('true');
    await press(user, 'Shift');
    expect(key('Shift').getAttribute('aria-pressed')).toBe('false');
    await press(user, 'j');
    // ...and on, for a capital in the middle of a word.
    await press(user, 'Hyphen');
    await press(user, 'Shift');
    await press(user, 'J');
    expect(shown()).toBe('Kim j-J');
    expect(within(dialog).getByText(`7 / ${MAX_PROFILE_NAME}`)).toBeTruthy();
    await press(user, 'Clear');
    expect(shown()).toBe('');
    for (const c of ['S', 'a', 'm', 'Apostrophe', 's']) await press(user, c);

    await press(user, 'Done');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(nameField()));
    expect((nameField() as HTMLInputElement).value).toBe("Sam's");
    // OK on the field again opens the keyboard with the name in it.
    await user.keyboard('{Enter}');
    await screen.findByRole('dialog', { name: NAME_KEYBOARD_TITLE });
    expect(shown()).toBe("Sam's");
    await user.keyboard('{Escape}');
    await waitFor(() => expect(document.activeElement).toBe(nameField()));

    await walkTo(user, screen.getByRole('button', { name: 'Save' }));
    await user.keyboard('{Enter}');
    expect(bridge.createProfile).toHaveBeenCalledWith({ name: "Sam's", avatar: expect.any(String), maturity: 'all' }, undefined);
  }, 60_000);

  it(`stops at ${MAX_PROFILE_NAME} characters and says so; a physical keyboard types in it; Back keeps the text`, async () => {
    const { user } = start();
    await toManage(user);
    await user.click(screen.getByRole('button', { name: 'Edit Sam' }));
    await editor('Edit Sam');
    await waitFor(() => expect(document.activeElement).toBe(nameField()));
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: NAME_KEYBOARD_TITLE });
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    expect(shown()).toBe('Sam');
    // The name's own keys, as typed (capitals too), and Backspace deletes rather than closing.
    await user.keyboard('uel{Backspace}l Smith-Jones Junior');
    const max = 'Samuel Smith-Jones Junior'.slice(0, MAX_PROFILE_NAME);
    expect(shown()).toBe(max);
    expect(within(dialog).getByText(`${MAX_PROFILE_NAME} / ${MAX_PROFILE_NAME}`)).toBeTruthy();
    expect(dialog.textContent).toContain(`${MAX_PROFILE_NAME} characters is the most it can have.`);
    // A key on screen adds nothing either.
    await press(user, 'b');
    expect(shown()).toBe(max);
    await user.keyboard('{Backspace}');
    expect(shown()).toBe(max.slice(0, -1));
    expect(dialog.textContent).toContain(`Up to ${MAX_PROFILE_NAME} characters.`);

    // Back keeps what was typed, and the focus is on the name again.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(nameField()));
    expect((nameField() as HTMLInputElement).value).toBe(max.slice(0, -1));
    // Still on the editor: Back closed only the keyboard.
    expect(screen.getByRole('heading', { name: 'Edit Sam', level: 1 })).toBeTruthy();
  });

  it('gamepad A on the name (a click without a pointer) opens it too; a mouse click only places the caret', async () => {
    const { user } = start();
    await toManage(user);
    await user.click(screen.getByRole('button', { name: 'Edit Sam' }));
    await editor('Edit Sam');
    await user.click(nameField());
    expect(screen.queryByRole('dialog')).toBeNull();
    nameField().click();
    expect(await screen.findByRole('dialog', { name: NAME_KEYBOARD_TITLE })).toBeTruthy();
  });
});

describe('in kiosk mode', () => {
  it('is not offered, on the picker or in Settings', async () => {
    const bridge = fakeBridge({ kiosk: KIOSK_ON });
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    await user.click(await screen.findByRole('button', { name: 'Sam' }));
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('tab', { name: 'Profiles' }));
    expect(screen.getByRole('button', { name: 'Profile locks' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Manage profiles' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Switch profile' }));
    await screen.findByRole('heading', { name: "Who's watching?" });
    expect(screen.queryByRole('button', { name: 'Manage profiles' })).toBeNull();
  });
});
