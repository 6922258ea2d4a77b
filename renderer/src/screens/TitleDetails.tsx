/**
 * A title page: big generated art, the facts (year, rating, runtime, genre), the synopsis, and
 * "Play" (or "Resume" with the time left, plus "Play from the beginning") and "Add to My List".
 * A series says "Play S1:E1" / "Resume S2:E3" (its next up) and has a season picker and the
 * season's episodes beside it (Episodes.tsx).
 * Back returns to where it was opened from (that screen puts focus back on the tile).
 */
import { useEffect, useEffectEvent, useId, useRef, useState, type ReactNode } from 'react';
import { episodeCode, type EpisodeRef, type Profile, type TitleDetails as Details } from '../../../shared/types';
import { Backdrop } from '../components/Backdrop';
import { isTyping, useKeys } from '../hooks/useKeys';
import { useResult } from '../hooks/useResult';
import { formatRuntimeLong, formatSeasons, timeLeftLabel } from '../playback';
import { FocusScreen, focusKey, useFocusTarget } from '../spatial';
import { useBridge } from '../hooks/useBridge';
import { Episodes } from './Episodes';

/** What the page says when the service will not show this title to this profile. */
export const NOT_AVAILABLE = 'That title is not available on this profile.';

export interface TitleDetailsProps {
  profile: Profile;
  titleId: string;
  /** True while the player is on top. */
  covered: boolean;
  /** Changes when this profile's progress or My List changed elsewhere (the player): read again. */
  refreshKey?: number;
  onBack: () => void;
  /**
   * "Resume" (true) or "Play" / "Play from the beginning" (false). A series names the episode
   * (its next up, or the one picked in the list).
   */
  onPlay: (resume: boolean, episodeId?: string) => void;
  /** Told after My List or Continue Watching changed here (Home's rows are then out of date). */
  onMyListChanged?: () => void;
  /** The service says the profile is locked for this device: back to "Who's watching?". */
  onProfileLocked?: () => void;
}

export function TitleDetails(props: TitleDetailsProps) {
  const bridge = useBridge();
  const { profile, titleId, covered, refreshKey = 0, onBack, onPlay, onMyListChanged, onProfileLocked } = props;
  // Refreshed quietly when the player saved a position; updated in place after a My List toggle.
  const { load, reload, refresh, set } = useResult(`title:${profile.id}:${titleId}`, () => bridge.getTitle(profile.id, titleId));
  const [listBusy, setListBusy] = useState(false);
  const [listError, setListError] = useState<string | null>(null);
  const [forgetBusy, setForgetBusy] = useState(false);
  const [lockedOut, setLockedOut] = useState(false);
  /** The season picked in the picker (null: the next up's season). */
  const [pickedSeason, setPickedSeason] = useState<number | null>(null);
  const leftId = useId();
  const live = useRef(true);
  const firstRefreshKey = useRef(refreshKey);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const details = load.status === 'ok' ? load.value : null;
  const locked = lockedOut || (load.status === 'error' && load.error.code === 'profile_locked');
  const backToPicker = useEffectEvent(() => onProfileLocked?.());
  useEffect(() => {
    if (locked) backToPicker();
  }, [locked]);

  // The player saved a position: read the progress again (Resume and the time left change).
  useEffect(() => {
    if (refreshKey !== firstRefreshKey.current) refresh();
  }, [refreshKey, refresh]);

  useKeys(!covered, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e)) return;
    if (e.key === 'Escape' || e.key === 'Backspace') {
      e.preventDefault();
      onBack();
    }
  });

  const toggleMyList = async () => {
    if (!details || listBusy) return;
    const want = !details.inMyList;
    setListBusy(true);
    setListError(null);
    let res;
    try {
      res = await bridge.setInMyList(profile.id, details.id, want);
    } catch (err) {
      console.error('couchside: setInMyList failed', err);
      res = { ok: false as const, error: { code: 'failed' as const, message: 'Something went wrong. Please try again.' } };
    }
    if (!live.current) return;
    setListBusy(false);
    if (res.ok) {
      set({ ...details, inMyList: want });
      onMyListChanged?.();
    } else if (res.error.code === 'profile_locked') {
      setLockedOut(true);
    } else {
      setListError(res.error.message);
    }
  };

  /** "Remove from Continue Watching": the progress goes; Play starts from the beginning again. */
  const forget = async () => {
    if (!details || forgetBusy) return;
    setForgetBusy(true);
    setListError(null);
    const res = await bridge.removeFromContinueWatching(profile.id, details.id).catch(() => null);
    if (!live.current) return;
    setForgetBusy(false);
    if (res?.ok) {
      set({ ...details, progress: null, seasons: details.seasons?.map((s) => ({ ...s, episodes: s.episodes.map((e) => ({ ...e, progress: null, watched: false })) })) });
      onMyListChanged?.();
      // The button is gone with the progress: the focus goes to Play.
      requestAnimationFrame(() => void focusKey('title-play'));
    } else if (res?.error.code === 'profile_locked') {
      setLockedOut(true);
    } else {
      setListError(res ? res.error.message : 'Something went wrong. Please try again.');
    }
  };

  let body;
  if (load.status === 'loading') {
    body = (
      <div className="title-page__loading" aria-busy="true">
        <p className="sr-only">Loading…</p>
        <div className="title-page__bar title-page__bar--lg" />
        <div className="title-page__bar" />
        <div className="title-page__bar title-page__bar--sm" />
      </div>
    );
  } else if (load.status === 'error') {
    const gone = load.error.code === 'not_found';
    body = (
      <div className="title-page__error">
        <p role="alert">{gone ? NOT_AVAILABLE : load.error.message}</p>
        <div className="title-page__actions">
          {gone ? null : <PageButton focusKey="title-retry" onPress={reload} label="Try again" />}
          <PageButton focusKey={gone ? 'title-retry' : 'title-back'} onPress={onBack} label="Back" />
        </div>
      </div>
    );
  } else if (details) {
    const progress = details.progress;
    const watched = progress ? Math.min(1, progress.positionSeconds / Math.max(1, progress.durationSeconds)) : 0;
    const seasons = details.seasons ?? null;
    const nextUp = seasons ? nextUpOf(details) : null;
    // A series' next up may sit at 0:00 (the episode before it ended): that is "Play S2:E4".
    const resumable = progress !== null && (!nextUp || progress.positionSeconds > 0);
    const playLabel = `${resumable ? 'Resume' : 'Play'}${nextUp ? ` ${episodeCode(nextUp)}` : ''}`;
    const season = pickedSeason ?? nextUp?.season ?? 1;
    body = (
      <>
        <div className="title-page__art" aria-hidden="true">
          <Backdrop title={details} />
        </div>
        <div className="title-page__info">
          <h1 className="title-page__name">{details.title}</h1>
          <p className="title-page__meta">
            <span>{details.year}</span>
            <span className="rating">{details.rating}</span>
            {seasons ? (
              <span>{formatSeasons(seasons.length)}</span>
            ) : details.runtimeMinutes > 0 ? (
              <span>{formatRuntimeLong(details.runtimeMinutes)}</span>
            ) : null}
            <span>{details.genre}</span>
            {details.kids ? <span className="badge badge--kids">Kids</span> : null}
          </p>
          <p className="title-page__synopsis">{details.synopsis}</p>
          <div className="title-page__actions" role="group" aria-label="Actions">
            {/* One element for Play and Resume, so focus stays on it when the progress changes. */}
            <PageButton
              focusKey="title-play"
              primary
              onPress={() => (nextUp ? onPlay(resumable, nextUp.id) : onPlay(resumable))}
              label={playLabel}
              icon="play"
              describedBy={progress ? leftId : undefined}
            />
            {progress && !seasons ? <PageButton focusKey="title-restart" onPress={() => onPlay(false)} label="Play from the beginning" icon="restart" /> : null}
            <PageButton
              focusKey="title-mylist"
              onPress={() => void toggleMyList()}
              label={details.inMyList ? 'Remove from My List' : 'Add to My List'}
              icon={details.inMyList ? 'check' : 'plus'}
              pressed={details.inMyList}
              busy={listBusy}
            />
          </div>
          {progress ? (
            <div className="title-page__progress">
              <div className="title-page__track" aria-hidden="true">
                <div className="title-page__fill" style={{ width: `${watched * 100}%` }} />
              </div>
              <span id={leftId}>
                {progress.episode ? `${episodeCode(progress.episode)} · ${progress.episode.title} · ` : ''}
                {timeLeftLabel(progress)}
              </span>
              <PageButton
                focusKey="title-forget"
                quiet
                onPress={() => void forget()}
                label="Remove from Continue Watching"
                busy={forgetBusy}
              />
            </div>
          ) : null}
          {listError ? (
            <p className="title-page__alert" role="alert">
              {listError}
            </p>
          ) : null}
        </div>
        {seasons ? (
          <Episodes
            seasons={seasons}
            season={season}
            onSeason={setPickedSeason}
            onPlayEpisode={(e) => onPlay(e.progress !== null, e.id)}
          />
        ) : null}
      </>
    );
  }

  const hue = details?.hue ?? 220;
  return (
    <FocusScreen
      focusKey="title"
      preferredChildFocusKey="title-play"
      covered={covered}
      // Once the title is there, the first button (Play or Resume; else "Try again") has focus.
      ready={load.status !== 'loading'}
      className={`screen browse title-page${details?.seasons ? ' title-page--series' : ''}${covered ? ' is-covered' : ''}`}
      aria-label={details?.title ?? 'Title'}
    >
      <div className="title-page__backdrop" style={{ ['--hue' as string]: String(hue) }} aria-hidden="true" />
      {/* Back on screen too, for a mouse or a touch screen (a remote has its Back key). */}
      {details ? (
        <div className="title-page__top">
          <PageButton focusKey="title-back-top" onPress={onBack} label="Back" icon="back" />
        </div>
      ) : null}
      {body}
    </FocusScreen>
  );
}

/** The episode a series' Play / Resume plays: where the profile is (its next up), else the first. */
export function nextUpOf(details: Pick<Details, 'progress' | 'seasons'>): EpisodeRef | null {
  const first = details.seasons?.[0]?.episodes[0];
  if (!first) return null;
  return details.progress?.episode ?? first;
}

type IconName = 'play' | 'restart' | 'plus' | 'check' | 'back';

function PageButton(props: {
  focusKey: string;
  label: string;
  onPress: () => void;
  primary?: boolean;
  /** A small secondary action (beside the progress line). */
  quiet?: boolean;
  icon?: IconName;
  pressed?: boolean;
  busy?: boolean;
  describedBy?: string;
}) {
  const { focusKey, label, onPress, primary, quiet, icon, pressed, busy, describedBy } = props;
  const { ref, onFocus } = useFocusTarget<HTMLButtonElement>({ focusKey });
  return (
    <button
      ref={ref}
      onFocus={onFocus}
      type="button"
      className={`btn${primary ? ' btn--primary' : ''}${quiet ? ' btn--quiet title-page__btn--small' : ''} title-page__btn`}
      aria-pressed={pressed}
      aria-disabled={busy || undefined}
      aria-describedby={describedBy}
      onClick={busy ? undefined : onPress}
    >
      {icon ? <ButtonIcon name={icon} /> : null}
      <span>{label}</span>
    </button>
  );
}

function ButtonIcon({ name }: { name: IconName }) {
  const paths: Record<IconName, ReactNode> = {
    play: <path d="M7 4.5v15l12.5-7.5z" fill="currentColor" />,
    restart: (
      <path d="M4 12a8 8 0 1 0 2.4-5.7M4 4v5h5" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
    ),
    plus: <path d="M12 5v14M5 12h14" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />,
    check: <path d="m5 12.5 4.5 4.5L19 7.5" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />,
    back: <path d="M15 5 8 12l7 7" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />,
  };
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {paths[name]}
    </svg>
  );
}
