/**
 * Results as you type: waits for a pause in typing (debounce), asks the bridge, and drops any
 * answer that is not for the latest question (a slow answer to "ni" must not replace "night").
 */
import { useEffect, useState } from 'react';
import type { BridgeError, CouchsideBridge } from '../../../shared/bridge';
import type { Title } from '../../../shared/types';
import { realClock, type IdleClock } from './useIdle';

/** How long typing must pause before a search goes out. */
export const SEARCH_DEBOUNCE_MS = 250;

export type SearchState =
  /** Nothing typed yet (or only spaces). */
  | { status: 'empty' }
  /** Waiting for the pause or the answer; `previous` keeps the last results on screen meanwhile. */
  | { status: 'loading'; previous: Title[] }
  | { status: 'ok'; query: string; results: Title[] }
  | { status: 'error'; error: BridgeError };

const FAILED: BridgeError = { code: 'failed', message: 'Search is not working right now. Please try again.' };

type Answer = { tag: string; state: SearchState };

/** Returns the search state for `query` and a retry function (after an error). */
export function useSearch(
  bridge: CouchsideBridge,
  profileId: string,
  query: string,
  options: { delayMs?: number; clock?: IdleClock } = {},
): [SearchState, () => void] {
  const { delayMs = SEARCH_DEBOUNCE_MS, clock = realClock } = options;
  const q = query.trim();
  const [attempt, setAttempt] = useState(0);
  // The latest answer, tagged with the question it answers; any other tag means "still loading".
  const [answer, setAnswer] = useState<Answer | null>(null);
  const tag = `${attempt}:${profileId}:${q}`;

  useEffect(() => {
    if (q === '') return;
    let live = true;
    const timer = clock.setTimeout(() => {
      bridge.search(profileId, q).then(
        (res) => {
          if (!live) return;
          setAnswer({
            tag,
            state: res.ok ? { status: 'ok', query: q, results: res.value } : { status: 'error', error: res.error },
          });
        },
        (err: unknown) => {
          if (!live) return;
          console.error('couchside: search failed', err);
          setAnswer({ tag, state: { status: 'error', error: FAILED } });
        },
      );
    }, delayMs);
    return () => {
      // A newer question (or leaving Search): whatever comes back for this one is stale.
      live = false;
      clock.clearTimeout(timer);
    };
  }, [bridge, profileId, q, tag, delayMs, clock]);

  let state: SearchState;
  if (q === '') state = { status: 'empty' };
  else if (answer?.tag === tag) state = answer.state;
  else state = { status: 'loading', previous: answer?.state.status === 'ok' ? answer.state.results : [] };
  return [state, () => setAttempt((n) => n + 1)];
}
