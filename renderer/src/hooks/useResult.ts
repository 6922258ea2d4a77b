/** A keyed data hook over a Result-returning bridge call: a pure fetcher plus stale-answer guard. */
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { BridgeError, Result } from '../../../shared/bridge';

export type Load<T> =
  | { status: 'loading' }
  | { status: 'ok'; value: T }
  | { status: 'error'; error: BridgeError };

/**
 * Runs `fetch` whenever `key` changes (or `reload()` is called); answers for an older key or an
 * unmounted component are dropped, which is as close to aborting as a bridge call gets.
 * `refresh()` fetches again too, but keeps showing the current value until the new one is there
 * (no loading state: nothing on screen is torn down, so focus stays where it was).
 */
export function useResult<T>(
  key: string,
  fetch: () => Promise<Result<T>>,
): [Load<T>, () => void, () => void] {
  const [attempt, setAttempt] = useState({ n: 0, quiet: false });
  // The settled answer, tagged with the question it answers; any other tag means "loading".
  const [settled, setSettled] = useState<{ tag: string; key: string; load: Load<T> } | null>(null);
  const tag = `${attempt.n}:${key}`;
  const start = useEffectEvent(() => fetch());
  useEffect(() => {
    let live = true;
    start().then(
      (res) => {
        if (!live) return;
        const load: Load<T> = res.ok
          ? { status: 'ok', value: res.value }
          : { status: 'error', error: res.error };
        setSettled({ tag, key, load });
      },
      (err: unknown) => {
        if (!live) return;
        console.error('couchside: bridge call failed', err);
        const error: BridgeError = {
          code: 'failed',
          message: 'Something went wrong. Please try again.',
        };
        setSettled({ tag, key, load: { status: 'error', error } });
      },
    );
    return () => {
      live = false;
    };
  }, [tag, key]);
  const reload = useCallback(() => setAttempt((a) => ({ n: a.n + 1, quiet: false })), []);
  const refresh = useCallback(() => setAttempt((a) => ({ n: a.n + 1, quiet: true })), []);
  const stillShown = attempt.quiet && settled?.key === key && settled.load.status === 'ok';
  const load: Load<T> = settled?.tag === tag || stillShown ? settled.load : { status: 'loading' };
  return [load, reload, refresh];
}
