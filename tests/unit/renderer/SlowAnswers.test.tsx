// @vitest-environment jsdom
/**
 * Keys pressed before an answer arrives (a slow network, a busy machine) do what the user meant:
 * arrows pressed while the player is still loading seek once it plays, instead of moving the
 * focus on the title page underneath; Back from the player then lands on Play/Resume, whatever
 * order the answers came in.
 */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { TitleDetails } from '../../../shared/types';
import { App } from '../../../renderer/src/App';
import { TITLES, fakeBridge } from './fakeBridge';
import { useTestLayout } from './spatial';

useTestLayout();
afterEach(() => cleanup());

type Answer = { ok: true; value: TitleDetails };

/** A bridge whose getTitle answers at once until `slow()`, then only when the test says so. */
function slowBridge() {
  const pending: Array<() => void> = [];
  let slow = false;
  const bridge = fakeBridge({
    over: {
      getTitle: (_p: string, titleId: string) => {
        const value: TitleDetails = { ...(TITLES.find((t) => t.id === titleId) ?? TITLES[0]!), inMyList: false, progress: null };
        if (!slow) return Promise.resolve({ ok: true as const, value });
        return new Promise<Answer>((resolve) => pending.push(() => resolve({ ok: true, value })));
      },
    },
  });
  return {
    bridge,
    slow: () => {
      slow = true;
    },
    answerAll: () => act(() => pending.splice(0).forEach((answer) => answer())),
  };
}

describe('answers that arrive after the keys', () => {
  it('arrows pressed while the player loads seek once it plays, and Back lands on Play', async () => {
    const { bridge, slow, answerAll } = slowBridge();
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    await user.click(await screen.findByRole('button', { name: 'Sam' }));
    const row = await screen.findByRole('region', { name: 'Trending Now' });
    within(row).getByRole('button', { name: 'Glass City' }).focus();
    await user.keyboard('{Enter}');
    const play = await screen.findByRole('button', { name: 'Play' });
    await waitFor(() => expect(document.activeElement).toBe(play));
    slow();

    await user.keyboard('{Enter}');
    await screen.findByText('Loading…');
    // Three seeks before the player has its title: they must not move the focus underneath.
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    await answerAll();
    const slider = await screen.findByRole('slider', { name: 'Playback position' });
    expect(Number(slider.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(30);

    await user.keyboard('{Escape}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Play' })));
  });

  it('Back while the player is still loading leaves it', async () => {
    const { bridge, slow } = slowBridge();
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    await user.click(await screen.findByRole('button', { name: 'Sam' }));
    const row = await screen.findByRole('region', { name: 'Trending Now' });
    within(row).getByRole('button', { name: 'Glass City' }).focus();
    await user.keyboard('{Enter}');
    const play = await screen.findByRole('button', { name: 'Play' });
    await waitFor(() => expect(document.activeElement).toBe(play));
    slow();
    await user.keyboard('{Enter}');
    await screen.findByText('Loading…');
    await user.keyboard('{Escape}');
    expect(screen.queryByText('Loading…')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Play' })));
  });

  it('arrows pressed while a title page loads do not move the focus on Home underneath; Back returns to the tile', async () => {
    const { bridge, slow, answerAll } = slowBridge();
    const user = userEvent.setup();
    render(<App bridge={bridge} />);
    await user.click(await screen.findByRole('button', { name: 'Sam' }));
    const row = await screen.findByRole('region', { name: 'Trending Now' });
    const tile = within(row).getByRole('button', { name: 'Glass City' });
    tile.focus();
    slow();
    await user.keyboard('{Enter}');
    await screen.findByText('Loading…');
    await user.keyboard('{ArrowRight}{ArrowRight}');
    await answerAll();
    const play = await screen.findByRole('button', { name: 'Play' });
    await waitFor(() => expect(document.activeElement).toBe(play));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(document.activeElement).toBe(within(screen.getByRole('region', { name: 'Trending Now' })).getByRole('button', { name: 'Glass City' })));
  });
});
