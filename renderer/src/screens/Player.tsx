/**
 * The player screen: it opens at once and reads the title, while the playback itself (Playback.tsx,
 * with the hls.js engine behind it in a chunk of its own) arrives as its own chunk, fetched as soon
 * as a profile is picked (preloadPlayback). Until both are here it says "Loading…", and the keys
 * pressed meanwhile still count: Back leaves, Left/Right seeks add up and apply once it plays.
 */
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { Profile, Title } from '../../../shared/types';
import type { IdleClock } from '../hooks/useIdle';
import { useKeys } from '../hooks/useKeys';
import { useResult } from '../hooks/useResult';
import { FocusButton, FocusScreen, useFocusTarget } from '../spatial';
import type { CreateEngine } from '../player/engine';
import { NOT_AVAILABLE, nextUpOf } from './TitleDetails';
import { useBridge } from '../hooks/useBridge';

/** One Left/Right press moves this far; holding the key speeds up (see seekStep). */
export const SEEK_SECONDS = 10;

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
  /** A series: the episode to play (default: its next up, else the first). */
  episodeId?: string;
  /**
   * A series: how many episodes before this one played to their end in a row with no key
   * pressed; at STILL_WATCHING_AFTER the player asks "Are you still watching?" before it plays.
   */
  quietEpisodes?: number;
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
  /** A series: the next episode's countdown ran out (or "Play now"): play it, with the quiet count so far. */
  onPlayEpisode?: (episodeId: string, quietEpisodes: number) => void;
  /** The service says the profile is locked for this device: back to "Who's watching?". */
  onProfileLocked?: () => void;
  clock?: IdleClock;
  /** How fast the video plays (default: `?playbackRate=N`, else 1; at most 16). */
  playbackRate?: number;
  /** The player engine (default: hls.js, loaded when the player opens); tests pass a fake one. */
  createEngine?: CreateEngine;
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

  // The playback chunk (normally here long before: preloadPlayback runs when a profile is picked).
  const [playback, setPlayback] = useState(loadedPlayback);
  const [chunkFailed, setChunkFailed] = useState(false);
  useEffect(() => {
    if (playback || chunkFailed) return;
    let live = true;
    preloadPlayback().then(
      (m) => live && setPlayback(m),
      () => live && setChunkFailed(true),
    );
    return () => {
      live = false;
    };
  }, [playback, chunkFailed]);
  const waiting = load.status === 'loading' || (load.status === 'ok' && !playback && !chunkFailed);

  // Keys pressed before the title and the player's code arrive (a slow network, a busy machine)
  // still count: Back leaves, and Left/Right seeks are added up and applied once it plays.
  const [earlySeek, setEarlySeek] = useState(0);
  const earlyRepeats = useRef(0);
  useKeys(waiting, (e) => {
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

  if (load.status === 'ok' && playback) {
    const details = load.value;
    const episodes = details.seasons?.flatMap((s) => s.episodes) ?? [];
    // A series plays one episode: the one asked for, else its next up, else the first.
    const wanted = props.episodeId ?? nextUpOf(details)?.id;
    const at = episodes.findIndex((e) => e.id === wanted);
    const episode = episodes[at] ?? episodes[0] ?? null;
    const nextEpisode = episode ? (episodes[episodes.indexOf(episode) + 1] ?? null) : null;
    const startAt = props.resume ? ((episode ? episode.progress?.positionSeconds : details.progress?.positionSeconds) ?? 0) : 0;
    return (
      <playback.Playback
        {...props}
        title={details}
        episode={episode}
        nextEpisode={nextEpisode}
        startAt={startAt}
        seekBy={earlySeek}
        onLocked={() => setLockedOut(true)}
      />
    );
  }
  const problem = load.status === 'error' ? (load.error.code === 'not_found' ? NOT_AVAILABLE : load.error.message) : chunkFailed ? CHUNK_FAILED : null;
  return (
    <FocusScreen focusKey="player-loading" ready={!waiting} className="screen browse player player--blank" aria-label="Player">
      {waiting ? <p className="player__loading">Loading…</p> : null}
      {problem !== null && !locked ? (
        <div className="title-page__error">
          <p role="alert">{problem}</p>
          <BackOnError onExit={props.onExit} onRetry={load.status === 'ok' ? () => setChunkFailed(false) : undefined} />
        </div>
      ) : null}
    </FocusScreen>
  );
}

/** Said when the player's own code could not be fetched (the web host went away). */
export const CHUNK_FAILED = 'The player could not be loaded. Check the connection, then try again.';

type PlaybackModule = typeof import('./Playback');
let loadedPlayback: PlaybackModule | null = null;
let loadingPlayback: Promise<PlaybackModule> | null = null;

/** Fetches the playback chunk once (and again after a failure); the app calls it when a profile is picked. */
export function preloadPlayback(): Promise<PlaybackModule> {
  loadingPlayback ??= import('./Playback').then(
    (m) => (loadedPlayback = m),
    (err: unknown) => {
      loadingPlayback = null;
      throw err;
    },
  );
  return loadingPlayback;
}

function BackOnError({ onExit, onRetry }: { onExit: () => void; onRetry?: () => void }) {
  const { ref, onFocus } = useFocusTarget<HTMLButtonElement>({ focusKey: 'player-error-back' });
  useKeys(true, (e) => {
    if (e.key === 'Escape' || e.key === 'Backspace') {
      e.preventDefault();
      onExit();
    }
  });
  return (
    <>
      {onRetry ? (
        <FocusButton focusKey="player-error-retry" className="btn btn--primary" onClick={onRetry}>
          Try again
        </FocusButton>
      ) : null}
      <button ref={ref} onFocus={onFocus} type="button" className="btn" onClick={onExit}>
        Back
      </button>
    </>
  );
}

