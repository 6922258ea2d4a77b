// @vitest-environment jsdom
/**
 * Focus by remote (spatial navigation on a deterministic test layout, see ./spatial.ts): Home's
 * rows and top bar, the picker, a screen on top keeping the arrows to itself, Back returning focus
 * to the element that opened the screen, the keypad by arrows and Enter, and a gamepad moving the
 * same focus.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HomeData } from '../../../shared/bridge';
import type { TitleCard } from '../../../shared/types';
import { App } from '../../../renderer/src/App';
import { PinKeypad } from '../../../renderer/src/components/PinKeypad';
import { HERO_FOLLOW_MS, Home } from '../../../renderer/src/screens/Home';
import { ProfilePicker } from '../../../renderer/src/screens/ProfilePicker';
import { BUTTON, startGamepad } from '../../../renderer/src/spatial';
import { manualClock } from './clock';
import { PROFILES, TITLES, fakeBridge, withBridge } from './fakeBridge';
import { useTestLayout } from './spatial';

useTestLayout();

afterEach(() => cleanup());

const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });
const focused = () => document.activeElement;
const button = (name: string) => screen.getByRole('button', { name });
const expectFocus = (name: string) => waitFor(() => expect(focused()).toBe(button(name)));

/** Two rows: Continue Watching (with progress) and a genre row of five titles. */
const titles = (prefix: string, n: number): TitleCard[] =>
  Array.from({ length: n }, (_, i) => ({ ...TITLES[i % TITLES.length]!, id: `${prefix}${i}`, title: `${prefix.toUpperCase()} ${i}` }));
const HOME: HomeData = {
  hero: { ...TITLES[0]!, id: 'hero', title: 'The Hero' },
  rows: [
    {
      id: 'continue',
      kind: 'continue-watching',
      title: 'Continue Watching',
      items: titles('c', 3).map((t, i) => ({
        ...t,
        progress: { positionSeconds: (i + 1) * 600, durationSeconds: 3000, updatedAt: '2026-01-01T00:00:00Z' },
      })),
    },
    { id: 'drama', kind: 'genre', title: 'Drama', items: titles('d', 5) },
  ],
} as HomeData;

/** Home on a clock that moves only by hand: the hero follows the focus only when a test says time passed. */
function renderHome(home: HomeData = HOME) {
  const bridge = fakeBridge({ over: { getHome: vi.fn(() => ok(home)) } });
  const time = manualClock();
  const props = { onOpenTitle: vi.fn(), onOpenSearch: vi.fn(), onOpenSettings: vi.fn(), onSwitchProfile: vi.fn(), onPlayTitle: vi.fn() };
  render(<Home profile={PROFILES[0]!} covered={false} clock={time.clock} {...props} />, withBridge(bridge));
  return { ...props, user: userEvent.setup(), advance: time.advance };
}

const heroTitle = () => screen.getByRole('heading', { level: 1 }).textContent;

describe('Home by remote', () => {
  it('starts on the first title, walks a row and moves between rows, each remembering its column', async () => {
    const { user } = renderHome();
    await expectFocus('C 0');
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(focused()).toBe(button('C 2'));
    // Stops at the end of a row (no wrap-around).
    await user.keyboard('{ArrowRight}');
    expect(focused()).toBe(button('C 2'));
    await user.keyboard('{ArrowDown}');
    expect(within(screen.getByRole('region', { name: 'Drama' })).getAllByRole('button')).toContain(focused());
    await user.keyboard('{ArrowRight}');
    const dramaTile = focused();
    await user.keyboard('{ArrowUp}');
    expect(focused()).toBe(button('C 2'));
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe(dramaTile);
    // One focus only, drawn for remote and gamepad alike.
    expect(document.querySelectorAll('[data-focused]')).toHaveLength(1);
    expect(dramaTile?.hasAttribute('data-focused')).toBe(true);
  });

  it('goes up to the hero and the top bar, and back down to the row it left', async () => {
    const { user, onOpenTitle, onOpenSearch } = renderHome();
    await expectFocus('C 0');
    await user.keyboard('{ArrowRight}{ArrowUp}');
    // The hero's actions: Play first, then More info.
    expect(focused()).toBe(button('Play'));
    await user.keyboard('{ArrowRight}');
    expect(focused()).toBe(button('More info'));
    await user.keyboard('{Enter}');
    expect(onOpenTitle).toHaveBeenCalledWith('hero');
    await user.keyboard('{ArrowUp}');
    const bar = focused() as HTMLElement;
    expect(bar.closest('.topbar')).not.toBeNull();
    await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    expect(focused()).toBe(button('Search'));
    await user.keyboard('{Enter}');
    expect(onOpenSearch).toHaveBeenCalledTimes(1);
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe(button('Play'));
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe(button('C 1'));
  });

  it('opens a title with Enter, Search with "/", and jumps to Settings with "m"', async () => {
    const { user, onOpenTitle, onOpenSearch, onOpenSettings } = renderHome();
    await expectFocus('C 0');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onOpenTitle).toHaveBeenCalledWith('d0');
    await user.keyboard('/');
    expect(onOpenSearch).toHaveBeenCalledTimes(1);
    // "m" opens Settings as "/" opens Search (the button keeps the focus for the way back).
    await user.keyboard('m');
    expect(onOpenSettings).toHaveBeenCalledTimes(1);
    expect(focused()).toBe(button('Settings'));
  });

  it('draws how far in each Continue Watching title is', async () => {
    renderHome();
    const tile = await screen.findByRole('button', { name: 'C 0' });
    expect(tile.getAttribute('aria-description')).toBe('Rated TV-14, 40 minutes left');
    // Under the tile: the bar and the time left in words.
    const item = tile.closest('li')!;
    expect((item.querySelector('.tile__progress-fill') as HTMLElement).style.width).toBe('20%');
    expect(item.querySelector('.tile__left')?.textContent).toBe('40 min left');
    expect(button('D 0').closest('li')!.querySelector('.tile__progress')).toBeNull();
  });
});

describe('the hero follows the focus', () => {
  it('shows the title the focus rests on, not one it passes over, and its Play or Resume plays that title', async () => {
    const { user, advance, onPlayTitle, onOpenTitle } = renderHome();
    await expectFocus('C 0');
    expect(heroTitle()).toBe('The Hero');
    // Passing over tiles changes nothing: each move starts the wait again.
    advance(HERO_FOLLOW_MS - 1);
    await user.keyboard('{ArrowDown}');
    advance(HERO_FOLLOW_MS - 1);
    await user.keyboard('{ArrowRight}');
    advance(HERO_FOLLOW_MS - 1);
    expect(heroTitle()).toBe('The Hero');
    // Resting on "D 1" makes it the hero: its name, and Play for it.
    advance(1);
    expect(heroTitle()).toBe('D 1');
    expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy();

    // Resting on a Continue Watching title offers Resume, with the time left.
    await user.keyboard('{ArrowUp}{ArrowRight}');
    expect(focused()).toBe(button('C 1'));
    advance(HERO_FOLLOW_MS);
    expect(heroTitle()).toBe('C 1');
    await user.keyboard('{ArrowUp}');
    const resume = button('Resume');
    expect(focused()).toBe(resume);
    expect(resume.getAttribute('aria-description')).toBe('30 min left');
    await user.keyboard('{Enter}');
    expect(onPlayTitle).toHaveBeenLastCalledWith('c1', true);
    await user.keyboard('{ArrowRight}{Enter}');
    expect(onOpenTitle).toHaveBeenLastCalledWith('c1');
  });

  it('never changes under the focus: Up to the hero before the pause keeps the hero the user saw', async () => {
    const { user, advance, onPlayTitle } = renderHome();
    await expectFocus('C 0');
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowUp}');
    expect(focused()).toBe(button('Play'));
    advance(HERO_FOLLOW_MS * 3);
    expect(heroTitle()).toBe('The Hero');
    await user.keyboard('{Enter}');
    expect(onPlayTitle).toHaveBeenLastCalledWith('hero', false);
  });

  it("is only ever the service's pick or a title on a row the service sent for this profile (a Kids profile sees only its own)", async () => {
    // An id that is on no row any more (say, removed from Continue Watching since) falls back to the pick.
    const { spotlight } = await import('../../../renderer/src/screens/Home');
    expect(spotlight(HOME, 'd2').title).toBe('D 2');
    expect(spotlight(HOME, 'gone').title).toBe('The Hero');
    expect(spotlight(HOME, null).title).toBe('The Hero');
  });
});

describe("the hero's Play", () => {
  it('plays the hero from the start, or resumes it when it is in Continue Watching (saying the time left)', async () => {
    const first = renderHome();
    await first.user.click(await screen.findByRole('button', { name: 'Play' }));
    expect(first.onPlayTitle).toHaveBeenLastCalledWith('hero', false);
    cleanup();

    const resumable: HomeData = { ...HOME, hero: HOME.rows[0]!.items[1]! };
    const second = renderHome(resumable);
    const resume = await screen.findByRole('button', { name: 'Resume' });
    expect(resume.getAttribute('aria-description')).toBe('30 min left');
    await second.user.click(resume);
    expect(second.onPlayTitle).toHaveBeenLastCalledWith('c1', true);
  });
});

describe('the picker by remote', () => {
  it('walks the tiles, reaches "Manage profiles" below them, and comes back up', async () => {
    const bridge = fakeBridge({ over: { listProfiles: vi.fn(() => ok([...PROFILES, { id: 'p3', name: 'Kim', avatar: 'cat', maturity: 'kids' as const, kids: true, locked: false, audioLanguage: 'en', subtitleLanguage: null }])) } });
    const onManageProfiles = vi.fn();
    const onPick = vi.fn();
    render(<ProfilePicker accountKey="a" lastProfileId="p2" onPick={onPick} onManageProfiles={onManageProfiles} />, withBridge(bridge));
    const user = userEvent.setup();
    await expectFocus('Jordan');
    await user.keyboard('{ArrowRight}');
    expect(focused()).toBe(button('Kim'));
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe(button('Manage profiles'));
    await user.keyboard('{Enter}');
    expect(onManageProfiles).toHaveBeenCalledTimes(1);
    await user.keyboard('{ArrowUp}');
    expect(focused()).toBe(button('Kim'));
    await user.keyboard('{Enter}');
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ id: 'p3' }));
  });
});

describe('screens on top', () => {
  async function toHome() {
    const bridge = fakeBridge();
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    await user.click(await screen.findByRole('button', { name: 'Sam' }));
    await expectFocus('Night Harbor');
    return { bridge, user };
  }

  it('Settings keeps the arrows to itself; Back puts focus on the button that opened it', async () => {
    const { user } = await toHome();
    // The top bar, as App wires Home: Search, Switch profile, Settings.
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowRight}{ArrowRight}');
    expect(focused()).toBe(button('Settings'));
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Settings' });
    const settings = document.querySelector('.settings') as HTMLElement;
    await waitFor(() => expect(settings.contains(focused())).toBe(true));
    // However far the arrows go, focus never lands on Home underneath.
    for (const key of ['{ArrowDown>12/}', '{ArrowRight>3/}', '{ArrowUp>12/}', '{ArrowLeft>3/}']) {
      await user.keyboard(key);
      expect(settings.contains(focused())).toBe(true);
    }
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();
    await expectFocus('Settings');
    // And Home's arrows work again from there.
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(focused()).toBe(button('Night Harbor'));
  });

  it('a dialog keeps the arrows inside, starts on the safe answer, and Back returns to its opener', async () => {
    const { user } = await toHome();
    await user.keyboard('m{Enter}');
    await screen.findByRole('heading', { name: 'Settings' });
    await user.click(button('Sign out'));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out of Couchside on this device?' });
    await waitFor(() => expect(focused()).toBe(within(dialog).getByRole('button', { name: 'No' })));
    await user.keyboard('{ArrowLeft}');
    expect(focused()).toBe(within(dialog).getByRole('button', { name: 'Yes' }));
    await user.keyboard('{ArrowUp}{ArrowDown}{ArrowDown}');
    expect(dialog.contains(focused())).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await expectFocus('Sign out');
  });
});

describe('the keypad by remote', () => {
  it('enters digits with the arrows and Enter, deletes, and submits with OK', async () => {
    const onSubmit = vi.fn();
    render(<PinKeypad label="Profile PIN" minLength={4} maxLength={4} onSubmit={onSubmit} onCancel={() => {}} />);
    const user = userEvent.setup();
    expect(focused()).toBe(button('1'));
    // 1, 5 (down-right), 9 (down-right), 0 (down, left), Delete (left), 0 again, then 6 and OK.
    await user.keyboard('{Enter}{ArrowDown}{ArrowRight}{Enter}{ArrowDown}{ArrowRight}{Enter}');
    expect(screen.getByRole('status').textContent).toBe('3 of 4 digits entered');
    await user.keyboard('{ArrowDown}{ArrowLeft}{Enter}');
    expect(focused()).toBe(button('0'));
    expect(screen.getByRole('status').textContent).toBe('4 digits entered');
    await user.keyboard('{ArrowLeft}{Enter}');
    expect(screen.getByRole('status').textContent).toBe('3 of 4 digits entered');
    await user.keyboard('{ArrowRight}{Enter}{ArrowRight}{Enter}');
    expect(onSubmit).toHaveBeenCalledWith('1590');
  });

  it('in the unlock dialog: typed digits, a refused PIN puts focus back on "1", Back returns to the tile', async () => {
    const unlockProfile = vi.fn().mockReturnValueOnce(Promise.resolve({ ok: false as const, error: { code: 'wrong_pin' as const, message: 'Wrong PIN.' } }));
    const locked = PROFILES.map((p) => (p.name === 'Jordan' ? { ...p, locked: true } : p));
    const bridge = fakeBridge({ over: { listProfiles: vi.fn(() => ok(locked)), unlockProfile } });
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    await expectFocus('Sam');
    await user.keyboard('{ArrowRight}{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Enter the PIN for Jordan' });
    expect(focused()).toBe(within(dialog).getByRole('button', { name: '1' }));
    await user.keyboard('{ArrowRight}{ArrowRight}');
    await user.keyboard('4321');
    // OK by arrows: down to the last row, then Enter.
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{Enter}');
    expect(unlockProfile).toHaveBeenCalledWith('p2', '4321');
    expect(await within(dialog).findByRole('alert')).toBeTruthy();
    await waitFor(() => expect(focused()).toBe(within(dialog).getByRole('button', { name: '1' })));
    // Arrows stay in the dialog (Up from the top row goes nowhere).
    await user.keyboard('{ArrowUp}');
    expect(focused()).toBe(within(dialog).getByRole('button', { name: '1' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await expectFocus('Jordan');
  });
});

describe('a gamepad', () => {
  it('moves the same focus as the arrows, and A presses the focused tile', async () => {
    const { onOpenTitle } = renderHome();
    await expectFocus('C 0');
    let pads: Gamepad[] = [];
    let frame: (() => void) | null = null;
    const listeners = new EventTarget();
    const stop = startGamepad({
      getGamepads: () => pads,
      requestFrame: (cb) => {
        frame = cb;
        return 1;
      },
      cancelFrame: () => {},
      now: () => 0,
      events: listeners as unknown as Window,
    });
    const press = async (buttons: number[]) => {
      pads = [{ connected: true, axes: [0, 0], buttons: Array.from({ length: 17 }, (_, i) => ({ pressed: buttons.includes(i) })) } as unknown as Gamepad];
      listeners.dispatchEvent(new Event('gamepadconnected'));
      const f = frame;
      frame = null;
      f?.();
      await new Promise((r) => setTimeout(r, 0));
    };
    await press([BUTTON.RIGHT]);
    await waitFor(() => expect(focused()).toBe(button('C 1')));
    await press([]);
    await press([BUTTON.A]);
    expect(onOpenTitle).toHaveBeenCalledWith('c1');
    stop();
  });
});
