/**
 * Search: an on-screen keyboard for the remote (physical typing works too), the query in a large
 * field, and results as you type in a grid of posters to the right. Back leaves Search.
 */
import { useEffect, useEffectEvent, useId, useState } from 'react';
import type { Profile, Title } from '../../../shared/types';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard';
import { Poster, RatingBadge } from '../components/Poster';
import type { IdleClock } from '../hooks/useIdle';
import { isTyping, useKeys } from '../hooks/useKeys';
import { useResult } from '../hooks/useResult';
import { useSearch } from '../hooks/useSearch';
import { FocusButton, FocusGroup, FocusInput, FocusScreen, useFocusTarget } from '../spatial';
import { useBridge } from '../hooks/useBridge';

/** Longest query the field takes. */
export const MAX_QUERY = 60;
/** How many popular titles an empty search shows (two rows of the results grid: all of them fit at 1280x720). */
export const POPULAR_COUNT = 6;
export const POPULAR_HEADING = 'Popular on Couchside';

export interface SearchProps {
  profile: Profile;
  /** True while a title page (or the player) opened from here is on top. */
  covered: boolean;
  onBack: () => void;
  /** Enter on a result: its id, and the results it was among (autoplay plays the next one). */
  onOpenTitle: (titleId: string, results: Title[]) => void;
  /** The service says the profile is locked for this device: back to "Who's watching?". */
  onProfileLocked?: () => void;
  /** The debounce timer's time source (tests inject one). */
  clock?: IdleClock;
}

export function Search({ profile, covered, onBack, onOpenTitle, onProfileLocked, clock }: SearchProps) {
  const bridge = useBridge();
  const [query, setQuery] = useState('');
  const [search, retry] = useSearch(bridge, profile.id, query, { clock });
  const fieldId = useId();
  const statusId = useId();
  const popularId = useId();
  // Before anything is typed: what is trending for this profile (only titles its maturity
  // rating allows, from the service), as Netflix's search page does. A failure just leaves the hint.
  const { load: home } = useResult(`search-popular:${profile.id}:${profile.maturity}`, () => bridge.getHome(profile.id));
  const popular =
    home.status === 'ok' ? (home.value.rows.find((r) => r.kind === 'trending')?.items ?? []).slice(0, POPULAR_COUNT) : [];

  const lockedOut = search.status === 'error' && search.error.code === 'profile_locked';
  const backToPicker = useEffectEvent(() => onProfileLocked?.());
  useEffect(() => {
    if (lockedOut) backToPicker();
  }, [lockedOut]);

  const type = (text: string) => setQuery((q) => (q + text).slice(0, MAX_QUERY));
  const del = () => setQuery((q) => q.slice(0, -1));

  useKeys(!covered, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      onBack();
      return;
    }
    // In the field itself the browser edits the text.
    if (isTyping(e)) return;
    if (e.key === 'Backspace') {
      e.preventDefault();
      // Deleting down to nothing (a held key repeats) never leaves Search by itself.
      if (query !== '') del();
      else if (!e.repeat) onBack();
      return;
    }
    if (e.key.length === 1) {
      // A physical keyboard types into the query wherever focus is (space must not press a key).
      e.preventDefault();
      type(e.key.toLowerCase());
    }
  });

  // Space's click on a focused button happens on keyup: keep it from pressing an on-screen key.
  useEffect(() => {
    if (covered) return;
    const onUp = (e: KeyboardEvent) => {
      if (e.key === ' ' && !isTyping(e)) e.preventDefault();
    };
    document.addEventListener('keyup', onUp);
    return () => document.removeEventListener('keyup', onUp);
  }, [covered]);

  const shown = search.status === 'ok' ? search.results : search.status === 'loading' ? search.previous : [];
  const trimmed = query.trim();

  return (
    <FocusScreen focusKey="search" preferredChildFocusKey="osk" covered={covered} className="screen browse search" aria-labelledby={fieldId}>
      <div className="search__top">
        <h1 className="sr-only">Search</h1>
        {/* Back on screen too, for a mouse or a touch screen (a remote has its Back key). */}
        <FocusButton focusKey="search-back" className="btn search__back" onClick={onBack}>
          <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M15 5 8 12l7 7" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span>Back</span>
        </FocusButton>
        <SearchField id={fieldId} query={query} onChange={(v) => setQuery(v.slice(0, MAX_QUERY))} describedBy={statusId} />
      </div>
      <div className="search__body">
        <OnScreenKeyboard onChar={type} onDelete={del} onClear={() => setQuery('')} />
        <section className="search__results" aria-label="Results" aria-busy={search.status === 'loading'}>
          <p id={statusId} className="sr-only" role="status">
            {search.status === 'ok' ? `${search.results.length} ${search.results.length === 1 ? 'title' : 'titles'}` : ''}
          </p>
          {search.status === 'empty' ? (
            <p className="search__hint">Type a title with the keyboard. Results appear as you type.</p>
          ) : null}
          {search.status === 'empty' && popular.length > 0 ? (
            <section aria-labelledby={popularId}>
              <h2 id={popularId} className="search__popular">
                {POPULAR_HEADING}
              </h2>
              <FocusGroup focusKey="search-popular" as="ul" className="search__grid search__grid--popular">
                {popular.map((t) => (
                  <ResultTile key={t.id} title={t} onOpen={() => onOpenTitle(t.id, popular)} />
                ))}
              </FocusGroup>
            </section>
          ) : null}
          {search.status === 'ok' && search.results.length === 0 ? (
            <p className="search__hint search__hint--none">No titles match “{trimmed}”</p>
          ) : null}
          {search.status === 'error' && !lockedOut ? (
            <div className="search__error">
              <p role="alert">{search.error.message}</p>
              <RetryButton onPress={retry} />
            </div>
          ) : null}
          {shown.length > 0 && search.status !== 'error' ? (
            <FocusGroup focusKey="search-results" as="ul" className={`search__grid${search.status === 'loading' ? ' is-stale' : ''}`}>
              {shown.map((t) => (
                <ResultTile key={t.id} title={t} onOpen={() => onOpenTitle(t.id, shown)} />
              ))}
            </FocusGroup>
          ) : null}
        </section>
      </div>
    </FocusScreen>
  );
}

function SearchField({ id, query, onChange, describedBy }: { id: string; query: string; onChange: (v: string) => void; describedBy: string }) {
  return (
    <div className="search__field">
      <svg className="search__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.4" />
        <path d="m15.5 15.5 5 5" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
      </svg>
      {/* Left/Right belong to the caret here; Up/Down leave the field. */}
      <FocusInput
        focusKey="search-field"
        id={id}
        type="search"
        className="search__input"
        value={query}
        placeholder="Search"
        aria-label="Search titles"
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_QUERY}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    </div>
  );
}

function ResultTile({ title, onOpen }: { title: Title; onOpen: () => void }) {
  // Focus scrolls it into view (the grid has no scrollbar).
  const { ref, onFocus } = useFocusTarget<HTMLButtonElement>({ focusKey: `search-result-${title.id}` });
  return (
    <li className="search__item">
      <button ref={ref} onFocus={onFocus} type="button" className="tile" aria-label={title.title} aria-description={`Rated ${title.rating}`} onClick={onOpen}>
        <Poster title={title} />
      </button>
      <RatingBadge rating={title.rating} />
    </li>
  );
}

function RetryButton({ onPress }: { onPress: () => void }) {
  const { ref, onFocus } = useFocusTarget<HTMLButtonElement>({ focusKey: 'search-retry' });
  return (
    <button ref={ref} onFocus={onFocus} type="button" className="btn" onClick={onPress}>
      Try again
    </button>
  );
}
