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
 * A series plays one episode ("S1:E3 · Name" under the title): "Skip intro" shows (and takes the
 * focus) while the position is inside the episode's intro, the end counts down to the next
 * episode, and after STILL_WATCHING_AFTER episodes in a row played to their end with no key
 * pressed, the next one opens paused with "Are you still watching?".
 *
 * Injectable for tests: `clock` (the timers), `createEngine` (a fake engine in jsdom) and
 * `playbackRate` (default: the page URL's `?playbackRate=N`, else 1; the video plays at most 16x).
 */
import { useEffect, useEffectEvent, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { episodeCode, type ActiveStream, type EpisodeDetails, type Title } from '../../../shared/types';
import { Backdrop } from '../components/Backdrop';
import { realClock, useIdle } from '../hooks/useIdle';
import { useKeys } from '../hooks/useKeys';
import { durationOf, findNextTitle, formatClock, playbackRateFromLocation } from '../playback';
import { FocusButton, FocusGroup, FocusScreen, focusKey as focusByKey, getCurrentFocusKey, useFocusTarget } from '../spatial';
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
/** Episodes played to their end in a row with no key pressed before "Are you still watching?". */
export const STILL_WATCHING_AFTER = 3;
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
  /** The plan's screens are all in use (the service's words, also when a long pause lost this TV its screen). */
  tooMany: 'Too many people are using your account right now.',
  /** Another device of the account chose "Stop playback on <this TV>". */
  stoppedElsewhere: 'Playback was stopped from another device.',
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
  if (e.status === 409) return PLAYER_MESSAGES.tooMany;
  return PLAYER_MESSAGES[e.kind];
}

/** What plays after this: the next title (autoplay) or a series' next episode. */
type UpNext = { title: Title; left: number; episode?: undefined } | { episode: EpisodeDetails; left: number; title?: undefined };

export interface PlaybackProps extends PlayerProps {
  title: Title;
  /** A series: the episode playing, and the one after it (null after the last). */
  episode: EpisodeDetails | null;
  nextEpisode: EpisodeDetails | null;
  startAt: number;
  seekBy: number;
  onLocked: () => void;
}

export function Playback(props: PlaybackProps) {
  const bridge = useBridge();
  const { profile, title, episode, nextEpisode, list, onExit, onPlayNext, onPlayEpisode, onProgressSaved, onLocked } = props;
  const clock = props.clock ?? realClock;
  const createEngine = props.createEngine ?? createHlsEngine;
  const [rate] = useState(() => props.playbackRate ?? playbackRateFromLocation());
  const runtime = durationOf(episode ?? title);
  const episodeId = episode?.id;
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
  // After STILL_WATCHING_AFTER quiet episodes this one opens paused, asking first.
  const [asking, setAsking] = useState(() => episode !== null && (props.quietEpisodes ?? 0) >= STILL_WATCHING_AFTER);
  const [paused, setPausedState] = useState(asking);
  const pausedRef = useRef(asking);
  /** A key was pressed (or the screen touched) while this episode played. */
  const touched = useRef(false);
  const [buffering, setBuffering] = useState(true);
  const [rendition, setRendition] = useState<string | null>(null);
  const [tracks, setTracks] = useState<Tracks>({ audio: [], subtitles: [] });
  const [chosen, setChosen] = useState({ subtitles: -1, audio: 0 });
  /** The subtitle lines due now (drawn by the screen, clear of the controls). */
  const [cues, setCues] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [stopped, setStopped] = useState(false);
  /** One TV too many: the devices streaming now, each with "Stop playback on <device>". */
  const [tooMany, setTooMany] = useState<ActiveStream[] | null>(null);
  /** A stop chosen on the too-many panel is on its way. */
  const [stopping, setStopping] = useState(false);
  /** Another device stopped this playback: said in words, with Back only. */
  const [stoppedElsewhere, setStoppedElsewhere] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [menuOpen, setMenuOpen] = useState(false);
  const [ended, setEnded] = useState(false);
  const [upNext, setUpNext] = useState<UpNext | null>(null);
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
    const at = Math.floor(Math.min(duration, Math.max(0, pos)));
    (episodeId ? bridge.saveProgress(profile.id, title.id, at, episodeId) : bridge.saveProgress(profile.id, title.id, at)).then(
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
    else if (e.status === 410) setStoppedElsewhere(true);
    else setProblem(engineMessage(e));
  });
  const onStartFailed = useEffectEvent((error: BridgeError) => {
    setBuffering(false);
    if (error.code === 'signed_out') setStopped(true);
    else if (error.code === 'profile_locked') onLocked();
    else if (error.code === 'too_many_streams') setTooMany(error.streams ?? []);
    else setProblem(error.code === 'not_found' ? NOT_AVAILABLE : error.message);
  });
  useEffect(() => {
    let cancelled = false;
    let engine: PlayerEngine | null = null;
    let known: Tracks | null = null;
    let playbackId: string | null = null;
    void (async () => {
      const res = await (episodeId ? bridge.startPlayback(profile.id, title.id, episodeId) : bridge.startPlayback(profile.id, title.id));
      if (res.ok) playbackId = res.value.playbackId;
      if (cancelled) {
        // Closed (or started again) while the service answered: this playback was never shown.
        if (playbackId) void bridge.stopPlayback(playbackId);
        return;
      }
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
      // The player closed or starts again: its screen on the plan is free at once.
      if (playbackId) void bridge.stopPlayback(playbackId);
    };
  }, [attempt, bridge, profile.id, title.id, episodeId, createEngine]);

  const retry = () => {
    target.current = position();
    settled.current = false;
    setProblem(null);
    setTooMany(null);
    setBuffering(true);
    setRendition(null);
    setAttempt((n) => n + 1);
    void focusByKey('player-toggle');
  };

  /** "Stop playback on <device>": ends that device's stream, then this TV plays. */
  const stopOther = async (stream: ActiveStream) => {
    if (stopping) return;
    setStopping(true);
    const res = await bridge.stopStream(stream.streamId);
    if (!live.current) return;
    setStopping(false);
    // not_found: it ended meanwhile by itself; either way, try to play now.
    if (res.ok || res.error.code === 'not_found') retry();
    else if (res.error.code === 'signed_out') setStopped(true);
    else {
      setTooMany(null);
      setProblem(res.error.message);
    }
  };

  const finish = async () => {
    if (finishing.current) return;
    finishing.current = true;
    videoRef.current?.pause();
    target.current = duration;
    setShown(duration);
    setEnded(true);
    save(duration, true);
    let next: UpNext | null = null;
    try {
      const prefs = await bridge.getPreferences();
      // A series goes on with its next episode (none after the last); a film with the next title.
      if (prefs.autoplayNext && episode) next = nextEpisode ? { episode: nextEpisode, left: UP_NEXT_SECONDS } : null;
      else if (prefs.autoplayNext) {
        const title2 = await findNextTitle(bridge, profile.id, title.id, list);
        next = title2 ? { title: title2, left: UP_NEXT_SECONDS } : null;
      }
    } catch (err) {
      console.warn('couchside: autoplay next failed', err);
    }
    if (!live.current || exited.current) return;
    if (next) setUpNext(next);
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
    if (ended || problem || stopped || tooMany || stoppedElsewhere) return;
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
  /** A panel (a problem, too many screens, stopped elsewhere) or the session's end holds the video: nothing plays. */
  const halted = !!problem || stopped || !!tooMany || stoppedElsewhere;
  const running = !paused && !ended && !halted;
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

  /** Plays what is up next: by the countdown (`byKey` false) or "Play now". */
  const playNext = (next: UpNext, byKey: boolean) => {
    if (exited.current) return;
    if (next.episode) {
      exited.current = true;
      // This episode counts as quiet if it played to its end with no key pressed.
      onPlayEpisode?.(next.episode.id, byKey || touched.current ? 0 : (props.quietEpisodes ?? 0) + 1);
    } else {
      onPlayNext(next.title);
    }
  };

  // "Next: … in 10": count down, then play it.
  const countDown = useEffectEvent(() => {
    if (!upNext) return;
    if (upNext.left <= 1) playNext(upNext, false);
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
  // One TV too many: the focus lands on the first "Stop playback on …" (or Try again when none is listed).
  const tooManyFocus = tooMany === null ? null : tooMany.length > 0 ? 'player-stop-0' : 'player-retry';
  useEffect(() => {
    if (tooManyFocus) void focusByKey(tooManyFocus);
  }, [tooManyFocus]);
  useEffect(() => {
    if (stoppedElsewhere) void focusByKey('player-stopped-back');
  }, [stoppedElsewhere]);

  // Any key (or touch) while this episode plays: it is not a quiet one.
  useEffect(() => {
    const mark = () => (touched.current = true);
    window.addEventListener('keydown', mark, true);
    window.addEventListener('pointerdown', mark, true);
    return () => {
      window.removeEventListener('keydown', mark, true);
      window.removeEventListener('pointerdown', mark, true);
    };
  }, []);

  // "Are you still watching?": it has the focus while it asks.
  useEffect(() => {
    if (asking) void focusByKey('player-still-continue');
  }, [asking]);
  const keepWatching = () => {
    setAsking(false);
    setPaused(false);
    const v = media();
    if (v) play(v);
    void focusByKey('player-toggle');
  };

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

  // "Skip intro" while the position is inside the episode's intro: it takes the focus as it
  // appears (OK skips), and gives it back to Play/Pause when it goes.
  const intro = episode?.intro ?? null;
  const inIntro = intro !== null && !ended && shown >= intro.startSeconds && shown < intro.endSeconds - 0.5;
  const skipShown = inIntro && !upNext && !problem && !menuOpen && !asking;
  const introRef = useRef(skipShown);
  useEffect(() => {
    introRef.current = skipShown;
  });
  useEffect(() => {
    if (skipShown) void focusByKey('player-skip-intro');
    else if (getCurrentFocusKey() === 'player-skip-intro' && !exited.current) void focusByKey('player-toggle');
  }, [skipShown]);
  const skipIntro = () => {
    if (!intro) return;
    seekTo(intro.endSeconds);
    save(intro.endSeconds);
  };

  // The controls hide while playing and nobody touches anything; any input brings them back.
  const playing = running;
  useIdle({
    enabled: playing && !menuOpen,
    timeoutMs: CONTROLS_HIDE_MS,
    onIdle: () => {
      setIdle(true);
      // Enter while they are hidden plays/pauses, whatever was focused before (skips the intro during it).
      void focusByKey(introRef.current ? 'player-skip-intro' : 'player-toggle');
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
    if (upNext || problem || stopped || tooMany || stoppedElsewhere || asking) return;
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
  const busy = buffering && !problem && !stopped && !ended && !tooMany && !stoppedElsewhere;

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
      <div className="player__chrome" aria-hidden={hidden || undefined}>
        <div className="player__top">
          <ChromeButton focusKey="player-back" label="Back" onPress={() => leave(!ended && !stopped)} icon="back" arrows="move" />
          <div className="player__heading">
            <h1 className="player__title">{title.title}</h1>
            {episode ? (
              <p className="player__episode">
                {episodeCode(episode)} · {episode.title}
              </p>
            ) : null}
          </div>
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
                label={paused || halted ? 'Play' : 'Pause'}
                icon={paused || halted ? 'play' : 'pause'}
                onPress={toggle}
                primary
              />
              <p className="player__hint">← → seek 10 s · hold to go faster</p>
            </div>
          )}
        </div>
      </div>
      {/* After the controls, so their shade never dims the text; under the menu and any problem. */}
      {rendition ? (
        <p className="player__rendition" role="note" aria-label="Picture quality">
          {rendition}
        </p>
      ) : null}
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
      {tooMany ? (
        <FocusGroup
          focusKey="player-too-many"
          className="player__problem player__too-many"
          role="dialog"
          aria-labelledby="player-too-many-label"
          aria-describedby="player-too-many-hint"
          boundary={['up', 'down', 'left', 'right']}
        >
          <p id="player-too-many-label" role="alert">
            {PLAYER_MESSAGES.tooMany}
          </p>
          <p id="player-too-many-hint" className="player__hint">
            {tooMany.length > 0 ? 'To watch here, stop playback on one of these devices.' : 'Try again in a moment.'}
          </p>
          <ul className="player__streams">
            {tooMany.map((s, i) => (
              <li key={s.streamId}>
                <ChromeButton focusKey={`player-stop-${i}`} label={`Stop playback on ${s.deviceName}`} primary={i === 0} onPress={() => void stopOther(s)} />
                <span className="player__stream-what">{[s.profileName, s.titleName].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
          </ul>
          {tooMany.length === 0 ? <ChromeButton focusKey="player-retry" label="Try again" primary onPress={retry} /> : null}
          <ChromeButton focusKey="player-too-many-back" label="Back" icon="back" onPress={() => leave(!ended && !stopped)} />
        </FocusGroup>
      ) : null}
      {stoppedElsewhere ? (
        <div className="player__problem" role="alert">
          <p>{PLAYER_MESSAGES.stoppedElsewhere}</p>
          <ChromeButton focusKey="player-stopped-back" label="Back" icon="back" primary onPress={() => leave(true)} />
        </div>
      ) : null}
      {menuOpen ? (
        <TracksMenu tracks={tracks} chosen={chosen} onSubtitles={chooseSubtitles} onAudio={chooseAudio} />
      ) : null}
      {skipShown ? (
        <div className="player__skip">
          <ChromeButton focusKey="player-skip-intro" label="Skip intro" onPress={skipIntro} />
        </div>
      ) : null}
      {upNext ? (
        <div className="player__next" role="dialog" aria-labelledby="player-next-label">
          {upNext.episode ? (
            <>
              <p id="player-next-label" className="player__next-label">
                Next episode in {upNext.left}
              </p>
              <p className="player__next-episode">
                {episodeCode(upNext.episode)} · {upNext.episode.title}
              </p>
            </>
          ) : (
            <p id="player-next-label" className="player__next-label">
              Next: {upNext.title.title} in {upNext.left}
            </p>
          )}
          <div className="player__next-buttons">
            <ChromeButton focusKey="player-next-now" label="Play now" icon="play" primary onPress={() => playNext(upNext, true)} />
            <ChromeButton focusKey="player-next-cancel" label="Cancel" onPress={() => leave(false)} />
          </div>
        </div>
      ) : null}
      {asking ? (
        <div className="player__next player__still" role="dialog" aria-labelledby="player-still-label">
          <p id="player-still-label" className="player__next-label">
            Are you still watching?
          </p>
          <p className="player__next-episode">
            {title.title} · {episode ? `${episodeCode(episode)} · ${episode.title}` : ''}
          </p>
          <div className="player__next-buttons">
            <ChromeButton focusKey="player-still-continue" label="Continue watching" icon="play" primary onPress={keepWatching} />
            <ChromeButton focusKey="player-still-back" label="Back" onPress={() => leave(false)} />
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
