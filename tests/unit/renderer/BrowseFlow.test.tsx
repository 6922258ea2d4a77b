// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/App';
import { initSpatialNavigation } from '../../../renderer/src/spatial';
import { manualClock } from './clock';
import { PROFILES, TITLES, fakeBridge } from './fakeBridge';

beforeAll(() => initSpatialNavigation());
afterEach(() => cleanup());

/**
 * Home on a clock that moves only by hand: on a busy machine a focused tile can rest past the
 * hero's follow delay (0.7 s) before the next key, and the hero would then rightly take its name.
 */
async function toHome() {
  const bridge = fakeBridge();
  const user = userEvent.setup();
  render(<App bridge={bridge} clock={manualClock().clock} />);
  await user.click(await screen.findByRole('button', { name: 'Sam' }));
  await screen.findByRole('region', { name: 'Trending Now' });
  return { bridge, user };
}

describe('Continue Watching follows the other devices', () => {
  it("another device's change to this profile's rows reads Home again; another profile's does not", async () => {
    let told: ((profileId: string) => void) | null = null;
    const bridge = fakeBridge({
      over: {
        onLibraryChanged: (cb: (profileId: string) => void) => {
          told = cb;
          return () => {
            told = null;
          };
        },
      },
    });
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    await user.click(await screen.findByRole('button', { name: 'Sam' }));
    await screen.findByRole('region', { name: 'Trending Now' });
    const reads = bridge.getHome.mock.calls.length;
    told!('p2');
    await new Promise((r) => setTimeout(r, 50));
    expect(bridge.getHome.mock.calls.length).toBe(reads);
    told!('p1');
    await waitFor(() => expect(bridge.getHome.mock.calls.length).toBe(reads + 1));
    expect(bridge.getHome).toHaveBeenLastCalledWith('p1');
  });
});

describe("the hero's facts", () => {
  it('a series says how many seasons where a film says its runtime', async () => {
    const series = { ...TITLES[0]!, runtimeMinutes: 131, seasonCount: 3 };
    const bridge = fakeBridge({ over: { getHome: vi.fn(() => Promise.resolve({ ok: true as const, value: { hero: series, rows: [{ id: 'trending', kind: 'trending' as const, title: 'Trending Now', items: TITLES }] } })) } });
    render(<App bridge={bridge} clock={manualClock().clock} />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sam' }));
    const hero = (await screen.findByRole('heading', { name: series.title, level: 1 })).closest('.hero')!;
    expect(hero.textContent).toContain('3 seasons');
    expect(hero.textContent).not.toMatch(/2 ?h ?11|131/);
  });
});

describe('Browse and play, wired in the app', () => {
  it('tile → title page → player → Back → title page → Back → Home, focus back where it was, Home re-read', async () => {
    const { bridge, user } = await toHome();
    const row = screen.getByRole('region', { name: 'Trending Now' });
    const tile = within(row).getByRole('button', { name: 'Glass City' });
    tile.focus();
    await user.keyboard('{Enter}');

    const play = await screen.findByRole('button', { name: 'Play' });
    expect(screen.getByRole('heading', { name: 'Glass City', level: 1 })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(play));
    await user.keyboard('{Enter}');

    await screen.findByRole('slider', { name: 'Playback position' });
    expect(bridge.getTitle).toHaveBeenLastCalledWith('p1', 't1');
    await user.keyboard('{Escape}');
    expect(bridge.saveProgress).toHaveBeenCalledWith('p1', 't1', expect.any(Number));
    expect(screen.queryByRole('slider')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Play' })));
    // Home's rows are read again (Continue Watching), quietly, while the title page is on top.
    await waitFor(() => expect(bridge.getHome).toHaveBeenCalledTimes(2));

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('heading', { name: 'Glass City', level: 1 })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(within(screen.getByRole('region', { name: 'Trending Now' })).getByRole('button', { name: 'Glass City' })));
  });

  it('Search → result → title page → Back → Search (focus on the result) → Back → Home', async () => {
    const { user } = await toHome();
    const searchBtn = screen.getByRole('button', { name: 'Search' });
    await user.click(searchBtn);
    const field = await screen.findByRole('searchbox', { name: 'Search titles' });
    await user.click(within(screen.getByRole('group', { name: 'Keyboard' })).getByRole('button', { name: 'p' }));
    expect((field as HTMLInputElement).value).toBe('p');
    const result = await screen.findByRole('button', { name: 'Paper Moons' });
    result.focus();
    await user.keyboard('{Enter}');

    expect(await screen.findByRole('heading', { name: 'Paper Moons', level: 1 })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('heading', { name: 'Paper Moons', level: 1 })).toBeNull();
    expect((screen.getByRole('searchbox', { name: 'Search titles' }) as HTMLInputElement).value).toBe('p');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Paper Moons' })));

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('searchbox')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Search' })));
  });

  it('a locked profile is not relocked while a film plays (no input for its length is normal)', async () => {
    const c = manualClock();
    const locked = PROFILES.map((p) => (p.name === 'Sam' ? { ...p, locked: true } : p));
    const bridge = fakeBridge({
      preferences: { relockProfileAfterMinutes: 5 },
      over: { listProfiles: () => Promise.resolve({ ok: true as const, value: locked }) },
    });
    const user = userEvent.setup();
    render(<App bridge={bridge} clock={c.clock} />);
    await user.click(await screen.findByRole('button', { name: 'Sam' }));
    await user.keyboard('1234');
    await user.click(screen.getByRole('button', { name: 'OK' }));
    await user.click(await within(await screen.findByRole('region', { name: 'Trending Now' })).findByRole('button', { name: 'Night Harbor' }));
    await user.click(await screen.findByRole('button', { name: 'Play' }));
    await screen.findByRole('slider', { name: 'Playback position' });
    c.advance(20 * 60_000);
    expect(screen.queryByRole('heading', { name: "Who's watching?" })).toBeNull();
    expect(screen.getByRole('slider', { name: 'Playback position', hidden: true })).toBeTruthy();
    // Back on the title page, the relock time counts again.
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    await screen.findByRole('button', { name: 'Play' });
    c.advance(5 * 60_000);
    expect(await screen.findByRole('heading', { name: "Who's watching?" })).toBeTruthy();
  });
});
