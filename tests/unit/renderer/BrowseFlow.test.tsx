// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/App';
import { initSpatialNavigation } from '../../../renderer/src/spatial';
import { fakeBridge } from './fakeBridge';

beforeAll(() => initSpatialNavigation());
afterEach(() => cleanup());

async function toHome() {
  const bridge = fakeBridge();
  const user = userEvent.setup();
  render(<App bridge={bridge} />);
  await user.click(await screen.findByRole('button', { name: 'Sam' }));
  await screen.findByRole('region', { name: 'Trending Now' });
  return { bridge, user };
}

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
});
