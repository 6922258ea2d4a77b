// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CouchsideBridge, Result } from '../../../shared/bridge';
import type { TitleDetails as Details } from '../../../shared/types';
import { NOT_AVAILABLE, TitleDetails } from '../../../renderer/src/screens/TitleDetails';
import { initSpatialNavigation } from '../../../renderer/src/spatial';
import { PROFILES, TITLES, fakeBridge, withBridge } from './fakeBridge';

beforeAll(() => initSpatialNavigation());
afterEach(() => cleanup());

const FILM: Details = {
  ...TITLES[0]!,
  title: 'Night Harbor',
  year: 2019,
  rating: 'PG-13',
  runtimeMinutes: 112,
  genre: 'Thriller',
  synopsis: 'A harbour pilot finds a ship that is not on any chart.',
  inMyList: false,
  progress: null,
};

const ok = <T,>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

function setup(details: Partial<Details> | null, over: Partial<CouchsideBridge> = {}) {
  const bridge = fakeBridge({ over: { getTitle: vi.fn(() => ok({ ...FILM, ...details })), ...over } });
  const onPlay = vi.fn();
  const onBack = vi.fn();
  const onMyListChanged = vi.fn();
  const onProfileLocked = vi.fn();
  const props = { profile: PROFILES[0]!, titleId: FILM.id, onBack, onPlay, onMyListChanged, onProfileLocked };
  const view = render(<TitleDetails {...props} covered={false} />, withBridge(bridge));
  return { bridge, onPlay, onBack, onMyListChanged, onProfileLocked, user: userEvent.setup(), props, view };
}

describe('Title page', () => {
  it('shows the title, its facts and synopsis, with focus on Play', async () => {
    const { bridge } = setup(null);
    expect(await screen.findByRole('heading', { name: 'Night Harbor', level: 1 })).toBeTruthy();
    expect(bridge.getTitle).toHaveBeenCalledWith('p1', FILM.id);
    expect(screen.getByText('2019')).toBeTruthy();
    expect(screen.getByText('PG-13', { selector: 'span' })).toBeTruthy();
    expect(screen.getByText('1 h 52 min')).toBeTruthy();
    expect(screen.getByText('Thriller')).toBeTruthy();
    expect(screen.getByText(FILM.synopsis)).toBeTruthy();
    const play = screen.getByRole('button', { name: 'Play' });
    await waitFor(() => expect(document.activeElement).toBe(play));
    expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Play from the beginning' })).toBeNull();
  });

  it('Play starts from the beginning', async () => {
    const { user, onPlay } = setup(null);
    await user.click(await screen.findByRole('button', { name: 'Play' }));
    expect(onPlay).toHaveBeenCalledWith(false);
  });

  it('with progress offers Resume (with the time left) and Play from the beginning', async () => {
    const progress = { positionSeconds: 89 * 60, durationSeconds: 112 * 60, updatedAt: '2026-01-01T00:00:00Z' };
    const { user, onPlay } = setup({ progress });
    const resume = await screen.findByRole('button', { name: 'Resume' });
    expect(screen.queryByRole('button', { name: 'Play' })).toBeNull();
    expect(screen.getByText('23 min left')).toBeTruthy();
    expect(resume.getAttribute('aria-describedby')).toBe(screen.getByText('23 min left').id);
    await waitFor(() => expect(document.activeElement).toBe(resume));
    await user.keyboard('{Enter}');
    expect(onPlay).toHaveBeenLastCalledWith(true);
    await user.click(screen.getByRole('button', { name: 'Play from the beginning' }));
    expect(onPlay).toHaveBeenLastCalledWith(false);
  });

  it('"Remove from Continue Watching" forgets the progress: Resume becomes Play, with the focus on it', async () => {
    const progress = { positionSeconds: 89 * 60, durationSeconds: 112 * 60, updatedAt: '2026-01-01T00:00:00Z' };
    const { user, bridge, onMyListChanged } = setup({ progress });
    await screen.findByRole('button', { name: 'Resume' });
    await user.click(screen.getByRole('button', { name: 'Remove from Continue Watching' }));
    expect(bridge.removeFromContinueWatching).toHaveBeenCalledWith('p1', FILM.id);
    const play = await screen.findByRole('button', { name: 'Play' });
    expect(screen.queryByText('23 min left')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove from Continue Watching' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(play));
    expect(onMyListChanged).toHaveBeenCalled();
  });

  it('a failed removal says why and keeps Resume', async () => {
    const progress = { positionSeconds: 600, durationSeconds: 112 * 60, updatedAt: '2026-01-01T00:00:00Z' };
    const removeFromContinueWatching = vi.fn(() => Promise.resolve({ ok: false as const, error: { code: 'server_unreachable' as const, message: "Can't reach the Couchside service." } }));
    const { user } = setup({ progress }, { removeFromContinueWatching });
    await user.click(await screen.findByRole('button', { name: 'Remove from Continue Watching' }));
    expect((await screen.findByRole('alert')).textContent).toBe("Can't reach the Couchside service.");
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy();
  });

  it('Add to My List toggles through setInMyList, with label and aria-pressed following', async () => {
    const { user, bridge, onMyListChanged } = setup(null);
    const add = await screen.findByRole('button', { name: 'Add to My List' });
    expect(add.getAttribute('aria-pressed')).toBe('false');
    await user.click(add);
    expect(bridge.setInMyList).toHaveBeenCalledWith('p1', FILM.id, true);
    const remove = await screen.findByRole('button', { name: 'Remove from My List' });
    expect(remove).toBe(add);
    expect(remove.getAttribute('aria-pressed')).toBe('true');
    expect(onMyListChanged).toHaveBeenCalledTimes(1);
    await user.click(remove);
    expect(bridge.setInMyList).toHaveBeenLastCalledWith('p1', FILM.id, false);
    expect((await screen.findByRole('button', { name: 'Add to My List' })).getAttribute('aria-pressed')).toBe('false');
  });

  it('a title already in My List offers Remove', async () => {
    setup({ inMyList: true });
    const btn = await screen.findByRole('button', { name: 'Remove from My List' });
    expect(btn.getAttribute('aria-pressed')).toBe('true');
  });

  it('a failed My List change says why and leaves the button as it was', async () => {
    const { user } = setup(null, {
      setInMyList: vi.fn(() =>
        Promise.resolve<Result<null>>({ ok: false, error: { code: 'server_unreachable', message: 'Couchside cannot reach the service right now.' } }),
      ),
    });
    await user.click(await screen.findByRole('button', { name: 'Add to My List' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Couchside cannot reach the service right now.');
    expect(screen.getByRole('button', { name: 'Add to My List' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('Back (Escape or Backspace) goes back', async () => {
    const { user, onBack } = setup(null);
    await screen.findByRole('button', { name: 'Play' });
    await user.keyboard('{Escape}');
    expect(onBack).toHaveBeenCalledTimes(1);
    await user.keyboard('{Backspace}');
    expect(onBack).toHaveBeenCalledTimes(2);
  });

  it('a mouse or touch screen goes back with the Back button on screen', async () => {
    const { user, onBack } = setup(null);
    await screen.findByRole('button', { name: 'Play' });
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(onBack).toHaveBeenCalledTimes(1);
  });

  it('a title this profile may not see says so, with a Back button', async () => {
    const { user, onBack } = setup(null, {
      getTitle: vi.fn(() => Promise.resolve<Result<Details>>({ ok: false, error: { code: 'not_found', message: 'Not found' } })),
    });
    expect((await screen.findByRole('alert')).textContent).toBe(NOT_AVAILABLE);
    const back = screen.getByRole('button', { name: 'Back' });
    await waitFor(() => expect(document.activeElement).toBe(back));
    await user.click(back);
    expect(onBack).toHaveBeenCalled();
  });

  it('offline: the message and Try again, which loads it again', async () => {
    let calls = 0;
    const { user } = setup(null, {
      getTitle: vi.fn(() => {
        calls++;
        return calls === 1
          ? Promise.resolve<Result<Details>>({ ok: false, error: { code: 'server_unreachable', message: 'You are offline.' } })
          : ok(FILM);
      }),
    });
    expect((await screen.findByRole('alert')).textContent).toBe('You are offline.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Night Harbor' })).toBeTruthy();
  });

  it('a locked profile goes back to the picker', async () => {
    const { onProfileLocked } = setup(null, {
      getTitle: vi.fn(() => Promise.resolve<Result<Details>>({ ok: false, error: { code: 'profile_locked', message: 'Locked' } })),
    });
    await waitFor(() => expect(onProfileLocked).toHaveBeenCalled());
  });

  it('when the player saved, it reads the progress again: Play becomes Resume, focus stays on it', async () => {
    const progress = { positionSeconds: 600, durationSeconds: 112 * 60, updatedAt: '2026-01-01T00:00:00Z' };
    const getTitle = vi.fn().mockReturnValueOnce(ok(FILM)).mockReturnValue(ok({ ...FILM, progress }));
    const { props, view } = setup(null, { getTitle });
    const play = await screen.findByRole('button', { name: 'Play' });
    await waitFor(() => expect(document.activeElement).toBe(play));
    view.rerender(<TitleDetails {...props} covered={false} refreshKey={1} />);
    const resume = await screen.findByRole('button', { name: 'Resume' });
    expect(screen.getByText('1 h 42 min left')).toBeTruthy();
    await act(() => new Promise((r) => setTimeout(r, 10)));
    expect(document.activeElement).toBe(resume);
  });
});
