/**
 * The mock player: no video, the title's art full screen and a simulated clock that behaves like
 * playback. Enter/space (or the button) plays and pauses, Left/Right seek 10 s (held: faster),
 * the progress bar is a slider with elapsed and remaining time, the controls hide after 3 s idle
 * while playing and come back on any key or mouse move, Back exits.
 *
 * Progress is saved on the service every 10 s of playing, on pause, when a seek ends and on exit,
 * so Continue Watching and "Resume" are right on every device. At the end, with "Autoplay next"
 * on, the next title starts after a 10 s countdown (Cancel stops it).
 *
 * Time is injectable: `clock` (tests pass a manual one) and `playbackRate` (default: the page
 * URL's `?playbackRate=N`, else 1), so end-to-end tests can play a film to its end in seconds.
 */
import { useEffect, useEffectEvent, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Profile, Title } from '../../../shared/types';
import { Backdrop } from '../components/Backdrop';
import { realClock, useIdle, type IdleClock } from '../hooks/useIdle';
import { useKeys } from '../hooks/useKeys';
import { useResult } from '../hooks/useResult';
import { durationOf, findNextTitle, formatClock, playbackRateFromLocation } from '../playback';
import { FocusScreen, focusKey as focusByKey, useFocusTarget } from '../spatial';
import { NOT_AVAILABLE } from './TitleDetails';
import { useBridge } from '../hooks/useBridge';

/** One Left/Right press moves this far; holding the key speeds up (see seekStep). */
export const SEEK_SECONDS = 10;
/** The controls hide after this long without input while playing. */
export const CONTROLS_HIDE_MS = 3000;
/** Progress is saved after every this much playing time (wall clock). */
export const SAVE_EVERY_MS = 10_000;
/** "Next: … in 10". */
export const UP_NEXT_SECONDS = 10;
/** How often the screen redraws while playing. */
const TICK_MS = 250;

/** How far the n-th repeat of a held arrow seeks: 10 s, then 30 s, then 60 s. */
export function seekStep(repeats: number): number {
  if (repeats < 4) return SEEK_SECONDS;
  if (repeats < 12) return 30;
  return 60;
}

export interface PlayerProps {
  profile: Profile;
  titleId: string;
  /** Start where this profile stopped ("Resume"), else from the beginning. */
  resume: boolean;
  /** The list the title was opened from (search results): autoplay plays the next one in it. */
  list?: readonly Title[];
  onExit: () => void;
  /**
   * The position saved on exit (or at the end) is stored: what shows it (Continue Watching,
   * "Resume") can be read again now, not before (the save and a re-read would race).
   */
  onProgressSaved?: () => void;
  /** Autoplay's countdown ran out (or "Play now"): play this title next. */
  onPlayNext: (title: Title) => void;
  /** The service says the profile is locked for this device: back to "Who's watching?". */
  onProfileLocked?: () => void;
  clock?: IdleClock;
  /** How many simulated seconds pass per real second (default: `?playbackRate=N`, else 1). */
  playbackRate?: number;
}

interface Anchor {
  /** Position (seconds) at `at`. */
  pos: number;
  /** Clock time (ms) the anchor was taken. */
  at: number;
  playing: boolean;
}

export function Player(props: PlayerProps) {
  const bridge = useBridge();
  const { profile, titleId, onProfileLocked } = props;
  const { load } = useResult(`player:${profile.id}:${titleId}`, () => bridge.getTitle(profile.id, titleId));
  const [lockedOut, setLockedOut] = useState(false);
  const locked = lockedOut || (load.status === 'error' && load.error.code === 'profile_locked');
  const backToPicker = useEffectEvent(() => onProfileLocked?.());
  useEffect(() => {
    if (locked) backToPicker();
  }, [locked]);

  // Keys pressed before the title arrives (a slow network, a busy machine) still count: Back
  // leaves, and Left/Right seeks are added up and applied once it plays.
  const [earlySeek, setEarlySeek] = useState(0);
  const earlyRepeats = useRef(0);
  useKeys(load.status === 'loading', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Escape' || e.key === 'Backspace') {
      e.preventDefault();
      props.onExit();
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      e.stopPropagation();
      earlyRepeats.current = e.repeat ? earlyRepeats.current + 1 : 0;
      const step = (e.key === 'ArrowRight' ? 1 : -1) * seekStep(earlyRepeats.current);
      setEarlySeek((s) => s + step);
    }
  });

  if (load.status === 'ok') {
    const startAt = props.resume ? (load.value.progress?.positionSeconds ?? 0) : 0;
    return <Playback {...props} title={load.value} startAt={startAt} seekBy={earlySeek} onLocked={() => setLockedOut(true)} />;
  }
  return (
    <FocusScreen focusKey="player-loading" ready={load.status !== 'loading'} className="screen browse player player--blank" aria-label="Player">
      {load.status === 'loading' ? <p className="player__loading">Loading…</p> : null}
      {load.status === 'error' && !locked ? (
        <div className="title-page__error">
          <p role="alert">{load.error.code === 'not_found' ? NOT_AVAILABLE : load.error.message}</p>
          <BackOnError onExit={props.onExit} />
        </div>
      ) : null}
    </FocusScreen>
  );
}

function BackOnError({ onExit }: { onExit: () => void }) {
  const { ref, onFocus } = useFocusTarget<HTMLButtonElement>({ focusKey: 'player-error-back' });
  useKeys(true, (e) => {
    if (e.key === 'Escape' || e.key === 'Backspace') {
      e.preventDefault();
      onExit();
    }
  });
  return (
    <button ref={ref} onFocus={onFocus} type="button" className="btn" onClick={onExit}>
      Back
    </button>
  );
}

function Playback(props: PlayerProps & { title: Title; startAt: number; seekBy: number; onLocked: () => void }) {
  const bridge = useBridge();
  const { profile, title, list, onExit, onPlayNext, onProgressSaved, onLocked } = props;
  const clock = props.clock ?? realClock;
  const [rate] = useState(() => props.playbackRate ?? playbackRateFromLocation());
  const duration = durationOf(title);
  const [anchor, setAnchorState] = useState<Anchor>(() => {
    const start = props.startAt > 0 && props.startAt < duration - 1 ? props.startAt : 0;
    // Seeks pressed while the title was loading, applied from where it starts (never past the end).
    return { pos: Math.min(Math.max(0, duration - 1), Math.max(0, start + props.seekBy)), at: clock.now(), playing: true };
  });
  const anchorRef = useRef(anchor);
  const [, setTick] = useState(0);
  const [ended, setEnded] = useState(false);
  const [upNext, setUpNext] = useState<{ title: Title; left: number } | null>(null);
  const [idle, setIdle] = useState(false);
  const [saves, setSaves] = useState(0);
  const live = useRef(true);
  const seekRepeats = useRef(0);
  const exited = useRef(false);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const setAnchor = (a: Anchor) => {
    anchorRef.current = a;
    setAnchorState(a);
  };
  const positionAt = (a: Anchor, now: number) =>
    a.playing ? Math.min(duration, a.pos + ((now - a.at) / 1000) * rate) : a.pos;
  const position = () => positionAt(anchorRef.current, clock.now());

  /** Saves `pos`; a `final` save (exit, end) is reported once stored, even after unmounting. */
  const save = (pos: number, final = false) => {
    bridge.saveProgress(profile.id, title.id, Math.floor(Math.min(duration, Math.max(0, pos)))).then(
      (res) => {
        if (res.ok) {
          if (final) onProgressSaved?.();
        } else {
          if (res.error.code === 'profile_locked' && live.current) onLocked();
          else console.warn('couchside: saveProgress failed', res.error.message);
        }
      },
      (err: unknown) => console.warn('couchside: saveProgress failed', err),
    );
  };

  const finish = async () => {
    setAnchor({ pos: duration, at: clock.now(), playing: false });
    setEnded(true);
    save(duration, true);
    let next: Title | null = null;
    try {
      const prefs = await bridge.getPreferences();
      if (prefs.autoplayNext) next = await findNextTitle(bridge, profile.id, title.id, list);
    } catch (err) {
      console.warn('couchside: autoplay next failed', err);
    }
    if (!live.current || exited.current) return;
    if (next) setUpNext({ title: next, left: UP_NEXT_SECONDS });
    else leave(false);
  };

  const leave = (saveFirst: boolean) => {
    if (exited.current) return;
    exited.current = true;
    setUpNext(null);
    if (saveFirst) save(position(), true);
    onExit();
  };

  const toggle = () => {
    if (ended) return;
    const now = clock.now();
    const a = anchorRef.current;
    const pos = positionAt(a, now);
    setAnchor({ pos, at: now, playing: !a.playing });
    if (a.playing) save(pos);
  };

  const seekTo = (pos: number) => {
    if (ended) return;
    const now = clock.now();
    const p = Math.min(duration, Math.max(0, pos));
    setAnchor({ pos: p, at: now, playing: anchorRef.current.playing });
    if (p >= duration) void finish();
  };

  // Redraw while playing, and notice the end.
  const onTick = useEffectEvent(() => {
    if (position() >= duration && !ended) void finish();
    else setTick((n) => n + 1);
  });
  useEffect(() => {
    if (!anchor.playing || ended) return;
    let handle: unknown;
    const arm = () => {
      handle = clock.setTimeout(() => {
        onTick();
        arm();
      }, TICK_MS);
    };
    arm();
    return () => clock.clearTimeout(handle);
  }, [anchor, ended, clock]);

  // Save every SAVE_EVERY_MS of playing (the count restarts after a pause).
  const periodicSave = useEffectEvent(() => {
    save(position());
    setSaves((n) => n + 1);
  });
  useEffect(() => {
    if (!anchor.playing || ended) return;
    const handle = clock.setTimeout(periodicSave, SAVE_EVERY_MS);
    return () => clock.clearTimeout(handle);
  }, [anchor.playing, ended, saves, clock]);

  // "Next: … in 10": count down, then play it.
  const countDown = useEffectEvent(() => {
    if (!upNext) return;
    if (upNext.left <= 1) onPlayNext(upNext.title);
    else setUpNext({ ...upNext, left: upNext.left - 1 });
  });
  useEffect(() => {
    if (!upNext) return;
    const handle = clock.setTimeout(countDown, 1000);
    return () => clock.clearTimeout(handle);
  }, [upNext, clock]);
  const hasUpNext = upNext !== null;
  useEffect(() => {
    if (hasUpNext) void focusByKey('player-next-now');
  }, [hasUpNext]);

  // The controls hide while playing and nobody touches anything; any input brings them back.
  const playing = anchor.playing && !ended;
  useIdle({
    enabled: playing,
    timeoutMs: CONTROLS_HIDE_MS,
    onIdle: () => {
      setIdle(true);
      // Enter while they are hidden plays/pauses, whatever was focused before.
      void focusByKey('player-toggle');
    },
    onActive: () => setIdle(false),
    clock,
  });
  const hidden = idle && playing;

  useKeys(true, (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const key = e.key;
    if (key === 'Escape' || key === 'Backspace') {
      e.preventDefault();
      leave(!ended);
      return;
    }
    if (upNext) return;
    if (key === 'ArrowLeft' || key === 'ArrowRight') {
      // Seeking, not moving focus: the spatial navigation listener (on window) never sees it.
      e.preventDefault();
      e.stopPropagation();
      seekRepeats.current = e.repeat ? seekRepeats.current + 1 : 0;
      const step = seekStep(seekRepeats.current);
      seekTo(position() + (key === 'ArrowRight' ? step : -step));
      return;
    }
    if ((key === 'ArrowUp' || key === 'ArrowDown') && hidden) {
      // The first press only brings the controls back.
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    if (key === 'MediaPlayPause' || ((key === 'Enter' || key === ' ') && !(e.target instanceof HTMLButtonElement))) {
      e.preventDefault();
      toggle();
    }
  });

  // A seek ends when the arrow is let go: save where it landed.
  useEffect(() => {
    const onUp = (e: KeyboardEvent) => {
      if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !exited.current && !ended) {
        seekRepeats.current = 0;
        save(position());
      }
    };
    document.addEventListener('keyup', onUp);
    return () => document.removeEventListener('keyup', onUp);
  });

  const pos = positionAt(anchor, clock.now());
  const valueText = `${formatClock(pos)} of ${formatClock(duration)}`;

  return (
    <FocusScreen
      focusKey="player"
      preferredChildFocusKey="player-toggle"
      className={`screen browse player${hidden ? ' is-idle' : ''}${playing ? ' is-playing' : ''}`}
      aria-label={`Playing ${title.title}`}
    >
      <div className="player__art" aria-hidden="true">
        <Backdrop title={title} />
      </div>
      <div className="player__chrome" aria-hidden={hidden || undefined}>
        <div className="player__top">
          <ChromeButton focusKey="player-back" label="Back" onPress={() => leave(!ended)} icon="back" />
          <h1 className="player__title">{title.title}</h1>
        </div>
        <div className="player__bottom">
          <Scrubber
            pos={pos}
            duration={duration}
            valueText={valueText}
            onSeek={(p) => {
              seekTo(p);
              save(p);
            }}
          />
          <div className="player__times" aria-hidden="true">
            <span className="player__elapsed">{formatClock(pos)}</span>
            {/* Whole seconds on both sides, so elapsed + remaining always add up to the runtime. */}
            <span className="player__remaining">−{formatClock(duration - Math.floor(pos))}</span>
          </div>
          {ended ? null : (
            <div className="player__buttons">
              <ChromeButton
                focusKey="player-toggle"
                label={anchor.playing ? 'Pause' : 'Play'}
                icon={anchor.playing ? 'pause' : 'play'}
                onPress={toggle}
                primary
              />
              <p className="player__hint">← → seek 10 s · hold to go faster</p>
            </div>
          )}
        </div>
      </div>
      {upNext ? (
        <div className="player__next" role="dialog" aria-labelledby="player-next-label">
          <p id="player-next-label" className="player__next-label">
            Next: {upNext.title.title} in {upNext.left}
          </p>
          <div className="player__next-buttons">
            <ChromeButton focusKey="player-next-now" label="Play now" icon="play" primary onPress={() => onPlayNext(upNext.title)} />
            <ChromeButton focusKey="player-next-cancel" label="Cancel" onPress={() => leave(false)} />
          </div>
        </div>
      ) : null}
    </FocusScreen>
  );
}

function Scrubber(props: { pos: number; duration: number; valueText: string; onSeek: (pos: number) => void }) {
  const { pos, duration, valueText, onSeek } = props;
  const { ref, onFocus } = useFocusTarget<HTMLDivElement>({ focusKey: 'player-scrubber' });
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    if (r.width <= 0) return;
    onSeek(((e.clientX - r.left) / r.width) * duration);
  };
  const share = duration > 0 ? Math.min(1, pos / duration) : 0;
  return (
    <div
      ref={ref}
      onFocus={onFocus}
      tabIndex={0}
      role="slider"
      aria-label="Playback position"
      aria-valuemin={0}
      aria-valuemax={Math.floor(duration)}
      aria-valuenow={Math.floor(pos)}
      aria-valuetext={valueText}
      className="player__scrubber"
      onPointerDown={onPointerDown}
    >
      <div className="player__track">
        <div className="player__fill" style={{ width: `${share * 100}%` }} />
        <div className="player__knob" style={{ left: `${share * 100}%` }} />
      </div>
    </div>
  );
}

type ChromeIcon = 'play' | 'pause' | 'back';

function ChromeButton(props: { focusKey: string; label: string; onPress: () => void; icon?: ChromeIcon; primary?: boolean }) {
  const { focusKey, label, onPress, icon, primary } = props;
  const { ref, onFocus } = useFocusTarget<HTMLButtonElement>({ focusKey });
  return (
    <button ref={ref} onFocus={onFocus} type="button" className={`btn${primary ? ' btn--primary' : ''} player__btn`} onClick={onPress}>
      {icon ? <PlayerIcon name={icon} /> : null}
      <span>{label}</span>
    </button>
  );
}

function PlayerIcon({ name }: { name: ChromeIcon }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {name === 'play' ? <path d="M7 4.5v15l12.5-7.5z" fill="currentColor" /> : null}
      {name === 'pause' ? <path d="M6.5 4.5h4v15h-4zM13.5 4.5h4v15h-4z" fill="currentColor" /> : null}
      {name === 'back' ? (
        <path d="M15 5 8 12l7 7" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
      ) : null}
    </svg>
  );
}
