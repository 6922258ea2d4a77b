/**
 * The player: the title's HLS through the engine (hls.js, loaded as its own chunk when a player
 * opens) on a native <video>. Enter/space (or the button, or the media key) plays and pauses,
 * Left/Right seek 10 s (held: faster), the progress bar is a slider with elapsed and remaining
 * time from the video, the controls hide after 3 s idle while playing and come back on any key or
 * mouse move, Back exits. "Loading…" shows (aria-busy) while the buffer is empty, the rendition
 * playing shows in a corner, errors say what happened with "Try again", and "Subtitles & audio"
 * opens a menu for the remote. The player starts with the profile's languages (the service hands
 * them with each playback, so a choice made on another device holds here), and a choice made in
 * the menu is saved to the profile, quietly: a failed save changes nothing on screen. A 401 on the media means the session is over: the player stops and
 * the app's session-changed event takes it to sign-in.
 *
 * Progress is saved on the service every 10 s of playing, on pause, when a seek ends and on exit,
 * so Continue Watching and "Resume" are right on every device. At the end, with "Autoplay next"
 * on, the next title starts after a 10 s countdown (Cancel stops it).
 *
 * Injectable for tests: `clock` (the timers), `createEngine` (a fake engine in jsdom) and
 * `playbackRate` (default: the page URL's `?playbackRate=N`, else 1; the video plays at most 16x).
 */
import { useEffect, useEffectEvent, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Title } from '../../../shared/types';
import { Backdrop } from '../components/Backdrop';
import { realClock, useIdle } from '../hooks/useIdle';
import { useKeys } from '../hooks/useKeys';
import { durationOf, findNextTitle, formatClock, playbackRateFromLocation } from '../playback';
import { FocusButton, FocusGroup, FocusScreen, focusKey as focusByKey, useFocusTarget } from '../spatial';
import { createHlsEngine, type EngineError, type EngineTrack, type PlayerEngine } from '../player/engine';
import type { BridgeError } from '../../../shared/bridge';
import type { PlaybackLanguages } from '../../../shared/api';
import { NOT_AVAILABLE } from './TitleDetails';
import { useBridge } from '../hooks/useBridge';
import { seekStep, type PlayerProps } from './Player';

/** The controls hide after this long without input while playing. */
export const CONTROLS_HIDE_MS = 3000;
/** Progress is saved after every this much playing time (wall clock). */
export const SAVE_EVERY_MS = 10_000;
/** "Next: … in 10". */
export const UP_NEXT_SECONDS = 10;
/** The element that says which subtitles and audio are in use (the tracks button's description). */
const TRACKS_NOW_ID = 'player-tracks-now';
/** How often the screen redraws while playing. */
const TICK_MS = 250;

/** What the player says when it cannot go on (with "Try again"). */
export const PLAYER_MESSAGES = {
  unavailable: 'The service can’t stream this title right now. Try again in a moment.',
  network: 'The video stopped loading: the connection to the service was lost.',
  media: 'This video could not be played on this device.',
  other: 'Something went wrong while playing this title.',
} as const;

/**
 * The track for a BCP 47 language: the same tag (ignoring case), else the same primary language
 * ("fr" for "fr-CA" and back); -1 when the title has none in it.
 */
export function trackFor(tracks: readonly EngineTrack[], language: string | null): number {
  if (!language) return -1;
  const tag = language.toLowerCase();
  const exact = tracks.findIndex((t) => t.language.toLowerCase() === tag);
  if (exact >= 0) return exact;
  const primary = tag.split('-')[0];
  return tracks.findIndex((t) => t.language !== '' && t.language.toLowerCase().split('-')[0] === primary);
}

interface Tracks {
  audio: EngineTrack[];
  subtitles: EngineTrack[];
}

/** Plays on, muted if the browser refuses sound without a gesture (a kiosk's first play). */
function play(video: HTMLVideoElement): void {
  void Promise.resolve()
    .then(() => video.play())
    .catch((err: unknown) => {
      if (err instanceof DOMException && err.name === 'NotAllowedError' && !video.muted) {
        video.muted = true;
        return video.play();
      }
    })
    .catch(() => undefined);
}

function engineMessage(e: EngineError): string {
  if (e.status === 503) return PLAYER_MESSAGES.unavailable;
  return PLAYER_MESSAGES[e.kind];
}

export function Playback(props: PlayerProps & { title: Title; startAt: number; seekBy: number; onLocked: () => void }) {
  const bridge = useBridge();
  const { profile, title, list, onExit, onPlayNext, onProgressSaved, onLocked } = props;
  const clock = props.clock ?? realClock;
  const createEngine = props.createEngine ?? createHlsEngine;
  const [rate] = useState(() => props.playbackRate ?? playbackRateFromLocation());
  const runtime = durationOf(title);
  const [mediaDuration, setMediaDuration] = useState<number | null>(null);
  const duration = mediaDuration ?? runtime;
  const videoRef = useRef<HTMLVideoElement>(null);
  const engineRef = useRef<PlayerEngine | null>(null);
  /** Where to be while no media is attached yet (seeks pressed while it loads land here). */
  const target = useRef(0);
  const [startedAt] = useState(() => {
    const start = props.startAt > 0 && props.startAt < runtime - 1 ? props.startAt : 0;
    // Seeks pressed while the title was loading, applied from where it starts (never past the end).
    return Math.min(Math.max(0, runtime - 1), Math.max(0, start + props.seekBy));
  });
  /** The position on screen (read from the video on each redraw, seek and time update). */
  const [shown, setShown] = useState(startedAt);
  const [paused, setPausedState] = useState(false);
  const pausedRef = useRef(false);
  const [buffering, setBuffering] = useState(true);
  const [rendition, setRendition] = useState<string | null>(null);
  const [tracks, setTracks] = useState<Tracks>({ audio: [], subtitles: [] });
  const [chosen, setChosen] = useState({ subtitles: -1, audio: 0 });
  /** The subtitle lines due now (drawn by the screen, clear of the controls). */
  const [cues, setCues] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [stopped, setStopped] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [menuOpen, setMenuOpen] = useState(false);
  const [ended, setEnded] = useState(false);
  const [upNext, setUpNext] = useState<{ title: Title; left: number } | null>(null);
  const [idle, setIdle] = useState(false);
  const [saves, setSaves] = useState(0);
  const live = useRef(true);
  const seekRepeats = useRef(0);
  const exited = useRef(false);
  const finishing = useRef(false);

  useEffect(() => {
    live.current = true;
    target.current = startedAt;
    return () => {
      live.current = false;
    };
  }, [startedAt]);

  const setPaused = (p: boolean) => {
    pausedRef.current = p;
    setPausedState(p);
  };
  /** The video, once it has media (metadata) to seek in. */
  const media = (): HTMLVideoElement | null => {
    const v = videoRef.current;
    return v && v.readyState >= 1 ? v : null;
  };
  /**
   * False from a (re)load until the video has data where the viewer wants to be: hls.js seeks to
   * the start position it was given once the first data arrives, so seeks made meanwhile live in
   * `target` and are applied again then.
   */
  const settled = useRef(false);
  const position = () => (settled.current ? media()?.currentTime : undefined) ?? target.current;
  /** The video can play: if it is not where the viewer asked to be (yet), go there. */
  const settle = () => {
    const v = media();
    if (!v) return;
    if (!settled.current && Math.abs(v.currentTime - target.current) > 0.5) v.currentTime = target.current;
    else settled.current = true;
  };

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

  /**
   * The languages to play in: the profile's, as the first playback answer gave them, then what
   * the viewer chooses in the menu (kept for "Try again" even when its save failed).
   */
  const languages = useRef<PlaybackLanguages | null>(null);
  // Ask the host for the playback, then hand its manifest to the engine (again on "Try again").
  const applyTracks = useEffectEvent((engine: PlayerEngine, t: Tracks) => {
    const want = languages.current;
    // The profile's subtitles, or Off when the title has none in that language.
    const sub = trackFor(t.subtitles, want?.subtitles ?? null);
    // The profile's audio, or the title's first audio track.
    const audio = Math.max(0, trackFor(t.audio, want?.audio ?? null));
    engine.setSubtitleTrack(sub);
    if (t.audio.length > 0) engine.setAudioTrack(audio);
    setChosen({ subtitles: sub, audio });
  });
  /** Saves a language choice to the profile, quietly: playback goes on whatever the answer. */
  const saveLanguage = (changes: { audioLanguage: string } | { subtitleLanguage: string | null }) => {
    bridge.updateProfile(profile.id, changes, undefined).then(
      (res) => {
        if (!res.ok) console.warn('couchside: the language choice was not saved to the profile', res.error.message);
      },
      (err: unknown) => console.warn('couchside: the language choice was not saved to the profile', err),
    );
  };
  const onEngineError = useEffectEvent((e: EngineError) => {
    target.current = position();
    settled.current = false;
    engineRef.current?.destroy();
    engineRef.current = null;
    videoRef.current?.pause();
    setBuffering(false);
    // The session is over: the app goes to sign-in by itself; nothing to say here.
    if (e.status === 401) setStopped(true);
    else setProblem(engineMessage(e));
  });
  const onStartFailed = useEffectEvent((error: BridgeError) => {
    setBuffering(false);
    if (error.code === 'signed_out') setStopped(true);
    else if (error.code === 'profile_locked') onLocked();
    else setProblem(error.code === 'not_found' ? NOT_AVAILABLE : error.message);
  });
  useEffect(() => {
    let cancelled = false;
    let engine: PlayerEngine | null = null;
    let known: Tracks | null = null;
    void (async () => {
      const res = await bridge.startPlayback(profile.id, title.id);
      if (cancelled) return;
      if (!res.ok) return onStartFailed(res.error);
      languages.current ??= res.value.languages;
      const video = videoRef.current;
      if (!video) return;
      try {
        const want = languages.current;
        engine = await createEngine(video, res.value.manifestUrl, target.current, {
          onRendition: (name) => {
            if (!cancelled) setRendition(name);
          },
          onTracks: (t) => {
            if (cancelled) return;
            known = t;
            setTracks(t);
            if (engine) applyTracks(engine, t);
          },
          onError: (e) => {
            if (!cancelled) onEngineError(e);
          },
          onCues: (lines) => {
            if (!cancelled) setCues(lines);
          },
        }, want ?? undefined);
      } catch (err) {
        console.warn('couchside: the player could not start', err);
        if (!cancelled) onEngineError({ kind: 'other' });
        return;
      }
      if (cancelled) {
        engine.destroy();
        return;
      }
      engineRef.current = engine;
      settled.current = false;
      if (known) applyTracks(engine, known);
    })();
    return () => {
      cancelled = true;
      engine?.destroy();
      engineRef.current = null;
    };
  }, [attempt, bridge, profile.id, title.id, createEngine]);

  const retry = () => {
    target.current = position();
    settled.current = false;
    setProblem(null);
    setBuffering(true);
    setRendition(null);
    setAttempt((n) => n + 1);
    void focusByKey('player-toggle');
  };

  const finish = async () => {
    if (finishing.current) return;
    finishing.current = true;
    videoRef.current?.pause();
    target.current = duration;
    setShown(duration);
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
    if (ended || problem || stopped) return;
    const v = media();
    if (pausedRef.current) {
      setPaused(false);
      if (v) play(v);
    } else {
      setPaused(true);
      v?.pause();
      save(position());
    }
  };

  const seekTo = (pos: number) => {
    if (ended) return;
    const p = Math.min(duration, Math.max(0, pos));
    const v = media();
    target.current = p;
    if (v) v.currentTime = p;
    setShown(p);
    if (p >= duration) void finish();
  };

  // The video's own events: metadata (go where we should be, play unless paused), buffering, end.
  const onLoadedMetadata = () => {
    const v = videoRef.current;
    if (!v) return;
    if (Number.isFinite(v.duration) && v.duration > 0) setMediaDuration(v.duration);
    if (Math.abs(v.currentTime - target.current) > 0.5) v.currentTime = target.current;
    v.playbackRate = Math.min(16, rate);
    if (!pausedRef.current) play(v);
  };
  const onDurationChange = () => {
    const d = videoRef.current?.duration;
    if (d !== undefined && Number.isFinite(d) && d > 0) setMediaDuration(d);
  };

  // Redraw while playing, and notice the end.
  const onTick = useEffectEvent(() => {
    if (media() && position() >= duration - 0.05 && !ended) void finish();
    else setShown(position());
  });
  const running = !paused && !ended && !problem && !stopped;
  useEffect(() => {
    if (!running) return;
    let handle: unknown;
    const arm = () => {
      handle = clock.setTimeout(() => {
        onTick();
        arm();
      }, TICK_MS);
    };
    arm();
    return () => clock.clearTimeout(handle);
  }, [running, clock]);

  // Save every SAVE_EVERY_MS of playing (the count restarts after a pause).
  const periodicSave = useEffectEvent(() => {
    save(position());
    setSaves((n) => n + 1);
  });
  useEffect(() => {
    if (!running) return;
    const handle = clock.setTimeout(periodicSave, SAVE_EVERY_MS);
    return () => clock.clearTimeout(handle);
  }, [running, saves, clock]);

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
  useEffect(() => {
    if (problem) void focusByKey('player-retry');
  }, [problem]);

  const openMenu = () => setMenuOpen(true);
  // Opened: the focus lands on the subtitles choice in use (once the menu's buttons exist).
  const focusMenu = useEffectEvent(() => void focusByKey(`player-sub-${chosen.subtitles + 1}`));
  useEffect(() => {
    if (menuOpen) focusMenu();
  }, [menuOpen]);
  const closeMenu = () => {
    setMenuOpen(false);
    void focusByKey('player-tracks');
  };
  const chooseSubtitles = (i: number) => {
    if (i === chosen.subtitles) return;
    engineRef.current?.setSubtitleTrack(i);
    setChosen((c) => ({ ...c, subtitles: i }));
    const language = i < 0 ? null : tracks.subtitles[i]?.language || null;
    if (i >= 0 && language === null) return; // A track with no language: nothing to remember.
    languages.current = { audio: languages.current?.audio ?? tracks.audio[chosen.audio]?.language ?? '', subtitles: language };
    saveLanguage({ subtitleLanguage: language });
  };
  const chooseAudio = (i: number) => {
    if (i === chosen.audio) return;
    engineRef.current?.setAudioTrack(i);
    setChosen((c) => ({ ...c, audio: i }));
    const language = tracks.audio[i]?.language;
    if (!language) return;
    languages.current = { subtitles: languages.current?.subtitles ?? null, audio: language };
    saveLanguage({ audioLanguage: language });
  };

  // The controls hide while playing and nobody touches anything; any input brings them back.
  const playing = running;
  useIdle({
    enabled: playing && !menuOpen,
    timeoutMs: CONTROLS_HIDE_MS,
    onIdle: () => {
      setIdle(true);
      // Enter while they are hidden plays/pauses, whatever was focused before.
      void focusByKey('player-toggle');
    },
    onActive: () => setIdle(false),
    clock,
  });
  const hidden = idle && playing && !menuOpen;

  useKeys(true, (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const key = e.key;
    if (menuOpen) {
      // The menu is a little screen of its own: arrows move in it, OK chooses, Back closes it.
      if (key === 'Escape' || key === 'Backspace') {
        e.preventDefault();
        closeMenu();
      }
      return;
    }
    if (key === 'Escape' || key === 'Backspace') {
      e.preventDefault();
      leave(!ended && !stopped);
      return;
    }
    if (upNext || problem || stopped) return;
    // On the top row (Back, "Subtitles & audio") Left/Right move between its buttons.
    const onTopRow = e.target instanceof HTMLElement && e.target.dataset.arrows === 'move' && !hidden;
    if ((key === 'ArrowLeft' || key === 'ArrowRight') && !onTopRow) {
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
      if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !exited.current && !ended && !menuOpen) {
        seekRepeats.current = 0;
        save(position());
      }
    };
    document.addEventListener('keyup', onUp);
    return () => document.removeEventListener('keyup', onUp);
  });

  // What "Subtitles & audio" has in use, said with the button (and read by the test kit).
  const audioInUse = tracks.audio[chosen.audio]?.name;
  const inUse = audioInUse ? `Subtitles: ${tracks.subtitles[chosen.subtitles]?.name ?? 'Off'}. Audio: ${audioInUse}.` : null;
  const pos = Math.min(duration, shown);
  const valueText = `${formatClock(pos)} of ${formatClock(duration)}`;
  const busy = buffering && !problem && !stopped && !ended;

  return (
    <FocusScreen
      focusKey="player"
      preferredChildFocusKey="player-toggle"
      className={`screen browse player${hidden ? ' is-idle' : ''}${playing ? ' is-playing' : ''}`}
      aria-label={`Playing ${title.title}`}
      aria-busy={busy || undefined}
    >
      <div className="player__art" aria-hidden="true">
        <Backdrop title={title} />
      </div>
      <video
        ref={videoRef}
        className="player__video"
        aria-label={`${title.title} video`}
        playsInline
        onLoadedMetadata={onLoadedMetadata}
        onDurationChange={onDurationChange}
        onWaiting={() => setBuffering(true)}
        onPlaying={() => {
          settle();
          setBuffering(false);
        }}
        onCanPlay={() => {
          settle();
          setBuffering(false);
        }}
        onEnded={() => void finish()}
        onSeeked={() => setShown(position())}
      />
      {busy ? (
        <div className="player__busy" role="status" aria-label="Loading" aria-busy="true">
          <span className="player__spinner" aria-hidden="true" />
          <span>Loading…</span>
        </div>
      ) : null}
      {rendition ? (
        <p className="player__rendition" role="note" aria-label="Picture quality">
          {rendition}
        </p>
      ) : null}
      <div className="player__chrome" aria-hidden={hidden || undefined}>
        <div className="player__top">
          <ChromeButton focusKey="player-back" label="Back" onPress={() => leave(!ended && !stopped)} icon="back" arrows="move" />
          <h1 className="player__title">{title.title}</h1>
          {ended ? null : (
            <ChromeButton focusKey="player-tracks" label="Subtitles & audio" onPress={openMenu} arrows="move" describedBy={inUse ? TRACKS_NOW_ID : undefined} />
          )}
        </div>
        {/* Outside the top row: its last button is the one pushed to the right. */}
        {inUse ? (
          <span id={TRACKS_NOW_ID} className="sr-only">
            {inUse}
          </span>
        ) : null}
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
                label={paused ? 'Play' : 'Pause'}
                icon={paused ? 'play' : 'pause'}
                onPress={toggle}
                primary
              />
              <p className="player__hint">← → seek 10 s · hold to go faster</p>
            </div>
          )}
        </div>
      </div>
      {/* After the controls, so their shade never dims the text; under the menu and any problem. */}
      {cues.length > 0 && chosen.subtitles >= 0 ? (
        <div className={`player__subtitles${hidden ? '' : ' is-raised'}`} lang={tracks.subtitles[chosen.subtitles]?.language || undefined} aria-label="Subtitles">
          {cues.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      ) : null}
      {problem ? (
        <div className="player__problem" role="alert">
          <p>{problem}</p>
          <ChromeButton focusKey="player-retry" label="Try again" primary onPress={retry} />
        </div>
      ) : null}
      {menuOpen ? (
        <TracksMenu tracks={tracks} chosen={chosen} onSubtitles={chooseSubtitles} onAudio={chooseAudio} />
      ) : null}
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

/** "Subtitles & audio": two columns of choices for the remote; OK chooses, Back closes. */
function TracksMenu(props: { tracks: Tracks; chosen: { subtitles: number; audio: number }; onSubtitles: (i: number) => void; onAudio: (i: number) => void }) {
  const { tracks, chosen, onSubtitles, onAudio } = props;
  const subtitles = [{ language: '', name: 'Off' }, ...tracks.subtitles];
  return (
    <div className="player__menu" role="dialog" aria-label="Subtitles and audio">
      <FocusGroup focusKey="player-menu" className="player__menu-columns" boundary={['up', 'down', 'left', 'right']}>
        <div className="player__menu-column">
          <h2 id="player-menu-subtitles">Subtitles</h2>
          <div role="radiogroup" aria-labelledby="player-menu-subtitles">
            {subtitles.map((t, i) => (
              <FocusButton
                key={`s${i}`}
                focusKey={`player-sub-${i}`}
                role="radio"
                aria-checked={chosen.subtitles === i - 1}
                className="btn player__choice"
                onClick={() => onSubtitles(i - 1)}
              >
                <Check on={chosen.subtitles === i - 1} />
                {t.name}
              </FocusButton>
            ))}
          </div>
        </div>
        <div className="player__menu-column">
          <h2 id="player-menu-audio">Audio</h2>
          <div role="radiogroup" aria-labelledby="player-menu-audio">
            {tracks.audio.length === 0 ? <p className="player__hint">Loading…</p> : null}
            {tracks.audio.map((t, i) => (
              <FocusButton
                key={`a${i}`}
                focusKey={`player-audio-${i}`}
                role="radio"
                aria-checked={chosen.audio === i}
                className="btn player__choice"
                onClick={() => onAudio(i)}
              >
                <Check on={chosen.audio === i} />
                {t.name}
              </FocusButton>
            ))}
          </div>
        </div>
      </FocusGroup>
    </div>
  );
}

/** The tick beside the choice in use (the radio's checked state says it to a screen reader). */
function Check({ on }: { on: boolean }) {
  return (
    <span className="player__check" aria-hidden="true">
      {on ? '✓' : ''}
    </span>
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

function ChromeButton(props: { focusKey: string; label: string; onPress: () => void; icon?: ChromeIcon; primary?: boolean; arrows?: 'move'; describedBy?: string }) {
  const { focusKey, label, onPress, icon, primary, arrows, describedBy } = props;
  const { ref, onFocus } = useFocusTarget<HTMLButtonElement>({ focusKey });
  return (
    <button ref={ref} onFocus={onFocus} type="button" className={`btn${primary ? ' btn--primary' : ''} player__btn`} onClick={onPress} data-arrows={arrows} aria-describedby={describedBy}>
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
