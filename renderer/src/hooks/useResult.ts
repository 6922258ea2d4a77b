/**
 * The renderer's one data hook: every screen that shows something the host answers reads it
 * through `useResult` over a Result-returning bridge call (keyed, with a stale-answer guard,
 * reload, a quiet refresh and local updates), rather than an effect of its own.
 */
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { BridgeError, Result } from '../../../shared/bridge';

export type Load<T> =
  | { status: 'loading' }
  | { status: 'ok'; value: T }
  | { status: 'error'; error: BridgeError };

export interface Query<T> {
  load: Load<T>;
  /** Fetch again, showing the loading state ("Try again"). */
  reload: () => void;
  /**
   * Fetch again but keep showing the current value until the new one is there (nothing on screen
   * is torn down, so focus stays where it was). A refresh that cannot get through (host or service
   * unreachable) keeps the value too, and the next change tries again; a refusal that means
   * something (the profile was locked, the title is gone) replaces it.
   */
  refresh: () => void;
  /** Shows `value` now, as after a change this screen made and the host confirmed. */
  set: (value: T) => void;
  /** When the value on screen was fetched (ms since the epoch); 0 before the first answer. */
  fetchedAt: number;
}

const FAILED: BridgeError = { code: 'failed', message: 'Something went wrong. Please try again.' };
/** Errors that say nothing about the data (the host or the service could not answer this time). */
const TRANSIENT: ReadonlySet<BridgeError['code']> = new Set(['server_unreachable', 'failed']);

/**
 * Runs `fetch` whenever `key` changes (or `reload()`/`refresh()` is called); answers for an older
 * key or an unmounted component are dropped, which is as close to aborting as a bridge call gets.
 */
export function useResult<T>(key: string, fetch: () => Promise<Result<T>>): Query<T> {
  const [attempt, setAttempt] = useState({ n: 0, quiet: false });
  // The settled answer, tagged with the question it answers; any other tag means "loading".
  const [settled, setSettled] = useState<{ tag: string; key: string; load: Load<T>; at: number } | null>(null);
  const tag = `${attempt.n}:${key}`;
  const quiet = attempt.quiet;
  const start = useEffectEvent(() => fetch());
  useEffect(() => {
    let live = true;
    const settle = (load: Load<T>) =>
      setSettled((prev) =>
        // A quiet refresh that could not get through keeps what is on screen (re-tagged as the
        // current answer); a refusal that means something (profile locked, gone) replaces it.
        quiet && load.status === 'error' && TRANSIENT.has(load.error.code) && prev?.key === key && prev.load.status === 'ok'
          ? { ...prev, tag }
          : { tag, key, load, at: Date.now() },
      );
    start().then(
      (res) => {
        if (live) settle(res.ok ? { status: 'ok', value: res.value } : { status: 'error', error: res.error });
      },
      (err: unknown) => {
        if (!live) return;
        console.error('couchside: bridge call failed', err);
        settle({ status: 'error', error: FAILED });
      },
    );
    return () => {
      live = false;
    };
  }, [tag, key, quiet]);
  const reload = useCallback(() => setAttempt((a) => ({ n: a.n + 1, quiet: false })), []);
  const refresh = useCallback(() => setAttempt((a) => ({ n: a.n + 1, quiet: true })), []);
  const set = useCallback(
    (value: T) => setSettled((prev) => (prev?.key === key ? { ...prev, load: { status: 'ok', value } } : prev)),
    [key],
  );
  const stillShown = quiet && settled?.key === key && settled.load.status === 'ok';
  const current = settled?.tag === tag || stillShown ? settled : null;
  return { load: current?.load ?? { status: 'loading' }, reload, refresh, set, fetchedAt: current?.at ?? 0 };
}
