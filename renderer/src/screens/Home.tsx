/**
 * Home: top bar, hero, and rows of titles, walked with the arrow keys like a remote's D-pad
 * (spatial navigation): each row remembers its column, the focused tile stays in view (its row
 * scrolls sideways, the page scrolls the row up under the top bar), "m" opens Settings and "/"
 * opens Search. The hero follows the focus: a tile the user rests on for a moment becomes the hero
 * (its art, its synopsis, and Play / Resume for it), as on a TV app's home.
 */
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { HomeData } from '../../../shared/bridge';
import { episodeCode, type Profile, type Title, type TitleCard, type WatchProgress } from '../../../shared/types';
import { Avatar } from '../components/Avatar';
import { Backdrop } from '../components/Backdrop';
import { GearIcon, SwitchIcon } from '../components/Icons';
import { Poster, RatingBadge } from '../components/Poster';
import { Wordmark } from '../components/Wordmark';
import { revealDelta } from '../focus';
import { formatSeasons, timeLeftLabel } from '../playback';
import { realClock, type IdleClock } from '../hooks/useIdle';
import { isTyping, prefersReducedMotion, useKeys } from '../hooks/useKeys';
import { useResult } from '../hooks/useResult';
import { doesFocusableExist, FocusButton, FocusGroup, FocusScreen, focusKey } from '../spatial';
import { useBridge } from '../hooks/useBridge';

export interface HomeProps {
  profile: Profile;
  /** True while Settings (or anything else) is on top: Home keeps its state but takes no keys. */
  covered: boolean;
  onOpenSettings: () => void;
  onSwitchProfile: () => void;
  /** The service says the profile is locked for this device (e.g. the unlock expired). */
  onProfileLocked?: () => void;
  /** Enter on a tile, or the hero's "More info": the title page. */
  onOpenTitle?: (titleId: string) => void;
  /** The hero's "Play" / "Resume": straight into the player (resume: from where the profile stopped). */
  onPlayTitle?: (titleId: string, resume: boolean) => void;
  /** The top bar's "Search" button, or the "/" key. */
  onOpenSearch?: () => void;
  /** Changes when the rows went stale (progress saved, My List changed): they are read again, quietly. */
  refreshKey?: number;
  /** The timer behind the hero following the focus (tests move it by hand). */
  clock?: IdleClock;
}

/** How long the focus rests on a tile before the hero shows that title. */
export const HERO_FOLLOW_MS = 700;

export function Home({
  profile,
  covered,
  onOpenSettings,
  onSwitchProfile,
  onProfileLocked,
  onOpenTitle,
  onPlayTitle,
  onOpenSearch,
  refreshKey = 0,
  clock = realClock,
}: HomeProps) {
  const bridge = useBridge();
  // Keyed by the rating too: the profile in use rated lower (or higher) reads its rows again.
  const { load, reload, refresh } = useResult(`home:${profile.id}:${profile.maturity}`, () => bridge.getHome(profile.id));
  const firstRefreshKey = useRef(refreshKey);
  useEffect(() => {
    if (refreshKey !== firstRefreshKey.current) refresh();
  }, [refreshKey, refresh]);
  const lockedOut = load.status === 'error' && load.error.code === 'profile_locked';
  const backToPicker = useEffectEvent(() => onProfileLocked?.());
  // Locked again (the unlock expired, or the lock was set elsewhere): back to "Who's watching?".
  useEffect(() => {
    if (lockedOut) backToPicker();
  }, [lockedOut]);
  const settingsBtn = useRef<HTMLButtonElement>(null);
  const scroller = useRef<HTMLElement>(null);
  const [scrolled, setScrolled] = useState(false);

  const rows = load.status === 'ok' ? load.value.rows.filter((r) => r.items.length > 0) : [];

  // The hero follows the focus after a pause: the title's id (so rows read again keep it; App keys
  // Home by profile, so another profile starts afresh). Reaching the hero or the top bar first
  // stops a pending change, so the actions under the focus never change title under the user.
  const [spotId, setSpotId] = useState<string | null>(null);
  const follow = useRef<unknown>(null);
  const stopFollowing = () => {
    if (follow.current !== null) clock.clearTimeout(follow.current);
    follow.current = null;
  };
  const followTile = (titleId: string) => {
    stopFollowing();
    follow.current = clock.setTimeout(() => {
      follow.current = null;
      setSpotId(titleId);
    }, HERO_FOLLOW_MS);
  };
  const stopOnUnmount = useEffectEvent(stopFollowing);
  useEffect(() => () => stopOnUnmount(), []);
  const heroTitle = load.status === 'ok' ? spotlight(load.value, spotId) : null;

  /** Keeps the focused tile in its row's view, and its row just under the top bar (Netflix-style). */
  const revealTile = (tile: HTMLElement, row: number) => {
    const behavior: ScrollBehavior = prefersReducedMotion() ? 'auto' : 'smooth';
    const item = tile.parentElement; // the <li>: unscaled, unlike the focused tile
    const list = item?.parentElement;
    if (item && list) {
      // The row is already inside the safe area: keep the tile clear of its edges by the room its
      // zoom and ring need (the list's own inline padding).
      const pad = parseFloat(getComputedStyle(list).paddingLeft) || 0;
      const r = item.getBoundingClientRect();
      const v = list.getBoundingClientRect();
      const dx = revealDelta(r.left, r.right, v.left, v.right, pad);
      if (dx !== 0) list.scrollBy?.({ left: dx, behavior });
    }
    const main = scroller.current;
    const section = list?.closest('section');
    if (!main || !section) return;
    if (row === 0) {
      main.scrollTo?.({ top: 0, behavior });
      return;
    }
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const dy = section.getBoundingClientRect().top - main.getBoundingClientRect().top - 5.2 * rem;
    if (Math.abs(dy) > 1) main.scrollBy?.({ top: dy, behavior });
  };

  /**
   * The top bar floats over the hero (it is not above it, as far as boxes go): Down from the top
   * bar lands on the hero's first action ("Play" or "Resume"), Up from there on the top bar.
   */
  const topBarArrow = (direction: string) => {
    if (direction !== 'down' || !doesFocusableExist('home-hero-play')) return true;
    void focusKey('home-hero-play');
    return false;
  };

  const heroArrow = (direction: string) => {
    if (direction !== 'up') return true;
    void focusKey('home-topbar');
    return false;
  };

  /** The hero and the top bar: the page goes back to its top (and the hero stays what it is). */
  const revealTop = () => {
    stopFollowing();
    scroller.current?.scrollTo?.({ top: 0, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  };

  useKeys(!covered, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e)) return;
    const key = e.key;
    if (key === 'm' || key === 'M' || key === 'ContextMenu') {
      // The menu key opens Settings, as "/" opens Search; Back then returns to the Settings button.
      e.preventDefault();
      settingsBtn.current?.focus();
      settingsBtn.current?.click();
      return;
    }
    if (key === '/' && onOpenSearch) {
      e.preventDefault();
      onOpenSearch();
      return;
    }
    if (key === 'Escape' || key === 'Backspace') {
      // Nothing to go back to from Home; never navigate or sign anything out.
      e.preventDefault();
    }
  });

  return (
    <FocusScreen
      focusKey="home"
      // First the first title (or "Try again"); back from a screen on top, the element that opened it.
      preferredChildFocusKey={load.status === 'error' ? 'home-retry' : 'home-rows'}
      covered={covered}
      ready={load.status !== 'loading'}
      className={`screen home${covered ? ' is-covered' : ''}${scrolled ? ' is-scrolled' : ''}`}
    >
      <header className="topbar">
        <Wordmark size="sm" />
        <FocusGroup className="topbar__right" focusKey="home-topbar" boundary={['left', 'right']}>
          <div className="topbar__profile">
            <Avatar avatarKey={profile.avatar || profile.name} className="topbar__avatar" />
            <span className="topbar__name">{profile.name}</span>
            {profile.kids ? <span className="badge badge--kids">Kids</span> : null}
          </div>
          {onOpenSearch ? (
            <FocusButton className="btn btn--ghost" onClick={onOpenSearch} onFocusTarget={revealTop} onArrowPress={topBarArrow}>
              <SearchIcon />
              <span>Search</span>
            </FocusButton>
          ) : null}
          <FocusButton className="btn btn--ghost" onClick={onSwitchProfile} onFocusTarget={revealTop} onArrowPress={topBarArrow}>
            <SwitchIcon />
            <span>Switch profile</span>
          </FocusButton>
          <FocusButton ref={settingsBtn} className="btn btn--ghost" onClick={onOpenSettings} onFocusTarget={revealTop} onArrowPress={topBarArrow}>
            <GearIcon />
            <span>Settings</span>
          </FocusButton>
        </FocusGroup>
      </header>
      <main
        ref={scroller}
        className="home__scroll"
        aria-busy={load.status === 'loading'}
        onScroll={(e) => setScrolled(e.currentTarget.scrollTop > 8)}
      >
        {load.status === 'loading' ? <HomeSkeleton /> : null}
        {load.status === 'error' ? (
          <div className="load-error load-error--home">
            <p role="alert">{load.error.message}</p>
            <FocusButton focusKey="home-retry" className="btn" onClick={reload}>
              Try again
            </FocusButton>
          </div>
        ) : null}
        {load.status === 'ok' && heroTitle ? (
          <>
            <Hero
              title={heroTitle}
              progress={progressOf(load.value, heroTitle.id)}
              onPlay={(resume) => onPlayTitle?.(heroTitle.id, resume)}
              onMoreInfo={() => onOpenTitle?.(heroTitle.id)}
              onFocusButton={revealTop}
              onArrow={heroArrow}
            />
            <Rows
              rows={rows}
              onOpenTitle={(id) => onOpenTitle?.(id)}
              onTileFocus={(node, r, titleId) => {
                followTile(titleId);
                revealTile(node, r);
              }}
            />
          </>
        ) : null}
      </main>
    </FocusScreen>
  );
}

function SearchIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
      <path d="m15.5 15.5 5 5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}

function Hero({
  title,
  progress,
  onPlay,
  onMoreInfo,
  onFocusButton,
  onArrow,
}: {
  title: Title;
  /** Where the profile stopped in the hero's title (null: not started). */
  progress: WatchProgress | null;
  onPlay: (resume: boolean) => void;
  onMoreInfo: () => void;
  onFocusButton: () => void;
  onArrow: (direction: string) => boolean;
}) {
  return (
    // A plain div, not a region: the only landmarks on Home are the catalog rows. A focus group
    // as wide as the screen, so Up from any tile of the first row lands on the hero's actions.
    <FocusGroup className="hero" focusKey="home-hero">
      {/* Keyed by title: a new hero's art fades in rather than morphing from the last one. */}
      <div className="hero__art" aria-hidden="true" key={title.id}>
        <Backdrop title={title} />
      </div>
      <div className="hero__content">
        <h1 className="hero__title">{title.title}</h1>
        <p className="hero__meta">
          <span>{title.year}</span>
          <span className="rating">{title.rating}</span>
          <span>{title.genre}</span>
          {title.seasonCount ? (
            <span>{formatSeasons(title.seasonCount)}</span>
          ) : title.runtimeMinutes > 0 ? (
            <span>{formatRuntime(title.runtimeMinutes)}</span>
          ) : null}
        </p>
        <p className="hero__synopsis">{title.synopsis}</p>
        <div className="hero__actions">
          <FocusButton
            focusKey="home-hero-play"
            className="btn btn--primary"
            aria-description={progress ? timeLeftLabel(progress) : undefined}
            onClick={() => onPlay(progress !== null)}
            onFocusTarget={onFocusButton}
            onArrowPress={onArrow}
          >
            <PlayIcon />
            <span>{progress ? 'Resume' : 'Play'}</span>
          </FocusButton>
          <FocusButton focusKey="home-hero-info" className="btn" onClick={onMoreInfo} onFocusTarget={onFocusButton} onArrowPress={onArrow}>
            <InfoIcon />
            <span>More info</span>
          </FocusButton>
        </div>
      </div>
    </FocusGroup>
  );
}

/** The hero: the title the focus rested on (while it is still on a row), else the service's pick. */
export function spotlight(home: HomeData, titleId: string | null): Title {
  if (titleId) {
    for (const row of home.rows) {
      const found = row.items.find((t) => t.id === titleId);
      if (found) return found;
    }
  }
  return home.hero;
}

/** The profile's progress in a title, from its Continue Watching row (null: not started). */
function progressOf(home: HomeData, titleId: string): WatchProgress | null {
  const cw = home.rows.find((r) => r.kind === 'continue-watching');
  return cw?.items.find((t) => t.id === titleId)?.progress ?? null;
}

function PlayIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M8 5.5v13l10.5-6.5z" fill="currentColor" />
    </svg>
  );
}

function InfoIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2.2" />
      <path d="M12 11v6M12 7.5v.5" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}

function Rows({
  rows,
  onOpenTitle,
  onTileFocus,
}: {
  rows: HomeData['rows'];
  onOpenTitle: (titleId: string) => void;
  onTileFocus: (tile: HTMLElement, row: number, titleId: string) => void;
}) {
  return (
    <FocusGroup className="rows" focusKey="home-rows">
      {rows.map((row, r) => (
        <section key={row.id} className="row" aria-label={row.title}>
          <h2 className="row__title">{row.title}</h2>
          {/* Each row remembers its column (Up then Down comes back to the same tile), and its
              ends stop Left/Right (never a jump to the top bar). */}
          <FocusGroup as="ul" className="row__list" focusKey={`home-row:${row.id}`} boundary={['left', 'right']}>
            {row.items.map((title, c) => (
              <li key={title.id} className="row__item">
                <FocusButton
                  className="tile"
                  aria-label={title.title}
                  aria-description={tileDescription(title)}
                  data-tile="true"
                  data-row={r}
                  data-col={c}
                  onClick={() => onOpenTitle(title.id)}
                  onFocusTarget={(node) => onTileFocus(node, r, title.id)}
                >
                  <Poster title={title} />
                </FocusButton>
                <RatingBadge rating={title.rating} />
                <TileProgress title={title} />
              </li>
            ))}
          </FocusGroup>
        </section>
      ))}
    </FocusGroup>
  );
}

/** How far in a title is, 0..1 (null without progress). */
export function progressFraction(title: TitleCard): number | null {
  const p = title.progress;
  if (!p || !(p.durationSeconds > 0)) return null;
  return Math.max(0, Math.min(1, p.positionSeconds / p.durationSeconds));
}

/** "Rated TV-14, 25 minutes left": what the badge and the bar say to the eye, for screen readers. */
function tileDescription(title: TitleCard): string {
  const left = progressText(title);
  const episode = tileEpisode(title);
  return left ? `Rated ${title.rating}, ${episode ? `${episode}, ` : ''}${left}` : `Rated ${title.rating}`;
}

/** "S2:E3 · Name": the episode a series' Continue Watching tile resumes, or null. */
export function tileEpisode(title: TitleCard): string | null {
  const e = title.progress?.episode;
  return e ? `${episodeCode(e)} · ${e.title}` : null;
}

/** Whole minutes left in a title with progress (null without). */
function minutesLeft(title: TitleCard): number | null {
  if (progressFraction(title) === null || !title.progress) return null;
  return Math.max(0, Math.round((title.progress.durationSeconds - title.progress.positionSeconds) / 60));
}

/** "25 minutes left", for screen readers. */
function progressText(title: TitleCard): string | undefined {
  const left = minutesLeft(title);
  if (left === null) return undefined;
  return left > 0 ? `${left} ${left === 1 ? 'minute' : 'minutes'} left` : 'Watched';
}

/** "23 min left" on a Continue Watching tile (the words the title page uses), or null without progress. */
export function tileTimeLeft(title: TitleCard): string | null {
  return progressFraction(title) === null || !title.progress ? null : timeLeftLabel(title.progress);
}

/**
 * Under a Continue Watching tile (not on its art, so both read whatever the poster's colours): a
 * bar on a light track and the time left in words.
 */
function TileProgress({ title }: { title: TitleCard }) {
  const f = progressFraction(title);
  const label = tileTimeLeft(title);
  if (f === null || label === null) return null;
  const episode = tileEpisode(title);
  return (
    <span className="tile__cw" aria-hidden="true">
      {episode ? <span className="tile__episode">{episode}</span> : null}
      <span className="tile__left">{label}</span>
      <span className="tile__progress">
        <span className="tile__progress-fill" style={{ width: `${Math.round(f * 1000) / 10}%` }} />
      </span>
    </span>
  );
}

function HomeSkeleton() {
  return (
    <div className="skeleton">
      <p className="sr-only">Loading…</p>
      <div className="skeleton__hero" />
      {[0, 1].map((r) => (
        <div key={r} className="skeleton__row">
          <div className="skeleton__heading" />
          <div className="skeleton__tiles">
            {[0, 1, 2, 3, 4, 5].map((c) => (
              <div key={c} className="skeleton__tile" />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

/** "1h 52m" / "45m". */
export function formatRuntime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return h > 0 ? `${h}h ${m}m` : `${m}m`;
}
