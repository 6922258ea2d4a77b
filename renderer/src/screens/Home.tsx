/** Home: top bar, hero, and rows of titles navigated with arrow keys like a remote's D-pad. */
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { CouchsideBridge, HomeData } from '../../../shared/bridge';
import type { Profile, Title } from '../../../shared/types';
import { normHue } from '../art';
import { Avatar } from '../components/Avatar';
import { GearIcon, SwitchIcon } from '../components/Icons';
import { Poster } from '../components/Poster';
import { Wordmark } from '../components/Wordmark';
import { nearestByX, revealDelta } from '../focus';
import { isTyping, prefersReducedMotion, useKeys } from '../hooks/useKeys';
import { useResult } from '../hooks/useResult';

export interface HomeProps {
  bridge: CouchsideBridge;
  profile: Profile;
  /** True while Settings (or anything else) is on top: Home keeps its state but takes no keys. */
  covered: boolean;
  onOpenSettings: () => void;
  onSwitchProfile: () => void;
  /** The service says the profile is locked for this device (e.g. the unlock expired). */
  onProfileLocked?: () => void;
  /** Enter on a title tile: open its title page. */
  onOpenTitle?: (titleId: string) => void;
  /** Open Search. */
  onOpenSearch?: () => void;
  /** Changes when the rows went stale (progress saved, My List changed): they are read again. */
  refreshKey?: number;
}

export function Home({ bridge, profile, covered, onOpenSettings, onSwitchProfile, onProfileLocked, refreshKey = 0 }: HomeProps) {
  const [load, reload] = useResult(`home:${profile.id}`, () => bridge.getHome(profile.id));
  // Stale rows are read again (while covered, so the reload is not seen).
  const firstRefresh = useRef(refreshKey);
  useEffect(() => {
    if (refreshKey !== firstRefresh.current) reload();
  }, [refreshKey, reload]);
  const lockedOut = load.status === 'error' && load.error.code === 'profile_locked';
  const backToPicker = useEffectEvent(() => onProfileLocked?.());
  // Locked again (the unlock expired, or the lock was set elsewhere): back to "Who's watching?".
  useEffect(() => {
    if (lockedOut) backToPicker();
  }, [lockedOut]);
  const settingsBtn = useRef<HTMLButtonElement>(null);
  const topBar = useRef<HTMLElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const retry = useRef<HTMLButtonElement>(null);
  const tiles = useRef(new Map<string, HTMLButtonElement>());
  const lastTile = useRef<{ row: number; col: number } | null>(null);
  const wasCovered = useRef(covered);
  const [scrolled, setScrolled] = useState(false);

  const rows = load.status === 'ok' ? load.value.rows.filter((r) => r.items.length > 0) : [];

  const tileAt = (row: number, col: number) => tiles.current.get(`${row}:${col}`);

  const focusTile = (row: number, col: number) => {
    const el = tileAt(row, col);
    if (!el) return;
    lastTile.current = { row, col };
    el.focus({ preventScroll: true });
    reveal(el, row, !prefersReducedMotion());
  };

  /** Keeps the focused tile in its row's view, and its row just under the top bar (Netflix-style). */
  const reveal = (tile: HTMLElement, row: number, smooth: boolean) => {
    const behavior: ScrollBehavior = smooth ? 'smooth' : 'auto';
    const item = tile.parentElement; // the <li>: unscaled, unlike the focused tile
    const list = item?.parentElement;
    if (item && list) {
      const pad = list.clientWidth * 0.05;
      const r = item.getBoundingClientRect();
      const v = list.getBoundingClientRect();
      const dx = revealDelta(r.left, r.right, v.left, v.right, pad);
      if (dx !== 0) list.scrollBy({ left: dx, behavior });
    }
    const main = scroller.current;
    const section = list?.closest('section');
    if (!main || !section) return;
    if (row === 0) {
      main.scrollTo({ top: 0, behavior });
      return;
    }
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const dy = section.getBoundingClientRect().top - main.getBoundingClientRect().top - 5.2 * rem;
    if (Math.abs(dy) > 1) main.scrollBy({ top: dy, behavior });
  };

  const focusRowNear = (row: number, x: number) => {
    const items = rows[row]?.items ?? [];
    const boxes = items.map((_, c) => tileAt(row, c)?.getBoundingClientRect() ?? { left: 0, width: 0 });
    focusTile(row, Math.max(0, nearestByX(boxes, x)));
  };

  const restoreTile = () => {
    const last = lastTile.current;
    if (last && tileAt(last.row, last.col)) focusTile(last.row, last.col);
    else if (rows.length > 0) focusTile(0, 0);
    else retry.current?.focus();
  };

  // When the load settles (and Home is on top): the first title, or "Try again", has focus.
  const onSettled = useEffectEvent(() => {
    // Leave focus alone if the user already put it somewhere (e.g. "m" for Settings).
    const active = document.activeElement;
    if (covered || (active && active !== document.body)) return;
    if (load.status === 'ok') restoreTile();
    if (load.status === 'error') retry.current?.focus();
  });
  useEffect(() => onSettled(), [load.status]);

  // Coming back from Settings: focus returns to the Settings button.
  useEffect(() => {
    if (wasCovered.current && !covered) settingsBtn.current?.focus();
    wasCovered.current = covered;
  }, [covered]);

  useKeys(!covered, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e)) return;
    const key = e.key;
    if (key === 'm' || key === 'M' || key === 'ContextMenu') {
      e.preventDefault();
      settingsBtn.current?.focus();
      return;
    }
    if (key === 'Escape' || key === 'Backspace') {
      // Nothing to go back to from Home; never navigate or sign anything out.
      e.preventDefault();
      return;
    }
    if (!key.startsWith('Arrow')) return;
    const active = document.activeElement as HTMLElement | null;
    const row = Number(active?.dataset.row);
    const col = Number(active?.dataset.col);
    e.preventDefault();
    if (active?.dataset.tile === 'true' && Number.isInteger(row) && Number.isInteger(col)) {
      const rect = active.getBoundingClientRect();
      const x = rect.left + rect.width / 2;
      if (key === 'ArrowLeft' && col > 0) focusTile(row, col - 1);
      else if (key === 'ArrowRight' && col < (rows[row]?.items.length ?? 0) - 1) focusTile(row, col + 1);
      else if (key === 'ArrowUp') {
        if (row > 0) focusRowNear(row - 1, x);
        else {
          lastTile.current = { row, col };
          settingsBtn.current?.focus();
        }
      } else if (key === 'ArrowDown' && row < rows.length - 1) focusRowNear(row + 1, x);
      return;
    }
    const bar = topBar.current;
    if (bar && active && bar.contains(active)) {
      const buttons = Array.from(bar.querySelectorAll<HTMLButtonElement>('button'));
      const at = buttons.indexOf(active as HTMLButtonElement);
      if (key === 'ArrowLeft' && at > 0) buttons[at - 1]?.focus();
      else if (key === 'ArrowRight' && at < buttons.length - 1) buttons[at + 1]?.focus();
      else if (key === 'ArrowDown') restoreTile();
      return;
    }
    // Focus was lost (a click on empty space) or sits on "Try again": Up reaches the top bar,
    // any other arrow brings focus back to the titles.
    if (key === 'ArrowUp' && !(active && active.dataset.tile)) settingsBtn.current?.focus();
    else restoreTile();
  });

  return (
    <div
      className={`screen home${covered ? ' is-covered' : ''}${scrolled ? ' is-scrolled' : ''}`}
      aria-hidden={covered || undefined}
      inert={covered}
    >
      <header ref={topBar} className="topbar">
        <Wordmark size="sm" />
        <div className="topbar__right">
          <div className="topbar__profile">
            <Avatar avatarKey={profile.avatar || profile.name} className="topbar__avatar" />
            <span className="topbar__name">{profile.name}</span>
            {profile.kids ? <span className="badge badge--kids">Kids</span> : null}
          </div>
          <button type="button" className="btn btn--ghost" onClick={onSwitchProfile}>
            <SwitchIcon />
            <span>Switch profile</span>
          </button>
          <button ref={settingsBtn} type="button" className="btn btn--ghost" onClick={onOpenSettings}>
            <GearIcon />
            <span>Settings</span>
          </button>
        </div>
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
            <button ref={retry} type="button" className="btn" onClick={reload}>
              Try again
            </button>
          </div>
        ) : null}
        {load.status === 'ok' ? (
          <>
            <Hero title={load.value.hero} />
            <Rows
              rows={rows}
              register={(row, col, el) => {
                const k = `${row}:${col}`;
                if (el) tiles.current.set(k, el);
                else tiles.current.delete(k);
              }}
              onTileFocus={(row, col) => {
                lastTile.current = { row, col };
              }}
            />
          </>
        ) : null}
      </main>
    </div>
  );
}

function Hero({ title }: { title: Title }) {
  const hue = normHue(title.hue);
  return (
    // A plain div, not a region: the only landmarks on Home are the catalog rows.
    <div className="hero">
      <div className="hero__art" aria-hidden="true">
        <svg viewBox="0 0 1600 900" preserveAspectRatio="xMidYMid slice" focusable="false">
          <defs>
            <radialGradient id="hero-glow" cx="0.72" cy="0.35" r="0.75">
              <stop offset="0" stopColor={`hsl(${hue} 75% 52%)`} />
              <stop offset="0.55" stopColor={`hsl(${(hue + 30) % 360} 65% 22%)`} />
              <stop offset="1" stopColor="#0b0b0f" />
            </radialGradient>
          </defs>
          <rect width="1600" height="900" fill="url(#hero-glow)" />
          <circle cx="1180" cy="300" r="260" fill={`hsl(${(hue + 15) % 360} 90% 72% / 0.22)`} />
          <circle cx="1420" cy="620" r="170" fill={`hsl(${(hue + 200) % 360} 70% 60% / 0.14)`} />
          <circle cx="900" cy="700" r="120" fill={`hsl(${(hue + 60) % 360} 80% 65% / 0.12)`} />
        </svg>
      </div>
      <div className="hero__content">
        <h1 className="hero__title">{title.title}</h1>
        <p className="hero__meta">
          <span>{title.year}</span>
          <span className="rating">{title.rating}</span>
          <span>{title.genre}</span>
          {title.runtimeMinutes > 0 ? <span>{formatRuntime(title.runtimeMinutes)}</span> : null}
        </p>
        <p className="hero__synopsis">{title.synopsis}</p>
      </div>
    </div>
  );
}

function Rows({
  rows,
  register,
  onTileFocus,
}: {
  rows: HomeData['rows'];
  register: (row: number, col: number, el: HTMLButtonElement | null) => void;
  onTileFocus: (row: number, col: number) => void;
}) {
  return (
    <div className="rows">
      {rows.map((row, r) => (
        <section key={row.id} className="row" aria-label={row.title}>
          <h2 className="row__title">{row.title}</h2>
          <ul className="row__list">
            {row.items.map((title, c) => (
              <li key={title.id} className="row__item">
                <button
                  ref={(el) => register(r, c, el)}
                  type="button"
                  className="tile"
                  aria-label={title.title}
                  data-tile="true"
                  data-row={r}
                  data-col={c}
                  onFocus={() => onTileFocus(r, c)}
                >
                  <Poster title={title} />
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
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
