// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CouchsideBridge, Result } from '../../../shared/bridge';
import type { Title } from '../../../shared/types';
import { SEARCH_DEBOUNCE_MS } from '../../../renderer/src/hooks/useSearch';
import { POPULAR_COUNT, POPULAR_HEADING, Search } from '../../../renderer/src/screens/Search';
import { initSpatialNavigation } from '../../../renderer/src/spatial';
import { manualClock } from './clock';
import { PROFILES, TITLES, fakeBridge, withBridge } from './fakeBridge';

beforeAll(() => initSpatialNavigation());
afterEach(() => cleanup());

function setup(over: Partial<CouchsideBridge> = {}) {
  const bridge = fakeBridge({ over });
  const { clock, advance } = manualClock();
  const onBack = vi.fn();
  const onOpenTitle = vi.fn();
  const onProfileLocked = vi.fn();
  render(
    <Search
      profile={PROFILES[0]!}
      covered={false}
      onBack={onBack}
      onOpenTitle={onOpenTitle}
      onProfileLocked={onProfileLocked}
      clock={clock}
    />,
    withBridge(bridge),
  );
  const field = screen.getByRole('searchbox', { name: 'Search titles' }) as HTMLInputElement;
  const keyboard = screen.getByRole('group', { name: 'Keyboard' });
  const key = (name: string) => within(keyboard).getByRole('button', { name });
  return { bridge, advance, onBack, onOpenTitle, onProfileLocked, field, key, user: userEvent.setup() };
}

/** Lets pending promise callbacks (the bridge's answers) run. */
const settle = () => act(() => Promise.resolve());

describe('Search', () => {
  it('starts with a hint and focus on the keyboard’s first key', async () => {
    const { key, bridge } = setup();
    expect(screen.getByText(/Type a title with the keyboard/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(key('a')));
    expect(bridge.search).not.toHaveBeenCalled();
  });

  it('before anything is typed, shows what is popular for this profile; typing replaces it with results', async () => {
    const { key, user, bridge, advance, onOpenTitle } = setup();
    const popular = await screen.findByRole('region', { name: POPULAR_HEADING });
    expect(bridge.getHome).toHaveBeenCalledWith('p1');
    expect(within(popular).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(TITLES.slice(0, POPULAR_COUNT).map((t) => t.title));
    // Focus stays on the keyboard; a popular title opens like a result.
    await waitFor(() => expect(document.activeElement).toBe(key('a')));
    await user.click(within(popular).getByRole('button', { name: 'Glass City' }));
    expect(onOpenTitle).toHaveBeenCalledWith('t1', TITLES);
    await user.click(key('n'));
    advance(SEARCH_DEBOUNCE_MS);
    await settle();
    expect(screen.queryByRole('region', { name: POPULAR_HEADING })).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Results' })).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['Night Harbor', 'Paper Moons']);
  });

  it('the on-screen keyboard types, spaces, deletes and clears', async () => {
    const { key, field, user } = setup();
    await user.click(key('g'));
    await user.click(key('l'));
    await user.click(key('Space'));
    await user.click(key('7'));
    expect(field.value).toBe('gl 7');
    await user.click(key('Delete'));
    expect(field.value).toBe('gl ');
    await user.click(key('Clear'));
    expect(field.value).toBe('');
    // Enter on the focused key types it too (a remote's OK button).
    key('p').focus();
    await user.keyboard('{Enter}');
    expect(field.value).toBe('p');
  });

  it('offers a–z, 0–9, Space, Delete and Clear', () => {
    const { key } = setup();
    for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') expect(key(c)).toBeTruthy();
    for (const name of ['Space', 'Delete', 'Clear']) expect(key(name)).toBeTruthy();
  });

  it('a physical keyboard types too, wherever focus is; Backspace deletes', async () => {
    const { key, field, user, onBack } = setup();
    key('a').focus();
    await user.keyboard('Glass');
    expect(field.value).toBe('glass');
    await user.keyboard('{Backspace}{Backspace}');
    expect(field.value).toBe('gla');
    expect(onBack).not.toHaveBeenCalled();
  });

  it('searches once typing pauses (debounced), and shows the results as poster tiles', async () => {
    const { key, user, bridge, advance } = setup();
    await user.click(key('g'));
    advance(SEARCH_DEBOUNCE_MS - 50);
    await user.click(key('l'));
    advance(SEARCH_DEBOUNCE_MS - 50);
    expect(bridge.search).not.toHaveBeenCalled();
    advance(50);
    expect(bridge.search).toHaveBeenCalledTimes(1);
    expect(bridge.search).toHaveBeenCalledWith('p1', 'gl');
    await settle();
    const results = screen.getByRole('region', { name: 'Results' });
    expect(within(results).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['Glass City']);
    expect(screen.getByRole('status').textContent).toBe('1 title');
  });

  it('ignores a slow answer to an older query', async () => {
    let answerOld: (r: Result<Title[]>) => void = () => {};
    const search = vi.fn((_p: string, q: string) =>
      q === 'n'
        ? new Promise<Result<Title[]>>((resolve) => {
            answerOld = resolve;
          })
        : Promise.resolve<Result<Title[]>>({ ok: true, value: [TITLES[0]!] }),
    );
    const { key, user, advance } = setup({ search });
    await user.click(key('n'));
    advance(SEARCH_DEBOUNCE_MS);
    expect(search).toHaveBeenLastCalledWith('p1', 'n');
    await user.click(key('i'));
    advance(SEARCH_DEBOUNCE_MS);
    expect(search).toHaveBeenLastCalledWith('p1', 'ni');
    await settle();
    expect(screen.getByRole('button', { name: 'Night Harbor' })).toBeTruthy();
    // The answer to "n" arrives last: it must not replace the results for "ni".
    await act(async () => answerOld({ ok: true, value: [TITLES[1]!, TITLES[2]!] }));
    expect(screen.getByRole('button', { name: 'Night Harbor' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Glass City' })).toBeNull();
  });

  it('says when nothing matches', async () => {
    const { user, key, advance } = setup();
    key('a').focus();
    await user.keyboard('xyz');
    advance(SEARCH_DEBOUNCE_MS);
    await settle();
    expect(screen.getByText('No titles match “xyz”')).toBeTruthy();
  });

  it('Enter on a result opens its title page, with the results it was among', async () => {
    const { user, key, advance, onOpenTitle } = setup();
    key('a').focus();
    await user.keyboard('a');
    advance(SEARCH_DEBOUNCE_MS);
    await settle();
    const tile = screen.getByRole('button', { name: 'Paper Moons' });
    tile.focus();
    await user.keyboard('{Enter}');
    expect(onOpenTitle).toHaveBeenCalledWith('t2', TITLES);
  });

  it('an error says why and offers Try again', async () => {
    const search = vi
      .fn()
      .mockReturnValueOnce(Promise.resolve({ ok: false, error: { code: 'server_unreachable', message: 'You are offline.' } }))
      .mockReturnValue(Promise.resolve({ ok: true, value: [TITLES[1]] }));
    const { user, key, advance } = setup({ search });
    await user.click(key('g'));
    advance(SEARCH_DEBOUNCE_MS);
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('You are offline.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    advance(SEARCH_DEBOUNCE_MS);
    await settle();
    expect(screen.getByRole('button', { name: 'Glass City' })).toBeTruthy();
  });

  it('a locked profile goes back to the picker', async () => {
    const search = vi.fn(() => Promise.resolve({ ok: false as const, error: { code: 'profile_locked' as const, message: 'Locked' } }));
    const { user, key, advance, onProfileLocked } = setup({ search });
    await user.click(key('g'));
    advance(SEARCH_DEBOUNCE_MS);
    await settle();
    expect(onProfileLocked).toHaveBeenCalled();
  });

  it('Escape leaves Search; so does Backspace with nothing typed (but not a held one)', async () => {
    const { user, key, onBack } = setup();
    key('a').focus();
    fireEvent.keyDown(key('a'), { key: 'Backspace', repeat: true });
    expect(onBack).not.toHaveBeenCalled();
    await user.keyboard('{Backspace}');
    expect(onBack).toHaveBeenCalledTimes(1);
    await user.keyboard('{Escape}');
    expect(onBack).toHaveBeenCalledTimes(2);
  });

  it('a mouse or touch screen leaves with the Back button on screen', async () => {
    const { user, onBack } = setup();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(onBack).toHaveBeenCalledTimes(1);
  });
});
