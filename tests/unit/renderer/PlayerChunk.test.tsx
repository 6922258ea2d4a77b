// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { TitleDetails } from '../../../shared/types';
import { CHUNK_FAILED, Player } from '../../../renderer/src/screens/Player';
import { initSpatialNavigation } from '../../../renderer/src/spatial';
import { PROFILES, TITLES, fakeBridge, withBridge } from './fakeBridge';

// The player's own chunk cannot be fetched (the web host went away after the page loaded).
let chunkFetches = 0;
vi.mock('../../../renderer/src/screens/Playback', () => {
  chunkFetches += 1;
  throw new Error('Failed to fetch dynamically imported module');
});

beforeAll(() => initSpatialNavigation());
afterEach(cleanup);

const DETAILS: TitleDetails = { ...TITLES[0]!, inMyList: false, progress: null };

it('says in words that the player could not be loaded, offers Try again and Back, and Back leaves', async () => {
  const user = userEvent.setup();
  const onExit = vi.fn();
  const bridge = fakeBridge({ over: { getTitle: vi.fn(() => Promise.resolve({ ok: true as const, value: DETAILS })) } });
  render(<Player profile={PROFILES[0]!} titleId={DETAILS.id} resume={false} onExit={onExit} onPlayNext={vi.fn()} />, withBridge(bridge));

  expect((await screen.findByRole('alert')).textContent).toBe(CHUNK_FAILED);
  expect(screen.queryByText('Loading…')).toBeNull();
  // Try again fetches the chunk again (and says so again while it still fails).
  const fetched = chunkFetches;
  await user.click(screen.getByRole('button', { name: 'Try again' }));
  await waitFor(() => expect(chunkFetches).toBeGreaterThan(fetched));
  expect((await screen.findByRole('alert')).textContent).toBe(CHUNK_FAILED);
  await user.keyboard('{Escape}');
  expect(onExit).toHaveBeenCalled();
});
