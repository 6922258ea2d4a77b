// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getCurrentFocusKey, setFocus } from '@noriginmedia/norigin-spatial-navigation';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CouchsideBridge, DevicePreferences } from '../../../shared/bridge';
import type { PlaybackLanguages } from '../../../shared/api';
import type { TitleDetails } from '../../../shared/types';
import { Player, seekStep } from '../../../renderer/src/screens/Player';
import { CONTROLS_HIDE_MS, PLAYER_MESSAGES, SAVE_EVERY_MS, UP_NEXT_SECONDS, trackFor } from '../../../renderer/src/screens/Playback';
import { initSpatialNavigation } from '../../../renderer/src/spatial';
import { manualClock } from './clock';
import { PROFILES, TITLES, fakeBridge, withBridge } from './fakeBridge';
import { fakeEngine } from './fakeEngine';

beforeAll(() => initSpatialNavigation());
afterEach(async () => {
  cleanup();
  // The library remembers the last focus key across tests; a fresh player must not inherit it.
  await setFocus('test:nothing');
  expect(getCurrentFocusKey()).toBe('test:nothing');
});

// TITLES are 50 minutes long.
const LONG: TitleDetails = { ...TITLES[0]!, inMyList: false, progress: null };

function setup(
  opts: {
    details?: Partial<TitleDetails>;
    resume?: boolean;
    preferences?: Partial<DevicePreferences>;
    playbackRate?: number;
    list?: typeof TITLES;
    over?: Partial<CouchsideBridge>;
    /** The profile's languages, as the service hands them with the playback. */
    languages?: PlaybackLanguages;
    autoReady?: boolean;
  } = {},
) {
  const details = { ...LONG, ...opts.details };
  const duration = details.runtimeMinutes * 60;
  const bridge = fakeBridge({
    preferences: opts.preferences,
    over: {
      getTitle: vi.fn(() => Promise.resolve({ ok: true as const, value: details })),
      startPlayback: vi.fn(() =>
        Promise.resolve({
          ok: true as const,
          value: {
            playbackId: 'AAAAAAAAAAAAAAAAAAAAAA',
            manifestUrl: '/playback/AAAAAAAAAAAAAAAAAAAAAA/master.m3u8',
            durationSeconds: duration,
            segmentSeconds: 3.2,
            renditions: [{ name: '540p', width: 960, height: 540, bandwidth: 1_500_000 }],
            audio: [],
            subtitles: [],
            languages: opts.languages ?? { audio: 'en', subtitles: null },
          },
        }),
      ),
      ...opts.over,
    },
  });
  const { clock, advance } = manualClock();
  const engine = fakeEngine(clock, { duration, autoReady: opts.autoReady });
  const onExit = vi.fn();
  const onPlayNext = vi.fn();
  const onProgressSaved = vi.fn();
  render(
    <Player
      profile={PROFILES[0]!}
      titleId={LONG.id}
      resume={opts.resume ?? false}
      list={opts.list}
      onExit={onExit}
      onPlayNext={onPlayNext}
      onProgressSaved={onProgressSaved}
      clock={clock}
      playbackRate={opts.playbackRate ?? 1}
      createEngine={engine.createEngine}
    />,
    withBridge(bridge),
  );
  return { bridge, engine, advance, onExit, onPlayNext, onProgressSaved, user: userEvent.setup() };
}

// The controls may be hidden (aria-hidden) after 3 s: the queries look there too.
const slider = () => screen.getByRole('slider', { name: 'Playback position', hidden: true });
const button = (name: string) => screen.getByRole('button', { name, hidden: true });
const valueText = () => slider().getAttribute('aria-valuetext');
const chrome = () => document.querySelector('.player__chrome')!;
const saved = (bridge: ReturnType<typeof setup>['bridge']) => bridge.saveProgress.mock.calls.map((c) => c[2]);

async function started(s: ReturnType<typeof setup>) {
  await screen.findByRole('slider');
  await waitFor(() => expect(document.activeElement).toBe(button('Pause')));
  // The media is there and playing (no "Loading…").
  await waitFor(() => expect(s.engine.video?.paused).toBe(false));
  await waitFor(() => expect(screen.queryByRole('status', { name: 'Loading' })).toBeNull());
  return s;
}

describe('Player', () => {
  it('plays from the start with the title, elapsed and remaining time', async () => {
    const { advance } = await started(setup());
    expect(screen.getByRole('heading', { name: 'Night Harbor' })).toBeTruthy();
    expect(valueText()).toBe('0:00 of 50:00');
    expect(slider().getAttribute('aria-valuemax')).toBe('3000');
    advance(65_000);
    expect(valueText()).toBe('1:05 of 50:00');
    expect(slider().getAttribute('aria-valuenow')).toBe('65');
    expect(screen.getByText('1:05')).toBeTruthy();
    expect(screen.getByText('−48:55')).toBeTruthy();
    // Half a second later the two still add up to the runtime (no 1:05 / −48:54).
    advance(500);
    expect(screen.getByText('1:05')).toBeTruthy();
    expect(screen.getByText('−48:55')).toBeTruthy();
  });

  it('Resume starts where the profile stopped', async () => {
    const progress = { positionSeconds: 754, durationSeconds: 3000, updatedAt: '2026-01-01T00:00:00Z' };
    await started(setup({ resume: true, details: { progress } }));
    expect(valueText()).toBe('12:34 of 50:00');
  });

  it('Play from the beginning ignores the saved position', async () => {
    const progress = { positionSeconds: 754, durationSeconds: 3000, updatedAt: '2026-01-01T00:00:00Z' };
    await started(setup({ resume: false, details: { progress } }));
    expect(valueText()).toBe('0:00 of 50:00');
  });

  it('Enter pauses and plays; a pause saves the position and stops the clock', async () => {
    const s = await started(setup());
    s.advance(20_000);
    await s.user.keyboard('{Enter}');
    expect(button('Play')).toBeTruthy();
    expect(saved(s.bridge)).toContain(20);
    s.advance(30_000);
    expect(valueText()).toBe('0:20 of 50:00');
    await s.user.keyboard('{Enter}');
    expect(button('Pause')).toBeTruthy();
    s.advance(5_000);
    expect(valueText()).toBe('0:25 of 50:00');
  });

  it('space on the progress bar plays and pauses too', async () => {
    const s = await started(setup());
    slider().focus();
    await s.user.keyboard(' ');
    expect(button('Play')).toBeTruthy();
    await s.user.keyboard(' ');
    expect(button('Pause')).toBeTruthy();
  });

  it('Left/Right seek 10 s and save when the key is let go; holding goes faster', async () => {
    const s = await started(setup());
    s.advance(60_000);
    s.bridge.saveProgress.mockClear();
    await s.user.keyboard('{ArrowRight}');
    expect(valueText()).toBe('1:10 of 50:00');
    expect(saved(s.bridge)).toEqual([70]);
    await s.user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(valueText()).toBe('0:50 of 50:00');
    // Held: the key repeats, and the steps grow.
    const target = document.activeElement!;
    fireEvent.keyDown(target, { key: 'ArrowRight' });
    for (let i = 0; i < 14; i++) fireEvent.keyDown(target, { key: 'ArrowRight', repeat: true });
    fireEvent.keyUp(target, { key: 'ArrowRight' });
    let expected = 50;
    for (let i = 0; i < 15; i++) expected += seekStep(i);
    expect(expected).toBeGreaterThan(50 + 15 * 10);
    expect(slider().getAttribute('aria-valuenow')).toBe(String(expected));
    expect(saved(s.bridge).at(-1)).toBe(expected);
    // Focus stayed where it was: arrows seek here, they do not move focus.
    expect(document.activeElement).toBe(button('Pause'));
  });

  it('cannot seek before the start', async () => {
    const s = await started(setup());
    await s.user.keyboard('{ArrowLeft}');
    expect(valueText()).toBe('0:00 of 50:00');
  });

  it('saves every 10 s of playing, not while paused', async () => {
    const s = await started(setup());
    s.advance(SAVE_EVERY_MS);
    expect(saved(s.bridge)).toEqual([10]);
    s.advance(SAVE_EVERY_MS);
    expect(saved(s.bridge)).toEqual([10, 20]);
    await s.user.keyboard('{Enter}');
    expect(saved(s.bridge)).toEqual([10, 20, 20]);
    s.advance(SAVE_EVERY_MS * 3);
    expect(saved(s.bridge)).toEqual([10, 20, 20]);
  });

  it('the controls hide after 3 s idle while playing and come back on any key', async () => {
    const s = await started(setup());
    expect(chrome().getAttribute('aria-hidden')).toBeNull();
    s.advance(CONTROLS_HIDE_MS);
    expect(chrome().getAttribute('aria-hidden')).toBe('true');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(chrome().getAttribute('aria-hidden')).toBeNull();
    // Not while paused.
    await s.user.keyboard('{Enter}');
    s.advance(CONTROLS_HIDE_MS * 2);
    expect(chrome().getAttribute('aria-hidden')).toBeNull();
  });

  it('the controls come back on a mouse move', async () => {
    const s = await started(setup());
    s.advance(CONTROLS_HIDE_MS);
    expect(chrome().getAttribute('aria-hidden')).toBe('true');
    fireEvent.mouseMove(window, { clientX: 10, clientY: 10 });
    expect(chrome().getAttribute('aria-hidden')).toBeNull();
  });

  it('Back exits and saves where it was', async () => {
    const s = await started(setup());
    s.advance(42_000);
    await s.user.keyboard('{Escape}');
    expect(s.onExit).toHaveBeenCalledTimes(1);
    expect(saved(s.bridge)).toEqual([10, 20, 30, 40, 42]);
    // Only the exit save is reported (Home and the title page read the progress again then).
    await waitFor(() => expect(s.onProgressSaved).toHaveBeenCalledTimes(1));
  });

  it('the Back button exits too', async () => {
    const s = await started(setup());
    await s.user.click(button('Back'));
    expect(s.onExit).toHaveBeenCalledTimes(1);
  });

  it('a playback rate plays faster (at most 16x, what a video element does well)', async () => {
    const s = await started(setup({ playbackRate: 60 }));
    expect(s.engine.video?.playbackRate).toBe(16);
    s.advance(10_000);
    expect(valueText()).toBe('2:40 of 50:00');
  });

  it('at the end without autoplay: saves the end and goes back', async () => {
    const s = await started(setup({ details: { runtimeMinutes: 1 }, preferences: { autoplayNext: false } }));
    s.advance(61_000);
    await waitFor(() => expect(s.onExit).toHaveBeenCalledTimes(1));
    expect(saved(s.bridge).at(-1)).toBe(60);
    expect(s.onPlayNext).not.toHaveBeenCalled();
  });

  it('at the end with autoplay: "Next: … in 10", then the next title in the list plays', async () => {
    const s = await started(setup({ details: { runtimeMinutes: 1 }, preferences: { autoplayNext: true }, list: TITLES }));
    s.advance(60_000);
    expect(await screen.findByText(`Next: Glass City in ${UP_NEXT_SECONDS}`)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(button('Play now')));
    s.advance(3_000);
    expect(screen.getByText('Next: Glass City in 7')).toBeTruthy();
    s.advance(7_000);
    expect(s.onPlayNext).toHaveBeenCalledWith(TITLES[1]);
    expect(s.onExit).not.toHaveBeenCalled();
  });

  it('autoplay without a list plays the next title of the home row that holds it', async () => {
    const s = await started(setup({ details: { id: 't1', runtimeMinutes: 1 }, preferences: { autoplayNext: true } }));
    s.advance(60_000);
    expect(await screen.findByText(`Next: Paper Moons in ${UP_NEXT_SECONDS}`)).toBeTruthy();
    expect(s.bridge.getHome).toHaveBeenCalledWith('p1');
  });

  it('Cancel stops autoplay and goes back', async () => {
    const s = await started(setup({ details: { runtimeMinutes: 1 }, preferences: { autoplayNext: true }, list: TITLES }));
    s.advance(60_000);
    await s.user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(s.onExit).toHaveBeenCalledTimes(1);
    s.advance(UP_NEXT_SECONDS * 1000);
    expect(s.onPlayNext).not.toHaveBeenCalled();
  });

  it('shows Loading… (aria-busy) until the media can play, and again while the buffer is empty', async () => {
    const s = setup({ autoReady: false });
    const loading = await screen.findByRole('status', { name: 'Loading' });
    expect(loading.getAttribute('aria-busy')).toBe('true');
    expect(loading.textContent).toBe('Loading…');
    await waitFor(() => expect(s.engine.createEngine).toHaveBeenCalledTimes(1));
    expect(s.engine.createEngine.mock.calls[0]![1]).toBe('/playback/AAAAAAAAAAAAAAAAAAAAAA/master.m3u8');
    s.engine.ready();
    await started(s);
    s.engine.stall();
    expect(screen.getByRole('status', { name: 'Loading' })).toBeTruthy();
    s.engine.unstall();
    expect(screen.queryByRole('status', { name: 'Loading' })).toBeNull();
  });

  it('shows the rendition playing, and follows a switch', async () => {
    const s = await started(setup());
    expect(screen.getByRole('note', { name: 'Picture quality' }).textContent).toBe('540p');
    s.engine.rendition('240p');
    expect(screen.getByRole('note', { name: 'Picture quality' }).textContent).toBe('240p');
  });

  it('Resume hands the saved position to the engine', async () => {
    const progress = { positionSeconds: 754, durationSeconds: 3000, updatedAt: '2026-01-01T00:00:00Z' };
    const s = await started(setup({ resume: true, details: { progress } }));
    expect(s.engine.createEngine.mock.calls[0]![2]).toBe(754);
  });

  it('seeks pressed while the media loads land once it is there, paused if paused', async () => {
    const s = setup({ autoReady: false });
    await screen.findByRole('slider');
    await waitFor(() => expect(s.engine.createEngine).toHaveBeenCalledTimes(1));
    await s.user.keyboard('{Enter}{ArrowRight}{ArrowRight}');
    expect(valueText()).toBe('0:20 of 50:00');
    s.engine.ready();
    expect(s.engine.video?.currentTime).toBe(20);
    expect(s.engine.video?.paused).toBe(true);
    expect(button('Play')).toBeTruthy();
  });

  it('a fatal error says so with Try again, which loads again from where it stopped', async () => {
    const s = await started(setup());
    s.advance(30_000);
    s.engine.fail({ kind: 'network' });
    expect((await screen.findByRole('alert')).textContent).toContain(PLAYER_MESSAGES.network);
    expect(s.engine.destroy).toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(button('Try again')));
    await s.user.keyboard('{Enter}');
    await waitFor(() => expect(s.engine.createEngine).toHaveBeenCalledTimes(2));
    expect(s.engine.createEngine.mock.calls[1]![2]).toBe(30);
    expect(s.bridge.startPlayback).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('a 503 from the service says the service cannot stream it now', async () => {
    const s = await started(setup());
    s.engine.fail({ kind: 'network', status: 503 });
    expect((await screen.findByRole('alert')).textContent).toContain(PLAYER_MESSAGES.unavailable);
  });

  it('a 401 (the session is over) stops quietly: no error, no more saves', async () => {
    const s = await started(setup());
    s.engine.fail({ kind: 'network', status: 401 });
    s.bridge.saveProgress.mockClear();
    s.advance(SAVE_EVERY_MS * 2);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(saved(s.bridge)).toEqual([]);
    expect(s.engine.video?.paused).toBe(true);
  });

  it('startPlayback refused (the service cannot make the media): its words and Try again', async () => {
    setup({
      over: { startPlayback: vi.fn(() => Promise.resolve({ ok: false as const, error: { code: 'failed' as const, message: 'ffmpeg is not installed' } })) },
    });
    expect((await screen.findByRole('alert')).textContent).toContain('ffmpeg is not installed');
    expect(button('Try again')).toBeTruthy();
  });

  it('Subtitles & audio by keyboard: opens on the choice in use, OK chooses (saved to the profile), Back closes it', async () => {
    const s = await started(setup());
    await s.user.keyboard('{Enter}'); // pause, so the controls stay
    act(() => button('Subtitles & audio').focus());
    await s.user.keyboard('{Enter}');
    const menu = await screen.findByRole('dialog', { name: 'Subtitles and audio' });
    const off = within(menu).getByRole('radio', { name: 'Off' });
    await waitFor(() => expect(document.activeElement).toBe(off));
    expect(off.getAttribute('aria-checked')).toBe('true');
    expect(within(menu).getAllByRole('radio').map((r) => r.textContent)).toEqual(['✓Off', 'English', 'Français', '✓English', 'Français']);
    // OK on Français chooses it (jsdom has no layout: moving there by arrows is the e2e spec's part).
    const french = within(within(menu).getByRole('radiogroup', { name: 'Subtitles' })).getByRole('radio', { name: 'Français' });
    act(() => french.focus());
    await waitFor(() => expect(document.activeElement).toBe(french));
    await s.user.keyboard('{Enter}');
    expect(s.engine.setSubtitleTrack).toHaveBeenLastCalledWith(1);
    expect(french.getAttribute('aria-checked')).toBe('true');
    // The choice is the profile's now, on every device: saved through the bridge, no password.
    expect(s.bridge.updateProfile).toHaveBeenLastCalledWith(PROFILES[0]!.id, { subtitleLanguage: 'fr' }, undefined);
    // Audio: the other column.
    const audioFr = within(within(menu).getByRole('radiogroup', { name: 'Audio' })).getByRole('radio', { name: 'Français' });
    await s.user.click(audioFr);
    expect(s.engine.setAudioTrack).toHaveBeenLastCalledWith(1);
    expect(s.bridge.updateProfile).toHaveBeenLastCalledWith(PROFILES[0]!.id, { audioLanguage: 'fr' }, undefined);
    // OK on the choice in use changes nothing, and saves nothing again.
    await s.user.click(audioFr);
    expect(s.bridge.updateProfile).toHaveBeenCalledTimes(2);
    // Back closes the menu only; the player stays.
    await s.user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Subtitles and audio' })).toBeNull();
    expect(s.onExit).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(button('Subtitles & audio')));
    // Off is saved as null.
    await s.user.keyboard('{Enter}');
    await s.user.click(within(await screen.findByRole('dialog', { name: 'Subtitles and audio' })).getByRole('radio', { name: 'Off' }));
    expect(s.engine.setSubtitleTrack).toHaveBeenLastCalledWith(-1);
    expect(s.bridge.updateProfile).toHaveBeenLastCalledWith(PROFILES[0]!.id, { subtitleLanguage: null }, undefined);
  });

  it("starts with the profile's languages (from the playback), and says so in the menu", async () => {
    const s = await started(setup({ languages: { audio: 'fr', subtitles: 'fr' } }));
    // The engine is told them up front (hls.js then picks those tracks itself), and they are set.
    expect(s.engine.createEngine).toHaveBeenLastCalledWith(expect.anything(), expect.any(String), 0, expect.anything(), { audio: 'fr', subtitles: 'fr' });
    expect(s.engine.setSubtitleTrack).toHaveBeenLastCalledWith(1);
    expect(s.engine.setAudioTrack).toHaveBeenLastCalledWith(1);
    s.engine.cues(['[00:00:01] Réplique 1']);
    expect(screen.getByLabelText('Subtitles').getAttribute('lang')).toBe('fr');
    // The tracks button says what is in use without opening the menu.
    expect(screen.getByRole('button', { name: 'Subtitles & audio', description: 'Subtitles: Français. Audio: Français.', hidden: true })).toBeTruthy();
    await s.user.keyboard('{Enter}'); // pause, so the controls stay
    act(() => button('Subtitles & audio').focus());
    await s.user.keyboard('{Enter}');
    const menu = await screen.findByRole('dialog', { name: 'Subtitles and audio' });
    const checked = within(menu).getAllByRole('radio', { checked: true });
    expect(checked.map((r) => r.textContent)).toEqual(['✓Français', '✓Français']);
    // The menu opens on the subtitles in use.
    await waitFor(() => expect(document.activeElement).toBe(checked[0]));
    // Starting with them saves nothing.
    expect(s.bridge.updateProfile).not.toHaveBeenCalled();
  });

  it("a language the title lacks: the first audio track and subtitles Off", async () => {
    const s = await started(setup({ languages: { audio: 'de', subtitles: 'de' } }));
    expect(s.engine.setSubtitleTrack).toHaveBeenLastCalledWith(-1);
    expect(s.engine.setAudioTrack).toHaveBeenLastCalledWith(0);
    expect(screen.getByRole('button', { name: 'Subtitles & audio', description: 'Subtitles: Off. Audio: English.', hidden: true })).toBeTruthy();
    s.engine.cues(['[00:00:01] Line one']);
    expect(screen.queryByLabelText('Subtitles')).toBeNull();
  });

  it('a choice that cannot be saved (kiosk mode, no service) still plays, says nothing, and holds through Try again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const s = await started(
        setup({ over: { updateProfile: vi.fn(() => Promise.resolve({ ok: false as const, error: { code: 'server_unreachable' as const, message: 'offline' } })) } }),
      );
      await s.user.keyboard('{Enter}');
      act(() => button('Subtitles & audio').focus());
      await s.user.keyboard('{Enter}');
      const menu = await screen.findByRole('dialog', { name: 'Subtitles and audio' });
      await s.user.click(within(within(menu).getByRole('radiogroup', { name: 'Subtitles' })).getByRole('radio', { name: 'English' }));
      await waitFor(() => expect(warn).toHaveBeenCalled());
      expect(screen.queryByRole('alert')).toBeNull();
      expect(within(menu).getAllByRole('radio', { checked: true }).map((r) => r.textContent)).toEqual(['✓English', '✓English']);
      await s.user.keyboard('{Escape}');
      // The media fails; Try again plays on with the viewer's choice, not the profile's old one.
      s.engine.fail({ kind: 'network' });
      await s.user.click(await screen.findByRole('button', { name: 'Try again' }));
      await waitFor(() => expect(s.engine.createEngine).toHaveBeenCalledTimes(2));
      expect(s.engine.createEngine.mock.calls[1]![4]).toEqual({ audio: 'en', subtitles: 'en' });
      await waitFor(() => expect(s.engine.setSubtitleTrack).toHaveBeenLastCalledWith(0));
    } finally {
      warn.mockRestore();
    }
  });

  it('trackFor matches a language by its tag, then by its primary language', () => {
    const tracks = [
      { language: 'en', name: 'English' },
      { language: 'fr-CA', name: 'Français (Canada)' },
      { language: '', name: 'Commentary' },
    ];
    expect(trackFor(tracks, 'EN')).toBe(0);
    expect(trackFor(tracks, 'fr')).toBe(1);
    expect(trackFor(tracks, 'en-GB')).toBe(0);
    expect(trackFor(tracks, 'de')).toBe(-1);
    expect(trackFor(tracks, null)).toBe(-1);
    expect(trackFor(tracks, '')).toBe(-1);
  });

  it('subtitles: the chosen track\'s text is drawn, above the controls while they show and low once they hide; none with Off', async () => {
    const s = await started(setup());
    s.engine.cues(['[00:00:01] Line one']);
    // Off (the default): nothing drawn, whatever the engine reports.
    expect(screen.queryByLabelText('Subtitles')).toBeNull();
    await s.user.keyboard('{Enter}'); // pause, so the controls stay
    act(() => button('Subtitles & audio').focus());
    await s.user.keyboard('{Enter}');
    const menu = await screen.findByRole('dialog', { name: 'Subtitles and audio' });
    await s.user.click(within(within(menu).getByRole('radiogroup', { name: 'Subtitles' })).getByRole('radio', { name: 'Français' }));
    await s.user.keyboard('{Escape}');
    s.engine.cues(['[00:00:02] Réplique', 'deux lignes']);
    const subtitles = screen.getByLabelText('Subtitles');
    expect(subtitles.getAttribute('lang')).toBe('fr');
    expect(Array.from(subtitles.querySelectorAll('p')).map((p) => p.textContent)).toEqual(['[00:00:02] Réplique', 'deux lignes']);
    expect(subtitles.classList.contains('is-raised')).toBe(true);
    // Playing, the controls hide after a while without keys: the text drops to the bottom.
    act(() => button('Play').focus());
    await s.user.keyboard('{Enter}');
    act(() => s.advance(CONTROLS_HIDE_MS + 500));
    await waitFor(() => expect(screen.getByLabelText('Subtitles').classList.contains('is-raised')).toBe(false));
    // Between cues, nothing.
    s.engine.cues([]);
    expect(screen.queryByLabelText('Subtitles')).toBeNull();
  });

  it('a title this profile may not see says so', async () => {
    setup({
      over: { getTitle: vi.fn(() => Promise.resolve({ ok: false as const, error: { code: 'not_found' as const, message: 'nope' } })) },
    });
    expect((await screen.findByRole('alert')).textContent).toBe('That title is not available on this profile.');
    await act(() => Promise.resolve());
  });
});

describe('Player: screens per plan', () => {
  const INFO = {
    playbackId: 'AAAAAAAAAAAAAAAAAAAAAA',
    manifestUrl: '/playback/AAAAAAAAAAAAAAAAAAAAAA/master.m3u8',
    durationSeconds: 3000,
    segmentSeconds: 3.2,
    renditions: [{ name: '540p', width: 960, height: 540, bandwidth: 1_500_000 }],
    audio: [],
    subtitles: [],
    languages: { audio: 'en', subtitles: null },
  };
  const STREAMS = [
    { streamId: 's-living', deviceName: 'Living room TV', profileName: 'Sam', titleName: 'Glass Harbor', since: '2026-01-01T20:00:00.000Z' },
    { streamId: 's-bedroom', deviceName: 'Bedroom TV', profileName: 'Kids', titleName: null, since: '2026-01-01T19:00:00.000Z' },
  ];
  const TOO_MANY = { ok: false as const, error: { code: 'too_many_streams' as const, message: PLAYER_MESSAGES.tooMany, streams: STREAMS } };
  const tooManyFirst = () => vi.fn().mockResolvedValueOnce(TOO_MANY).mockResolvedValue({ ok: true as const, value: INFO });

  it('one TV too many: says so, names the devices streaming with "Stop playback on …", and plays once one is stopped', async () => {
    const s = setup({ over: { startPlayback: tooManyFirst() } });
    const dialog = await screen.findByRole('dialog', { name: PLAYER_MESSAGES.tooMany });
    expect(within(dialog).getByRole('alert').textContent).toBe('Too many people are using your account right now.');
    expect(within(dialog).getAllByRole('button').map((b) => b.textContent)).toEqual(['Stop playback on Living room TV', 'Stop playback on Bedroom TV', 'Back']);
    expect(dialog.textContent).toContain('Sam · Glass Harbor');
    expect(screen.queryByRole('status', { name: 'Loading' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(button('Stop playback on Living room TV')));
    expect(s.engine.createEngine).not.toHaveBeenCalled();

    // OK on the bedroom TV (jsdom has no layout: moving there by arrows is the e2e spec's part):
    // that stream is stopped, and this TV plays.
    act(() => button('Stop playback on Bedroom TV').focus());
    await waitFor(() => expect(document.activeElement).toBe(button('Stop playback on Bedroom TV')));
    await s.user.keyboard('{Enter}');
    await waitFor(() => expect(s.bridge.stopStream).toHaveBeenCalledWith('s-bedroom'));
    await started(s);
    expect(s.bridge.startPlayback).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('dialog')).toBeNull();

    // Leaving the player (the app then unmounts it) ends this TV's playback at once (its screen is free).
    await s.user.keyboard('{Escape}');
    expect(s.onExit).toHaveBeenCalled();
    expect(s.bridge.stopPlayback).not.toHaveBeenCalled();
    cleanup();
    await waitFor(() => expect(s.bridge.stopPlayback).toHaveBeenCalledWith(INFO.playbackId));
  });

  it('Back on the too-many screen leaves without stopping anyone', async () => {
    const s = setup({ over: { startPlayback: tooManyFirst() } });
    const dialog = await screen.findByRole('dialog', { name: PLAYER_MESSAGES.tooMany });
    await s.user.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(s.onExit).toHaveBeenCalledTimes(1);
    expect(s.bridge.stopStream).not.toHaveBeenCalled();
    expect(s.bridge.stopPlayback).not.toHaveBeenCalled();
  });

  it('a stream that ended meanwhile (not_found) is fine: this TV just plays', async () => {
    const s = setup({ over: { startPlayback: tooManyFirst(), stopStream: vi.fn(() => Promise.resolve({ ok: false as const, error: { code: 'not_found' as const, message: 'No such playback on this account.' } })) } });
    await screen.findByRole('dialog', { name: PLAYER_MESSAGES.tooMany });
    await s.user.click(button('Stop playback on Living room TV'));
    await started(s);
  });

  it('stopped from another device (410): says so with Back only, no Try again; Back saves where it was', async () => {
    const s = await started(setup());
    s.advance(42_000);
    s.engine.fail({ kind: 'network', status: 410 });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Playback was stopped from another device.');
    expect(within(alert).getAllByRole('button').map((b) => b.textContent)).toEqual(['Back']);
    expect(screen.queryByRole('button', { name: 'Try again', hidden: true })).toBeNull();
    expect(s.engine.video?.paused).toBe(true);
    // Behind the panel, the player's own button no longer says "Pause": nothing plays.
    expect(screen.getByRole('button', { name: 'Play', hidden: true })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Pause', hidden: true })).toBeNull();
    // Not a sign-out: the session goes on, nothing else happens by itself.
    s.bridge.saveProgress.mockClear();
    s.advance(SAVE_EVERY_MS * 2);
    expect(saved(s.bridge)).toEqual([]);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Back'));
    await s.user.keyboard('{Enter}');
    expect(s.onExit).toHaveBeenCalledTimes(1);
    expect(saved(s.bridge)).toEqual([42]);
  });

  it('a long pause that lost this TV its screen (409): says too many, and Try again lists the devices', async () => {
    const startPlayback = vi.fn().mockResolvedValueOnce({ ok: true as const, value: INFO }).mockResolvedValueOnce(TOO_MANY).mockResolvedValue({ ok: true as const, value: INFO });
    const s = await started(setup({ over: { startPlayback } }));
    s.engine.fail({ kind: 'network', status: 409 });
    expect((await screen.findByRole('alert')).textContent).toContain(PLAYER_MESSAGES.tooMany);
    await waitFor(() => expect(document.activeElement).toBe(button('Try again')));
    await s.user.keyboard('{Enter}');
    await screen.findByRole('dialog', { name: PLAYER_MESSAGES.tooMany });
    expect(button('Stop playback on Living room TV')).toBeTruthy();
    // The playback that lost its screen was let go when Try again started a new one.
    expect(s.bridge.stopPlayback).toHaveBeenCalledWith(INFO.playbackId);
  });
});
