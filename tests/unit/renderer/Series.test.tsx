// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getCurrentFocusKey, setFocus } from '@noriginmedia/norigin-spatial-navigation';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DevicePreferences, Result } from '../../../shared/bridge';
import type { EpisodeDetails, TitleDetails as Details, WatchProgress } from '../../../shared/types';
import { Player } from '../../../renderer/src/screens/Player';
import { STILL_WATCHING_AFTER, UP_NEXT_SECONDS } from '../../../renderer/src/screens/Playback';
import { TitleDetails } from '../../../renderer/src/screens/TitleDetails';
import { manualClock } from './clock';
import { PROFILES, SERIES, fakeBridge, withBridge } from './fakeBridge';
import { fakeEngine } from './fakeEngine';
import { useTestLayout } from './spatial';

useTestLayout();
afterEach(async () => {
  cleanup();
  await setFocus('test:nothing');
  expect(getCurrentFocusKey()).toBe('test:nothing');
});

const ok = <T,>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
const at = (season: number, number: number) => `harbour-lights:s${season}e${number}`;
const progressAt = (positionSeconds: number, episode?: EpisodeDetails): WatchProgress => ({
  positionSeconds,
  durationSeconds: 1800,
  updatedAt: '2026-01-01T00:00:00Z',
  ...(episode ? { episode: { id: episode.id, season: episode.season, number: episode.number, title: episode.title } } : {}),
});
const episodeOf = (season: number, number: number) => SERIES.seasons![season - 1]!.episodes[number - 1]!;

/** The series with some episodes started or watched. */
function withProgress(changes: Record<string, Partial<EpisodeDetails>>, progress: WatchProgress | null): Details {
  return {
    ...SERIES,
    progress,
    seasons: SERIES.seasons!.map((s) => ({ ...s, episodes: s.episodes.map((e) => ({ ...e, ...changes[e.id] })) })),
  };
}

function titlePage(details: Details) {
  const bridge = fakeBridge({ over: { getTitle: vi.fn(() => ok(details)) } });
  const onPlay = vi.fn();
  render(<TitleDetails profile={PROFILES[0]!} titleId={SERIES.id} covered={false} onBack={vi.fn()} onPlay={onPlay} />, withBridge(bridge));
  return { onPlay, user: userEvent.setup() };
}

describe('a series on its title page', () => {
  it('says how many seasons, offers "Play S1:E1", and picks a season and plays an episode by keyboard', async () => {
    const { user, onPlay } = titlePage(SERIES);
    const play = await screen.findByRole('button', { name: 'Play S1:E1' });
    await waitFor(() => expect(document.activeElement).toBe(play));
    expect(screen.getByText('2 seasons')).toBeTruthy();
    const seasons = screen.getByRole('radiogroup', { name: 'Seasons' });
    expect(within(seasons).getByRole('radio', { name: 'Season 1' }).getAttribute('aria-checked')).toBe('true');
    let list = screen.getByRole('list', { name: 'Season 1 episodes' });
    expect(within(list).getAllByRole('button').map((b) => b.textContent)).toEqual([
      expect.stringMatching(/^1\. Arrival30 min/),
      expect.stringMatching(/^2\. Low Tide/),
      expect.stringMatching(/^3\. Fog/),
    ]);
    expect(within(list).getByRole('button', { name: '2. Low Tide' }).getAttribute('aria-describedby')).toBeTruthy();

    // Down to the seasons, Right to Season 2, OK picks it.
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Add to My List');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(within(seasons).getByRole('radio', { name: 'Season 1' }));
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(within(seasons).getByRole('radio', { name: 'Season 2' }));
    await user.keyboard('{Enter}');
    expect(within(seasons).getByRole('radio', { name: 'Season 2' }).getAttribute('aria-checked')).toBe('true');
    list = screen.getByRole('list', { name: 'Season 2 episodes' });
    expect(within(list).getAllByRole('button').map((b) => b.getAttribute('aria-labelledby') && document.getElementById(b.getAttribute('aria-labelledby')!)?.textContent)).toEqual([
      '1. Arrival Again',
      '2. Low Tide Again',
      '3. Fog Again',
    ]);
    // Down to the episodes, to the second, OK plays it from the start.
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(within(list).getByRole('button', { name: '2. Low Tide Again' }));
    await user.keyboard('{Enter}');
    expect(onPlay).toHaveBeenLastCalledWith(false, at(2, 2));
  });

  it('resumes the episode it is in ("Resume S2:E2", its season shown), with each episode\'s progress', async () => {
    const inS2E2 = progressAt(600, episodeOf(2, 2));
    const details = withProgress({ [at(1, 1)]: { watched: true }, [at(2, 2)]: { progress: progressAt(600) } }, inS2E2);
    const { user, onPlay } = titlePage(details);
    const resume = await screen.findByRole('button', { name: 'Resume S2:E2' });
    await waitFor(() => expect(document.activeElement).toBe(resume));
    expect(document.getElementById(resume.getAttribute('aria-describedby')!)?.textContent).toBe('S2:E2 · Low Tide Again · 20 min left');
    expect(screen.queryByRole('button', { name: 'Play from the beginning' })).toBeNull();
    expect(screen.getByRole('radio', { name: 'Season 2' }).getAttribute('aria-checked')).toBe('true');
    const bar = screen.getByRole('progressbar', { name: '2. Low Tide Again watched' });
    expect(bar.getAttribute('aria-valuenow')).toBe('33');
    expect(bar.getAttribute('aria-valuetext')).toBe('33% watched');
    await user.keyboard('{Enter}');
    expect(onPlay).toHaveBeenLastCalledWith(true, at(2, 2));
    // An episode started earlier resumes; a watched one shows as watched.
    await user.click(screen.getByRole('radio', { name: 'Season 1' }));
    expect(screen.getByRole('progressbar', { name: '1. Arrival watched' }).getAttribute('aria-valuetext')).toBe('Watched');
    await user.click(screen.getByRole('button', { name: '1. Arrival' }));
    expect(onPlay).toHaveBeenLastCalledWith(false, at(1, 1));
  });

  it('after an episode ended, its next up at 0:00 is "Play S1:E2"', async () => {
    const { user, onPlay } = titlePage(withProgress({ [at(1, 1)]: { watched: true } }, progressAt(0, episodeOf(1, 2))));
    await user.click(await screen.findByRole('button', { name: 'Play S1:E2' }));
    expect(onPlay).toHaveBeenLastCalledWith(false, at(1, 2));
  });
});

function player(opts: { episodeId?: string; quietEpisodes?: number; details?: Details; preferences?: Partial<DevicePreferences> } = {}) {
  const details = opts.details ?? SERIES;
  const bridge = fakeBridge({ preferences: { autoplayNext: true, ...opts.preferences }, over: { getTitle: vi.fn(() => ok(details)) } });
  const { clock, advance } = manualClock();
  const engine = fakeEngine(clock, { duration: 1800 });
  const onExit = vi.fn();
  const onPlayEpisode = vi.fn();
  render(
    <Player
      profile={PROFILES[0]!}
      titleId={SERIES.id}
      episodeId={opts.episodeId}
      quietEpisodes={opts.quietEpisodes}
      resume={false}
      onExit={onExit}
      onPlayNext={vi.fn()}
      onPlayEpisode={onPlayEpisode}
      clock={clock}
      playbackRate={1}
      createEngine={engine.createEngine}
    />,
    withBridge(bridge),
  );
  return { bridge, engine, advance, onExit, onPlayEpisode, user: userEvent.setup() };
}

const slider = () => screen.getByRole('slider', { name: 'Playback position', hidden: true });
const button = (name: string) => screen.getByRole('button', { name, hidden: true });

async function playing(s: ReturnType<typeof player>) {
  await screen.findByRole('slider', { hidden: true });
  await waitFor(() => expect(s.engine.video?.paused).toBe(false));
  return s;
}

describe('an episode in the player', () => {
  it('plays the episode asked for, says which under the title, and saves its progress by episode', async () => {
    const s = await playing(player({ episodeId: at(1, 2) }));
    expect(screen.getByRole('heading', { name: 'Harbour Lights' })).toBeTruthy();
    expect(screen.getByText('S1:E2 · Low Tide')).toBeTruthy();
    expect(s.bridge.startPlayback).toHaveBeenCalledWith('p1', SERIES.id, at(1, 2));
    expect(slider().getAttribute('aria-valuetext')).toBe('0:00 of 30:00');
    s.advance(10_000);
    await waitFor(() => expect(s.bridge.saveProgress).toHaveBeenCalledWith('p1', SERIES.id, 10, at(1, 2)));
  });

  it('without an episode named, plays the next up', async () => {
    const s = await playing(player({ details: withProgress({}, progressAt(0, episodeOf(2, 1))) }));
    expect(screen.getByText('S2:E1 · Arrival Again')).toBeTruthy();
    expect(s.bridge.startPlayback).toHaveBeenCalledWith('p1', SERIES.id, at(2, 1));
  });

  it('"Skip intro" shows with the focus inside the intro, and OK skips to its end', async () => {
    const s = await playing(player({ episodeId: at(1, 2) }));
    expect(screen.queryByRole('button', { name: 'Skip intro' })).toBeNull();
    s.advance(41_000);
    const skip = await screen.findByRole('button', { name: 'Skip intro' });
    await waitFor(() => expect(document.activeElement).toBe(skip));
    await s.user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Skip intro' })).toBeNull());
    expect(slider().getAttribute('aria-valuetext')).toBe('1:30 of 30:00');
    expect(s.bridge.saveProgress).toHaveBeenLastCalledWith('p1', SERIES.id, 90, at(1, 2));
    await waitFor(() => expect(document.activeElement).toBe(button('Pause')));
  });

  it('an episode without intro marks has no "Skip intro"', async () => {
    const s = await playing(player({ episodeId: at(1, 1) }));
    s.advance(60_000);
    expect(screen.queryByRole('button', { name: 'Skip intro', hidden: true })).toBeNull();
  });

  it('at the end, "Next episode" counts down from 10 into the next episode (the next season\'s first after a season)', async () => {
    const s = await playing(player({ episodeId: at(1, 3) }));
    act(() => {
      s.engine.video!.currentTime = 1799;
    });
    s.advance(2_000);
    const dialog = await screen.findByRole('dialog', { name: `Next episode in ${UP_NEXT_SECONDS}` });
    expect(within(dialog).getByText('S2:E1 · Arrival Again')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(button('Play now')));
    expect(s.bridge.saveProgress).toHaveBeenCalledWith('p1', SERIES.id, 1800, at(1, 3));
    s.advance(4_000);
    expect(screen.getByRole('dialog', { name: 'Next episode in 6' })).toBeTruthy();
    s.advance(6_000);
    // Played to its end with no key pressed: one quiet episode so far.
    expect(s.onPlayEpisode).toHaveBeenCalledWith(at(2, 1), 1);
    expect(s.onExit).not.toHaveBeenCalled();
  });

  it('a key pressed during the episode starts the quiet count again', async () => {
    const s = await playing(player({ episodeId: at(1, 1), quietEpisodes: 2 }));
    await s.user.keyboard('{ArrowRight}');
    act(() => {
      s.engine.video!.currentTime = 1799;
    });
    s.advance(2_000);
    await screen.findByRole('dialog', { name: /^Next episode in/ });
    s.advance(UP_NEXT_SECONDS * 1000);
    expect(s.onPlayEpisode).toHaveBeenCalledWith(at(1, 2), 0);
  });

  it('"Play now" plays the next episode at once (a key: not quiet)', async () => {
    const s = await playing(player({ episodeId: at(1, 1), quietEpisodes: 1 }));
    act(() => {
      s.engine.video!.currentTime = 1799;
    });
    s.advance(2_000);
    const dialog = await screen.findByRole('dialog', { name: `Next episode in ${UP_NEXT_SECONDS}` });
    await s.user.click(within(dialog).getByRole('button', { name: 'Play now' }));
    expect(s.onPlayEpisode).toHaveBeenCalledWith(at(1, 2), 0);
  });

  it('the last episode ends the series: no countdown, back to the title page', async () => {
    const s = await playing(player({ episodeId: at(2, 3) }));
    act(() => {
      s.engine.video!.currentTime = 1799;
    });
    s.advance(2_000);
    await waitFor(() => expect(s.onExit).toHaveBeenCalledTimes(1));
    expect(s.onPlayEpisode).not.toHaveBeenCalled();
  });

  it(`after ${STILL_WATCHING_AFTER} quiet episodes: "Are you still watching?", paused, until Continue watching`, async () => {
    const s = player({ episodeId: at(1, 3), quietEpisodes: STILL_WATCHING_AFTER });
    const dialog = await screen.findByRole('dialog', { name: 'Are you still watching?' });
    const keepOn = within(dialog).getByRole('button', { name: 'Continue watching' });
    await waitFor(() => expect(document.activeElement).toBe(keepOn));
    expect(within(dialog).getByRole('button', { name: 'Back' })).toBeTruthy();
    s.advance(5_000);
    expect(s.engine.video?.paused).toBe(true);
    expect(slider().getAttribute('aria-valuetext')).toBe('0:00 of 30:00');
    await s.user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog', { name: 'Are you still watching?' })).toBeNull();
    await waitFor(() => expect(s.engine.video?.paused).toBe(false));
    s.advance(5_000);
    expect(slider().getAttribute('aria-valuetext')).toBe('0:05 of 30:00');
  });

  it('"Are you still watching?" → Back leaves the player', async () => {
    const s = player({ episodeId: at(1, 3), quietEpisodes: STILL_WATCHING_AFTER });
    const dialog = await screen.findByRole('dialog', { name: 'Are you still watching?' });
    await s.user.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(s.onExit).toHaveBeenCalledTimes(1);
  });
});
