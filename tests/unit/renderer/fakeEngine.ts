/**
 * A player engine for jsdom (which cannot play HLS): it turns the <video> it is given into a
 * simulated one driven by the test's manual clock (currentTime, duration, paused, readyState,
 * play/pause and the media events the player listens to), and lets the test stall the buffer,
 * switch renditions and fail, as hls.js would.
 */
import { act } from '@testing-library/react';
import { vi } from 'vitest';
import type { CreateEngine, EngineError, EngineEvents, EngineTrack } from '../../../renderer/src/player/engine';
import type { IdleClock } from '../../../renderer/src/hooks/useIdle';

export const AUDIO: EngineTrack[] = [
  { language: 'en', name: 'English' },
  { language: 'fr', name: 'Français' },
];
export const SUBTITLES: EngineTrack[] = [
  { language: 'en', name: 'English' },
  { language: 'fr', name: 'Français' },
];

export function fakeEngine(clock: IdleClock, opts: { duration: number; autoReady?: boolean }) {
  let video: HTMLVideoElement | null = null;
  let events: EngineEvents | null = null;
  let pos = 0;
  let at = clock.now();
  let paused = true;
  let stalled = false;
  let ready = 0;
  const now = () => (paused || stalled ? pos : Math.min(opts.duration, pos + ((clock.now() - at) / 1000) * (video?.playbackRate || 1)));
  const fire = (type: string) => act(() => void video!.dispatchEvent(new Event(type)));
  const setSubtitleTrack = vi.fn();
  const setAudioTrack = vi.fn();
  const destroy = vi.fn();
  const createEngine = vi.fn<CreateEngine>((v, _url, startAt, ev) => {
    video = v;
    events = ev;
    pos = startAt;
    at = clock.now();
    paused = true;
    stalled = false;
    ready = 0;
    Object.defineProperties(v, {
      currentTime: {
        configurable: true,
        get: now,
        set: (t: number) => {
          pos = t;
          at = clock.now();
        },
      },
      duration: { configurable: true, get: () => (ready ? opts.duration : NaN) },
      paused: { configurable: true, get: () => paused },
      readyState: { configurable: true, get: () => ready },
      play: {
        configurable: true,
        value: () => {
          pos = now();
          at = clock.now();
          paused = false;
          if (!stalled) queueMicrotask(() => fire('playing'));
          return Promise.resolve();
        },
      },
      pause: {
        configurable: true,
        value: () => {
          pos = now();
          paused = true;
        },
      },
    });
    if (opts.autoReady !== false) queueMicrotask(() => engine.ready());
    return Promise.resolve({ setSubtitleTrack, setAudioTrack, destroy });
  });
  const engine = {
    createEngine,
    setSubtitleTrack,
    setAudioTrack,
    destroy,
    /** The manifest and first segments arrived: metadata, tracks, a rendition, data to play. */
    ready() {
      ready = 4;
      fire('loadedmetadata');
      fire('durationchange');
      act(() => {
        events!.onTracks({ audio: AUDIO, subtitles: SUBTITLES });
        events!.onRendition('540p');
      });
      fire('canplay');
    },
    /** The buffer ran dry. */
    stall() {
      pos = now();
      stalled = true;
      fire('waiting');
    },
    /** Data again. */
    unstall() {
      at = clock.now();
      stalled = false;
      fire('playing');
    },
    rendition: (name: string) => act(() => events!.onRendition(name)),
    /** The subtitle text due now, as hls.js's chosen track reports it. */
    cues: (lines: string[]) => act(() => events!.onCues?.(lines)),
    fail: (e: EngineError) => act(() => events!.onError(e)),
    get video() {
      return video;
    },
  };
  return engine;
}
